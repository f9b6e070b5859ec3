"""The yearly well-being survey, for a council's staff: the indicators of a year beside last year
and other councils, as a table and a chart; and starting this year's survey."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.charts import Bar, bar_chart
from childrights.core.disclosure import may_show, round_count
from childrights.core.permissions import has_capability_in
from childrights.parenting import survey as survey_service
from childrights.parenting import wellbeing
from childrights.parenting.principles import principle, principles
from childrights.participation.builder import reads as builder_reads
from childrights.participation.models import AgeBand


@dataclass(frozen=True)
class AskedQuestion:
    """One question of the survey as the page lists it."""

    text: str
    articles: str
    principles: list[str]


@dataclass(frozen=True)
class Row:
    """One indicator as the table shows it, with its principles' names."""

    result: wellbeing.IndicatorResult
    principles: str  # the letters of the principles it evidences: "a, f"
    benchmark_why: str  # "" where the page says it once for every indicator


def _year(request: HttpRequest, default: int) -> int | None:
    """The year asked for (``?year=``), the default where none is given, and None where what is
    given is not a year."""
    given = request.GET.get("year", "").strip()
    if not given:
        return default
    return int(given) if given.isdigit() and 2000 <= int(given) <= 2100 else None


def _chart(results: list[wellbeing.IndicatorResult], year: int) -> SafeString | None:
    shown = [result for result in results if result.this_year is not None]
    if not shown:
        return None
    shorts = {indicator.slug: indicator.short_text() for indicator in wellbeing.indicators()}
    return bar_chart(
        chart_id="wellbeing-chart",
        title=_("Well-being indicators, %(year)s") % {"year": year},
        description=_(
            "The share of children and young people who answered each question in the way the "
            "indicator counts, in %(year)s. The same numbers are in the table beside it."
        )
        % {"year": year},
        bars=[
            Bar(
                shorts[result.slug],
                float(result.this_year.percent),
                _("%(percent)s%%") % {"percent": result.this_year.percent},
            )
            for result in shown
            if result.this_year is not None
        ],
        maximum=100.0,
    )


def _questions() -> list[AskedQuestion]:
    return [
        AskedQuestion(
            text=question.text(),
            articles=", ".join(str(article) for article in question.articles),
            principles=[principle(slug).title() for slug in question.principles],
        )
        for question in survey_service.survey_definition().questions
    ]


@login_required
def wellbeing_page(request: HttpRequest, council_id: int) -> HttpResponse:
    # Children's answers are the council's own: the programme team sees the benchmarks it
    # pools, never one council's page (as with children's answers to consultations).
    council = council_for_user_or_404(request=request, council_id=council_id, programme_team=False)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    surveys = survey_service.surveys_of(council=council)
    this_year = timezone.localdate().year
    year = _year(request, surveys[0].year if surveys else this_year)
    if year is None:
        messages.error(
            request,
            _("The year is not valid. A year is written in figures, like %(year)s.")
            % {"year": this_year},
        )
        return redirect("parenting:wellbeing", council_id=council.pk)
    survey = next((found for found in surveys if found.year == year), None)
    results = wellbeing.indicator_results(council=council, year=year)
    # Where no indicator has a benchmark for the same reason (too few councils, most often),
    # the page says so once rather than on every row.
    reasons = {result.benchmark_not_shown for result in results}
    benchmark_note = reasons.pop() if len(reasons) == 1 else ""
    respondents = (
        builder_reads.response_counts([survey.consultation]).get(survey.consultation_id, 0)
        if survey
        else 0
    )
    return render(
        request,
        "parenting/wellbeing/page.html",
        {
            "council": council,
            "year": year,
            "last_year": year - 1,
            "survey": survey,
            "years": [found.year for found in surveys],
            "results": results,
            "rows": [
                Row(
                    result=result,
                    principles=", ".join(
                        sorted(principle(slug).letter for slug in result.principles)
                    ),
                    benchmark_why="" if benchmark_note else result.benchmark_not_shown,
                )
                for result in results
            ],
            "benchmark_note": benchmark_note,
            "chart": _chart(results, year),
            "respondents": round_count(respondents),
            "enough_respondents": may_show(respondents),
            "can_start": (
                has_capability_in(request.user, council.pk, "edit")
                and not any(found.year == this_year for found in surveys)
            ),
            "this_year": this_year,
            "questions": _questions(),
            "principles": principles(),
            "min_councils": wellbeing.MIN_COUNCILS,
        },
    )


@login_required
def wellbeing_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, needs="edit", programme_team=False
    )
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    year = timezone.localdate().year
    existing = survey_service.survey_of(council=council, year=year)
    if existing is not None:
        messages.info(request, survey_service.already_running(year))
        return redirect(f"{reverse('parenting:wellbeing', args=[council.pk])}?year={year}")
    if request.method == "POST":
        try:
            made = survey_service.survey_create(
                actor=Actor.from_request(request), council=council, year=year
            )
        except survey_service.SurveyRefused as refused:
            messages.info(request, refused.message)
            return redirect(f"{reverse('parenting:wellbeing', args=[council.pk])}?year={year}")
        messages.success(
            request,
            _(
                "This year’s well-being survey has been made as a draft consultation. Check its "
                "questions, choose the designated safeguarding lead and deputy, then open it and "
                "give children and young people its link or their group’s code."
            ),
        )
        return redirect("participation:consultation", consultation_id=made.consultation_id)
    definition = survey_service.survey_definition()
    return render(
        request,
        "parenting/wellbeing/new.html",
        {
            "council": council,
            "year": year,
            "questions": _questions(),
            "closed": sum(1 for q in definition.questions if q.kind != "text"),
            "written": sum(1 for q in definition.questions if q.kind == "text"),
            "age_bands": [str(label) for _value, label in AgeBand.choices],
            "open_for": survey_service.OPEN_FOR.days,
        },
    )

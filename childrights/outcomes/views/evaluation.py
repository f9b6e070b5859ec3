"""Child-led evaluation of a self-assessment round: staff ask children and young people the
round's questions in their own words, then see children's answers beside the staff ratings."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.charts import Bar, bar_chart
from childrights.core.disclosure import may_show
from childrights.core.form_pages import refusal_shown_on
from childrights.core.language import is_welsh
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised, percent
from childrights.outcomes import evaluation as service
from childrights.outcomes import self_assessment
from childrights.outcomes.forms.evaluation import EvaluationForm
from childrights.outcomes.models import Level
from childrights.participation.builder import reads as builder_reads


def level_words(level: float | None) -> str:
    """A level, or a median between two levels, as people read it."""
    if level is None:
        return "–"
    if level == int(level):
        return str(Level(int(level)).label)
    return _("Between %(lower)s and %(higher)s") % {
        "lower": Level(int(level)).label,
        "higher": Level(int(level) + 1).label,
    }


@dataclass(frozen=True)
class Shown:
    """One comparison row as the page shows it."""

    row: service.ComparisonRow
    number: int
    staff: str
    children_view: str
    verdict: str  # what the comparison says, in words
    differs: bool
    chart: SafeString | None


def _verdict(row: service.ComparisonRow) -> str:
    if not row.comparable:
        return _(
            "The answers to this question were changed, so they cannot be compared with the "
            "staff levels"
        )
    if row.withheld:
        return _("Not enough answers yet to show")
    if row.staff_level is None:
        return _("Staff have not rated this indicator")
    if row.differs and (row.difference or 0.0) < 0:
        return _("Children rate this a whole level or more lower than staff")
    if row.differs:
        return _("Children rate this a whole level or more higher than staff")
    return _("Close to the staff rating")


def _chart(row: service.ComparisonRow, number: int) -> SafeString | None:
    if row.withheld or not row.answers or not row.answered:
        return None
    return bar_chart(
        chart_id=f"indicator-{number}-chart",
        title=localised(row.question, "text"),
        description=_(
            "The share of the %(count)s children who answered that gave each answer. "
            "The same numbers are in the table."
        )
        % {"count": row.answered},
        bars=[
            Bar(
                localised(answer.choice, "label"),
                float(answer.count),
                percent(answer.share, 0),
            )
            for answer in row.answers
        ],
        maximum=float(row.answered),
    )


@login_required
def evaluation_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    found = self_assessment.round_or_404(request=request, round_id=round_id)
    evaluation = service.evaluation_of(round=found)
    rows = [
        Shown(
            row=row,
            number=number,
            staff=level_words(row.staff_level) if row.staff_level is not None else _("Not rated"),
            children_view=level_words(row.median) if not row.withheld else "–",
            verdict=_verdict(row),
            differs=row.differs,
            chart=_chart(row, number),
        )
        for number, row in enumerate(service.comparison(round=found), start=1)
    ]
    respondents = (
        builder_reads.response_counts([evaluation.consultation]).get(evaluation.consultation_id, 0)
        if evaluation
        else 0
    )
    return render(
        request,
        "outcomes/evaluation/detail.html",
        {
            "council": found.council,
            "round": found,
            "evaluation": evaluation,
            "rows": rows,
            "differing": sum(1 for shown in rows if shown.differs),
            "respondents": respondents,
            "enough_respondents": may_show(respondents),
            "scale": _scale(),
            "can_edit": has_capability_in(request.user, found.council_id, "edit"),
        },
    )


@login_required
def evaluation_new(request: HttpRequest, round_id: int) -> HttpResponse:
    found = self_assessment.round_or_404(request=request, round_id=round_id, needs="edit")
    if service.evaluation_of(round=found) is not None:
        messages.info(request, service.already_asked())
        return redirect("outcomes:evaluation", round_id=found.pk)
    form = EvaluationForm(
        request.POST or None,
        indicators=service.round_indicators(),
        initial={
            "age_bands": list(service.DEFAULT_AGE_BANDS),
            **_suggested_initial(),
        },
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form, service.EvaluationRefused):
            created = service.evaluation_create(
                actor=Actor.from_request(request),
                round=found,
                indicators=form.chosen(),
                age_bands=form.cleaned_data["age_bands"],
            )
            messages.success(
                request,
                _(
                    "The consultation has been made as a draft, with one question for each "
                    "indicator. Check the questions, choose the designated safeguarding lead and "
                    "deputy, then open it to children and young people."
                ),
            )
            return redirect("participation:consultation", consultation_id=created.consultation_id)
    return render(
        request,
        "outcomes/evaluation/new.html",
        {
            "council": found.council,
            "round": found,
            "form": form,
            "scale": _scale(),
        },
    )


def _scale() -> list[tuple[str, str]]:
    """Each staff level beside the answer children give for it, in the page's language."""
    welsh = is_welsh()
    return [
        (str(Level(level).label), answer_cy if welsh else answer_en)
        for level, answer_en, answer_cy in service.SCALE
    ] + [(_("None: not counted"), service.DONT_KNOW[1] if welsh else service.DONT_KNOW[0])]


def _suggested_initial() -> dict[str, list[int]]:
    initial: dict[str, list[int]] = {}
    for indicator in service.suggested_indicators():
        initial.setdefault(f"principle_{indicator.principle.slug}", []).append(indicator.pk)
    return initial

"""Well-being indicators from the yearly survey, defined as data
(``data/wellbeing_indicators.json``): each is the share of children who gave one of its counted
answers to one survey question, out of those who gave any of the answers it counts from ("I'd
rather not say" and a skipped question count in neither).

Figures are read from each survey consultation's kept counts (``participation.tallies``), as the
child-led evaluation reads them, and shown under disclosure control (``core.disclosure``): no
figure stands on fewer children than ``may_show`` allows, and a share is shown only where both
the children who gave a counted answer and the rest are enough to show (the complement rule of
``core.disclosure.protect_counts_with_complements``: otherwise the share and the number of
children together would give away the few who answered differently). Shares are whole
percentages and counts of children are rounded as ``round_count`` rounds them.

Each indicator is given for the year asked, the year before, and a benchmark: every other council
on the platform that asked the same version of the survey that year and whose survey has closed,
pooled (children from all of them together): a survey still open would move the benchmark with
each child's answer. A council counts towards a benchmark only where enough of its own children to
show a figure of its own (``may_show``) gave a counted answer, and the benchmark is shown only
where at least ``MIN_COUNCILS`` councils do.
Demonstration councils are compared only with demonstration councils, real ones with real ones.

``indicator_results`` is what other modules (the board's report) read; its dataclasses are
stable.
"""

import datetime
import json
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.disclosure import SMALLEST_SHOWN, may_show, round_count, stated
from childrights.core.language import is_welsh
from childrights.councils.models import Council
from childrights.parenting.models import WellbeingQuestion, WellbeingSurvey
from childrights.parenting.survey import survey_definition
from childrights.participation import tallies
from childrights.participation.models import Consultation

INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "wellbeing_indicators.json"

# Fewest councils behind a benchmark. With two or three, a council that knows one other's
# figure (a neighbour's published report) could work out the rest, and one large council would
# be most of the comparison; five is the smallest peer group we judged to avoid both, while
# still letting a benchmark appear once a handful of councils run the survey.
MIN_COUNCILS = 5


@dataclass(frozen=True)
class Share:
    """A figure that may be shown."""

    percent: int  # of the children counted, those who gave a counted answer, as a whole
    # percentage (halves rounded up)
    children: int  # children counted (who gave one of the answers counted from), rounded as
    # core.disclosure.round_count rounds
    councils: int = 1  # councils behind it: more than one for a benchmark


@dataclass(frozen=True)
class IndicatorResult:
    slug: str
    title: str  # in the active language
    question: str  # the question as children of 12 to 15 are asked it, in the active language
    principles: tuple[str, ...]  # corporate parenting principle slugs (principles.py)
    articles: tuple[int, ...]  # UNCRC articles the question evidences
    this_year: Share | None
    last_year: Share | None
    benchmark: Share | None
    # Why each figure is not shown ("" when it is), in the active language.
    this_year_not_shown: str
    last_year_not_shown: str
    benchmark_not_shown: str

    @property
    def change(self) -> int | None:
        """This year less last year, in percentage points of the shares shown."""
        if self.this_year is None or self.last_year is None:
            return None
        return self.this_year.percent - self.last_year.percent


@dataclass(frozen=True)
class IndicatorDefinition:
    slug: str
    title: dict[str, str]
    short: dict[str, str]  # a label for a chart, at most 18 characters
    question: str  # survey question slug
    counts: tuple[str, ...]  # answer keys counted as the share
    out_of: tuple[str, ...]  # answer keys the share is out of
    principles: tuple[str, ...]

    def title_text(self) -> str:
        return self.title["cy" if is_welsh() else "en"]

    def short_text(self) -> str:
        return self.short["cy" if is_welsh() else "en"]


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(INDICATORS_FILE.read_text(encoding="utf-8"))
    return data


def indicators() -> list[IndicatorDefinition]:
    return [
        IndicatorDefinition(
            slug=row["slug"],
            title=row["title"],
            short=row["short"],
            question=row["question"],
            counts=tuple(row["counts"]),
            out_of=tuple(row["out_of"]),
            principles=tuple(row["principles"]),
        )
        for row in _data()["indicators"]
    ]


# --- counting --------------------------------------------------------------------------------

Figure = tuple[int, int]  # children who gave a counted answer, children counted from


def _figure(
    link: WellbeingQuestion, indicator: IndicatorDefinition, counts: tallies.Counts
) -> Figure | None:
    """The indicator's counts from one survey question, or None where its answers are no longer
    those it was made with (changed in the builder), so their meaning is unknown."""
    choices = list(link.question.choices.all())
    if [choice.label_en for choice in choices] != [label for _key, label in link.answers]:
        return None
    by_key: dict[str, int] = {}
    for (key, _label), choice in zip(link.answers, choices, strict=True):
        by_key[key] = by_key.get(key, 0) + counts.count(link.question_id, choice.pk)
    return (
        sum(by_key.get(key, 0) for key in indicator.counts),
        sum(by_key.get(key, 0) for key in indicator.out_of),
    )


def _survey_figures(
    survey: WellbeingSurvey, wanted: list[IndicatorDefinition]
) -> dict[str, Figure | None]:
    """Each indicator's figure in one survey; indicators whose question it did not ask are
    missing."""
    links = {
        link.slug: link
        for link in WellbeingQuestion.objects.filter(
            survey=survey, slug__in={indicator.question for indicator in wanted}
        ).prefetch_related("question__choices")
    }
    counts = tallies.counts(survey.consultation)
    return {
        indicator.slug: _figure(links[indicator.question], indicator, counts)
        for indicator in wanted
        if indicator.question in links
    }


def whole_percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, halves rounded up."""
    value = Fraction(part * 100, whole)
    return int(value + Fraction(1, 2))


def may_show_share(figure: Figure) -> bool:
    """Whether a share may be shown: enough children gave a counted answer, and enough did not
    (or none did not), so neither group can be worked out from the share and the number of
    children."""
    counted, out_of = figure
    rest = out_of - counted
    return may_show(counted) and (rest == 0 or may_show(rest))


def _share(figure: Figure, councils: int = 1) -> Share:
    counted, out_of = figure
    return Share(
        percent=whole_percent(counted, out_of), children=round_count(out_of), councils=councils
    )


def _too_few_either_way() -> str:
    return stated(
        _(
            "Not shown: fewer than %(smallest)s children gave the answers counted, or fewer "
            "than %(smallest)s gave the other answers"
        )
    )


def _own(
    figures: dict[str, Figure | None] | None, slug: str, year: int
) -> tuple[Share | None, str]:
    if figures is None:
        return None, _("No survey in %(year)s") % {"year": year}
    if slug not in figures:
        return None, _("Not asked in %(year)s") % {"year": year}
    figure = figures[slug]
    if figure is None:
        return None, _("Not counted: the question’s answers were changed in %(year)s") % {
            "year": year
        }
    if not may_show(figure[1]):
        return None, stated(_("Not shown: fewer than %(smallest)s children answered"))
    if not may_show_share(figure):
        return None, _too_few_either_way()
    return _share(figure), ""


def _benchmark(figures: list[dict[str, Figure | None]], slug: str) -> tuple[Share | None, str]:
    behind = [
        figure
        for council_figures in figures
        for figure in [council_figures.get(slug)]
        if figure is not None and may_show(figure[1])
    ]
    if len(behind) < MIN_COUNCILS:
        return None, _(
            "Not enough councils to compare: fewer than %(councils)s other councils asked "
            "these questions with at least %(smallest)s children answering"
        ) % {"councils": MIN_COUNCILS, "smallest": SMALLEST_SHOWN}
    pooled = (sum(counted for counted, _out in behind), sum(out for _counted, out in behind))
    if not may_show_share(pooled):
        return None, _too_few_either_way()
    return _share(pooled, councils=len(behind)), ""


def closed_by(day: datetime.date) -> Q:
    """Surveys (``WellbeingSurvey``) that were opened to children and had closed before ``day``
    began: closed by staff, or past their closing date. A draft never opened is not a survey
    that closed, whatever its dates say."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start_of_day = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    return Q(consultation__opened_at__isnull=False) & (
        Q(consultation__status=Consultation.Status.CLOSED, consultation__closed_at__lt=start_of_day)
        | Q(
            consultation__status__in=[Consultation.Status.OPEN, Consultation.Status.CLOSED],
            consultation__closes_on__lt=day,
        )
    )


def closed_now(today: datetime.date) -> Q:
    """Surveys that were opened to children and take no more answers: closed by staff, or past
    their closing date."""
    return Q(consultation__opened_at__isnull=False) & (
        Q(consultation__status=Consultation.Status.CLOSED)
        | Q(consultation__status=Consultation.Status.OPEN, consultation__closes_on__lt=today)
    )


def benchmark_surveys(
    *, council: Council, year: int, version: int, today: datetime.date | None = None
) -> list[WellbeingSurvey]:
    """The surveys a council's benchmark is drawn from: every other council's of that year and
    version that has closed (``closed_now``: a survey still taking answers would move the
    benchmark with each answer), demonstration councils only with each other."""
    return list(
        WellbeingSurvey.objects.select_related("consultation")
        .filter(closed_now(today or timezone.localdate()))
        .filter(year=year, version=version, council__is_demo=council.is_demo)
        .exclude(council=council)
        .order_by("council_id")
    )


def indicator_results(*, council: Council, year: int) -> list[IndicatorResult]:
    """Every indicator for the council's survey of ``year``: that year, the year before and the
    benchmark, each None where it may not be shown, with the reason why."""
    wanted = indicators()
    surveys = {
        survey.year: survey
        for survey in WellbeingSurvey.objects.select_related("consultation").filter(
            council=council, year__in=(year, year - 1)
        )
    }
    this_year = _survey_figures(surveys[year], wanted) if year in surveys else None
    last_year = _survey_figures(surveys[year - 1], wanted) if year - 1 in surveys else None
    version = surveys[year].version if year in surveys else survey_definition().version
    peers = [
        _survey_figures(survey, wanted)
        for survey in benchmark_surveys(council=council, year=year, version=version)
    ]
    definition = survey_definition()
    results = []
    for indicator in wanted:
        asked = definition.question(indicator.question)
        now, now_why = _own(this_year, indicator.slug, year)
        before, before_why = _own(last_year, indicator.slug, year - 1)
        benchmark, benchmark_why = _benchmark(peers, indicator.slug)
        results.append(
            IndicatorResult(
                slug=indicator.slug,
                title=indicator.title_text(),
                question=asked.text(),
                principles=indicator.principles,
                articles=asked.articles,
                this_year=now,
                last_year=before,
                benchmark=benchmark,
                this_year_not_shown=now_why,
                last_year_not_shown=before_why,
                benchmark_not_shown=benchmark_why,
            )
        )
    return results

"""The figures of progress reports: a partner council's figures for a period (its pilots,
self-assessment, indicators against their targets, participation, assessments and training
coverage) and the programme's partners side by side. They are pure functions of the records
as they stood in the period: every record is chosen by its own date, never by today's date;
numbers are exact fractions until the end, then rounded half up and kept as strings, in a
fixed order, so the same records always give the same figures, ready for JSON.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from childrights.assessments.reporting import (
    assessments_first_published,
    assessments_first_signed_off,
)
from childrights.core.presenters import plain_number
from childrights.councils.models import Council
from childrights.framework.models import Principle
from childrights.outcomes.models import (
    IndicatorTarget,
    Measurement,
    OutcomeIndicator,
    Rating,
    Report,
    Round,
)
from childrights.outcomes.training.coverage import COMPUTED_PREFIX, coverage
from childrights.outcomes.training.dates import quarter_end_on_or_before
from childrights.participation.reporting import (
    children_answered,
    commitments_published,
    commitments_to_date,
    consultations_opened,
)
from childrights.programme.models import Partnership, Pilot

FIGURES_VERSION = 1
# The self-assessment section shows the last few rounds held by the end of the period.
ROUNDS_SHOWN = 4

Progress = Callable[[int], None]


# Numbers -------------------------------------------------------------------------------------


def rounded(value: Fraction, places: int) -> str:
    """An exact number rounded half up (away from zero) to ``places`` decimals, as text."""
    scale = 10**places
    magnitude = abs(value) * scale
    whole = int(magnitude)
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    sign = -1 if value < 0 and whole else 1
    return str(Decimal(sign * whole).scaleb(-places))


def _bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``start`` and the first moment after ``end``, in the service's time
    zone whatever zone is active, so a record's day is the same for every reader."""
    zone = ZoneInfo(settings.TIME_ZONE)
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    return low, high


def _pair(obj: Any, field: str) -> dict[str, str]:
    return {
        "en": str(getattr(obj, f"{field}_en", "") or ""),
        "cy": str(getattr(obj, f"{field}_cy", "") or ""),
    }


# Sections of a partner's figures -------------------------------------------------------------


def _pilots(council: Council) -> list[dict[str, Any]]:
    pilots = Pilot.objects.filter(partnership__council=council).order_by(
        "partnership__programme_id", "position", "pk"
    )
    return [
        {
            "focus_area": _pair(pilot, "focus_area"),
            "target_group": _pair(pilot, "target_group"),
            "outcomes": _pair(pilot, "outcomes"),
        }
        for pilot in pilots
    ]


def _means(levels: list[int]) -> Fraction | None:
    return Fraction(sum(levels), len(levels)) if levels else None


def _row(means: list[Fraction | None], rated: list[int]) -> dict[str, Any]:
    first, last = (means[0], means[-1]) if means else (None, None)
    return {
        "means": [None if mean is None else rounded(mean, 2) for mean in means],
        "rated": rated,
        "change": (
            rounded(last - first, 2)
            if first is not None and last is not None and len(means) > 1
            else None
        ),
    }


def _self_assessment(council: Council, period_end: datetime.date) -> dict[str, Any]:
    """Each principle's mean level (0 to 3) in each of the last rounds held by the end of the
    period, and the change from the first of them to the last. Every rating a round holds
    counts, as it was recorded."""
    rounds = list(
        Round.objects.filter(council=council, held_on__lte=period_end).order_by("-held_on", "-pk")[
            :ROUNDS_SHOWN
        ]
    )[::-1]
    levels: dict[tuple[int, int], list[int]] = {}
    for round_id, principle_id, level in Rating.objects.filter(round__in=rounds).values_list(
        "round_id", "indicator__principle_id", "level"
    ):
        levels.setdefault((round_id, principle_id), []).append(level)
    principles = []
    for principle in Principle.objects.order_by("position", "pk"):
        cells = [levels.get((each.pk, principle.pk), []) for each in rounds]
        principles.append(
            {
                "slug": principle.slug,
                "name": _pair(principle, "name"),
                **_row([_means(cell) for cell in cells], [len(cell) for cell in cells]),
            }
        )
    overall = [
        [level for (round_id, _), found in levels.items() if round_id == each.pk for level in found]
        for each in rounds
    ]
    return {
        "rounds": [
            {
                "name": each.name,
                "held_on": each.held_on.isoformat(),
                "kind": each.kind,
                "closed": each.status == Round.Status.CLOSED,
            }
            for each in rounds
        ],
        "principles": principles,
        "overall": _row([_means(cell) for cell in overall], [len(cell) for cell in overall]),
    }


def _better(indicator: OutcomeIndicator, value: Fraction, than: Fraction) -> bool:
    """Whether ``value`` is at or beyond ``than`` in the indicator's better direction."""
    if indicator.better == OutcomeIndicator.Better.LOWER:
        return value <= than
    return value >= than


def _expected(target: IndicatorTarget, on: datetime.date) -> Fraction:
    """Where a straight line from the baseline to the target stands on a date."""
    baseline, aim = Fraction(target.baseline_value), Fraction(target.target_value)
    span = (target.target_on - target.baseline_on).days
    if span <= 0:
        return aim
    share = min(max(Fraction((on - target.baseline_on).days, span), Fraction(0)), Fraction(1))
    return baseline + (aim - baseline) * share


def _coverage_value(
    council: Council,
    indicator: OutcomeIndicator,
    period_start: datetime.date,
    period_end: datetime.date,
) -> Measurement | None:
    """A training coverage indicator's value at the last quarter end in the period, unsaved."""
    on = quarter_end_on_or_before(period_end)
    if on < period_start:
        return None
    role = indicator.computed_from.removeprefix(COMPUTED_PREFIX)
    share = next((row.share for row in coverage(council=council, on=on) if row.role == role), None)
    if share is None:
        return None
    return Measurement(
        council=council, indicator=indicator, period_end=on, value=share, breakdown=""
    )


def _indicators(
    council: Council, period_start: datetime.date, period_end: datetime.date
) -> list[dict[str, Any]]:
    """Each indicator a pilot set a target for (with a baseline by the end of the period): the
    latest total measured in the period and whether it is on track. On track means at or beyond
    where a straight line from the baseline to the target stands on the date measured; met
    means at or beyond the target itself."""
    targets = list(
        IndicatorTarget.objects.filter(council=council, baseline_on__lte=period_end)
        .select_related("indicator", "pilot")
        .order_by("pilot__position", "pilot_id", "indicator__name_en", "pk")
    )
    latest: dict[int, Measurement] = {}
    for measurement in Measurement.objects.filter(
        council=council,
        indicator__in=[target.indicator_id for target in targets],
        breakdown="",
        period_end__gte=period_start,
        period_end__lte=period_end,
    ).order_by("period_end", "pk"):
        latest[measurement.indicator_id] = measurement
    for target in targets:
        if target.indicator.computed_from.startswith(COMPUTED_PREFIX):
            # Coverage is worked out from the training records as they stood at the last quarter
            # end of the period, not read from stored values that are refreshed only when
            # training records change.
            computed = _coverage_value(council, target.indicator, period_start, period_end)
            if computed is None:
                latest.pop(target.indicator_id, None)
            else:
                latest[target.indicator_id] = computed
    found = []
    for target in targets:
        indicator = target.indicator
        value = latest.get(indicator.pk)
        expected = _expected(target, value.period_end) if value is not None else None
        if value is None or expected is None:
            status = "no-value"
        elif _better(indicator, Fraction(value.value), Fraction(target.target_value)):
            status = "met"
        elif _better(indicator, Fraction(value.value), expected):
            status = "on-track"
        else:
            status = "off-track"
        found.append(
            {
                "pilot": _pair(target.pilot, "focus_area"),
                "slug": indicator.slug,
                "name": _pair(indicator, "name"),
                "unit": indicator.unit,
                "better": indicator.better,
                "baseline": plain_number(target.baseline_value),
                "baseline_on": target.baseline_on.isoformat(),
                "latest": plain_number(value.value) if value else None,
                "latest_on": value.period_end.isoformat() if value else None,
                "expected": rounded(expected, 2) if expected is not None else None,
                "target": plain_number(target.target_value),
                "target_on": target.target_on.isoformat(),
                "status": status,
            }
        )
    return found


def _participation(
    council: Council, period_start: datetime.date, period_end: datetime.date
) -> dict[str, int]:
    """Consultations that opened in the period, children who answered in it, commitments
    published in it, and those published and done by its end (``participation.reporting``)."""
    low, high = _bounds(period_start, period_end)
    to_date = commitments_to_date(council=council, before=high, done_on=period_end)
    return {
        "consultations": consultations_opened(
            council=council, first_day=period_start, last_day=period_end
        ),
        "children": children_answered(council=council, since=low, before=high),
        "commitments_made": commitments_published(council=council, since=low, before=high),
        "commitments_to_date": to_date.published,
        "commitments_done": to_date.done,
    }


def _assessments(
    council: Council, period_start: datetime.date, period_end: datetime.date
) -> dict[str, int]:
    """Assessments completed (first signed off) in the period, and first published in it
    (``assessments.reporting``)."""
    low, high = _bounds(period_start, period_end)
    return {
        "completed": assessments_first_signed_off(council=council, since=low, before=high),
        "published": assessments_first_published(council=council, since=low, before=high),
    }


def _training(council: Council, period_end: datetime.date) -> dict[str, Any]:
    """Coverage of each role at the end of the period, and of all roles with a known number of
    people together. A role with neither a number of people nor anyone trained is left out."""
    rows = [
        row
        for row in coverage(council=council, on=period_end)
        if row.total is not None or row.trained
    ]
    trained = sum(row.trained for row in rows if row.total is not None)
    total = sum(row.total for row in rows if row.total is not None)
    return {
        "roles": [
            {
                "role": row.role,
                "trained": row.trained,
                "total": row.total,
                "share": None if row.share is None else str(row.share),
            }
            for row in rows
        ],
        "trained": trained,
        "total": total,
        "share": rounded(Fraction(trained * 100, total), 1) if total else None,
    }


def _council(council: Council) -> dict[str, Any]:
    return {
        "id": council.pk,
        "name": council.name,
        "short_name": council.short_name,
        "nation": council.nation,
        "is_demo": council.is_demo,
    }


def partner_figures(
    *,
    council: Council,
    period_start: datetime.date,
    period_end: datetime.date,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """A partner's figures for the period (both days included). ``progress`` hears how far the
    work has got, as a percentage; it does not change the figures."""

    def step(percent: int) -> None:
        if progress is not None:
            progress(percent)

    figures: dict[str, Any] = {
        "version": FIGURES_VERSION,
        "kind": Report.Kind.PARTNER.value,
        "council": _council(council),
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "pilots": _pilots(council),
    }
    figures["self_assessment"] = _self_assessment(council, period_end)
    step(20)
    figures["indicators"] = _indicators(council, period_start, period_end)
    step(40)
    figures["participation"] = _participation(council, period_start, period_end)
    step(60)
    figures["assessments"] = _assessments(council, period_start, period_end)
    step(80)
    figures["training"] = _training(council, period_end)
    step(100)
    return figures


def headline(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures of a partner the programme report puts side by side."""
    overall = figures["self_assessment"]["overall"]
    means = [mean for mean in overall["means"] if mean is not None]
    indicators = figures["indicators"]
    return {
        "level": overall["means"][-1] if overall["means"] else None,
        "level_change": overall["change"],
        "rounds": len(means),
        "indicators": len(indicators),
        "indicators_on_track": sum(row["status"] in {"met", "on-track"} for row in indicators),
        **figures["participation"],
        "assessments_completed": figures["assessments"]["completed"],
        "training_share": figures["training"]["share"],
    }


def programme_figures(
    *,
    period_start: datetime.date,
    period_end: datetime.date,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every partner that had joined by the end of the period, side by side, by name."""
    partnerships = list(
        Partnership.objects.select_related("council")
        .exclude(joined_on__gt=period_end)
        .order_by("council__short_name", "council_id", "pk")
    )
    partners = []
    seen: set[int] = set()
    for index, partnership in enumerate(partnerships, start=1):
        if partnership.council_id in seen:
            continue
        seen.add(partnership.council_id)
        figures = partner_figures(
            council=partnership.council, period_start=period_start, period_end=period_end
        )
        partners.append(
            {
                "council": _council(partnership.council),
                "status": partnership.status,
                "headline": headline(figures),
            }
        )
        if progress is not None:
            progress(index * 100 // len(partnerships))
    return {
        "version": FIGURES_VERSION,
        "kind": Report.Kind.PROGRAMME.value,
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "partners": partners,
    }

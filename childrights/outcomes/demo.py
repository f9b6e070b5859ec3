"""Three rounds of self-assessment for the demonstration council, showing change over time."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from childrights.councils.demo import demo_council
from childrights.framework.models import Indicator
from childrights.outcomes.models import (
    IndicatorTarget,
    Measurement,
    OutcomeIndicator,
    Rating,
    Round,
)
from childrights.programme.demo import demo_pilot

ROUNDS = [
    ("Baseline 2024", Round.Kind.BASELINE, date(2024, 1, 15), 0),
    ("Year 1 review", Round.Kind.YEARLY, date(2025, 1, 15), 1),
    ("Year 2 review", Round.Kind.YEARLY, date(2026, 1, 15), 2),
]


@transaction.atomic
def self_assessment_demo_load() -> str:
    council = demo_council()
    if Round.objects.filter(council=council).exists():
        return "demonstration self-assessment already loaded"
    indicators = list(Indicator.objects.filter(is_active=True).order_by("principle", "position"))
    for name, kind, held_on, step in ROUNDS:
        demo_round = Round.objects.create(
            council=council, name=name, kind=kind, held_on=held_on, status=Round.Status.CLOSED
        )
        Rating.objects.bulk_create(
            Rating(
                round=demo_round,
                indicator=indicator,
                # A made-up pattern of steady progress, faster for some principles.
                level=min(3, (index % 2) + step * (1 + index % 3) // 2),
                evidence="Demonstration evidence.",
            )
            for index, indicator in enumerate(indicators)
        )
    return f"{len(ROUNDS)} demonstration self-assessment rounds"


# Made-up yearly figures for the demonstration council, 2023 to 2026, with its baseline and
# target: (slug, values from 2023 to 2026, target for 2027).
DEMO_SERIES = [
    ("care-leavers-in-eet", ["48.0", "51.5", "55.0", "58.5"], "65.0"),
    ("young-people-listened-to", ["41.0", "47.0", "52.0", "64.0"], "70.0"),
    ("children-in-relative-poverty", ["31.0", "30.2", "29.1", "28.4"], "25.0"),
    ("youth-justice-first-time-entrants", ["4.1", "3.8", "3.2", "2.8"], "2.5"),
]


@transaction.atomic
def indicators_demo_load() -> str:
    council = demo_council()
    if Measurement.objects.filter(council=council).exists():
        return "demonstration measurements already loaded"
    pilot = demo_pilot()
    loaded = 0
    for slug, values, target in DEMO_SERIES:
        indicator = OutcomeIndicator.objects.filter(council__isnull=True, slug=slug).first()
        if indicator is None:
            continue
        Measurement.objects.bulk_create(
            Measurement(
                council=council,
                indicator=indicator,
                period_end=date(2023 + year, 3, 31),
                value=Decimal(value),
                note="Demonstration figure, not real",
            )
            for year, value in enumerate(values)
        )
        if pilot is None:
            continue
        IndicatorTarget.objects.create(
            council=council,
            pilot=pilot,
            indicator=indicator,
            baseline_value=Decimal(values[0]),
            baseline_on=date(2023, 3, 31),
            target_value=Decimal(target),
            target_on=date(2027, 3, 31),
        )
        loaded += 1
    return f"{loaded} demonstration indicators with four years of measurements"

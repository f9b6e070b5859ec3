"""Four years of measurements of the outcome indicators for the demonstration council, with
the targets of its pilot."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from childrights.councils.demo import demo_council
from childrights.outcomes.models import IndicatorTarget, Measurement, OutcomeIndicator
from childrights.programme.demo import demo_pilot

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

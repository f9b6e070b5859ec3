"""Three rounds of self-assessment for the demonstration council, showing change over time."""

from datetime import date

from django.db import transaction

from childrights.councils.demo import demo_council
from childrights.framework.models import Indicator
from childrights.outcomes.models import Rating, Round

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

"""Reads of a council's self-assessment, always through the council's own tenancy."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.framework import selectors as framework
from childrights.framework.models import Principle
from childrights.outcomes.models import Rating, Round


def rounds(*, council: Council) -> QuerySet[Round]:
    return Round.objects.filter(council=council).order_by("held_on", "pk")


def round_or_404(*, request: HttpRequest, round_id: int) -> Round:
    return get_owned_or_404(Round.objects.select_related("council"), request=request, pk=round_id)


def ratings(*, round: Round) -> dict[int, Rating]:
    """The round's ratings by indicator id."""
    return {rating.indicator_id: rating for rating in round.ratings.select_related("updated_by")}


def principles() -> QuerySet[Principle]:
    return framework.principles()


@dataclass(frozen=True)
class PrincipleProgress:
    principle: Principle
    cells: list[tuple[Round, float | None, int, int]]  # round, mean level, rated, indicators


def comparison(*, council: Council) -> tuple[list[Round], list[PrincipleProgress]]:
    """For each principle, the mean level of its rated indicators in each round."""
    all_rounds = list(rounds(council=council))
    found = Rating.objects.filter(round__in=all_rounds, indicator__is_active=True).values_list(
        "round_id", "indicator__principle_id", "level"
    )
    levels: dict[tuple[int, int], list[int]] = {}
    for round_id, principle_id, level in found:
        levels.setdefault((round_id, principle_id), []).append(level)
    table = []
    for principle in principles():
        total = len(principle.indicators.all())
        cells = []
        for each in all_rounds:
            rated = levels.get((each.pk, principle.pk), [])
            mean = sum(rated) / len(rated) if rated else None
            cells.append((each, mean, len(rated), total))
        table.append(PrincipleProgress(principle, cells))
    return all_rounds, table

"""Self-assessment rounds: a council rates itself against the framework's indicators, round
after round, to see change.

Reads always go through the council's own tenancy; writes are each audited, and a closed round
is never changed.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.framework import selectors as framework
from childrights.framework.models import Indicator, Principle
from childrights.outcomes.models import Rating, Round

# --- Reads ------------------------------------------------------------------------------------


def rounds(*, council: Council) -> QuerySet[Round]:
    return Round.objects.filter(council=council).order_by("held_on", "pk")


def round_or_404(*, request: HttpRequest, round_id: int, needs: str | None = None) -> Round:
    """One of the council's self-assessment rounds, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Round.objects.select_related("council"), request=request, needs=needs, pk=round_id
    )


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


# --- Writes -----------------------------------------------------------------------------------


class RoundClosed(Exception):
    pass


class ChangedMeanwhile(Exception):
    """Someone else saved ratings for these indicators after this page was loaded."""


@dataclass(frozen=True)
class RatingInput:
    indicator: Indicator
    level: int | None
    evidence: str
    links: str


@transaction.atomic
def round_create(*, actor: Actor, council: Council, name: str, kind: str, held_on: date) -> Round:
    created = Round.objects.create(council=council, name=name, kind=kind, held_on=held_on)
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=created)
    return created


@transaction.atomic
def ratings_save(
    *,
    actor: Actor,
    round: Round,
    entries: list[RatingInput],
    loaded_at: datetime | None = None,
) -> int:
    """Save the ratings given (an indicator left unrated stays as it was). Returns how many
    changed. If any of these indicators was saved after ``loaded_at``, nothing is saved."""
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status == Round.Status.CLOSED:
        raise RoundClosed
    existing = {
        rating.indicator_id: rating
        for rating in locked.ratings.select_related("indicator").filter(
            indicator__in=[entry.indicator for entry in entries]
        )
    }
    if loaded_at is not None and any(r.updated_at > loaded_at for r in existing.values()):
        raise ChangedMeanwhile
    changed = 0
    for entry in entries:
        if entry.level is None:
            continue
        rating = existing.get(entry.indicator.pk)
        values = {"level": entry.level, "evidence": entry.evidence, "links": entry.links}
        if rating is None:
            rating = Rating.objects.create(
                round=locked, indicator=entry.indicator, updated_by=_user(actor), **values
            )
            audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=rating)
            changed += 1
            continue
        differences = apply_changes(rating, values)
        if differences:
            rating.updated_by = _user(actor)
            rating.save()
            audit_record(
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                obj=rating,
                detail={"changed": differences},
            )
            changed += 1
    return changed


@transaction.atomic
def round_close(*, actor: Actor, round: Round) -> None:
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status == Round.Status.CLOSED:
        return
    locked.status, locked.closed_at = Round.Status.CLOSED, timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE, actor=actor, obj=locked, detail={"status": "closed"}
    )


def _user(actor: Actor) -> User | None:
    return actor.person if isinstance(actor.person, User) else None

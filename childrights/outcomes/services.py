"""Writes for self-assessment rounds and ratings. Every change is audited; a closed round is
never changed."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childrights.accounts.models import User
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.framework.models import Indicator
from childrights.outcomes.models import Rating, Round


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
def round_create(
    *, request: HttpRequest, council: Council, name: str, kind: str, held_on: date
) -> Round:
    created = Round.objects.create(council=council, name=name, kind=kind, held_on=held_on)
    audit_record(action=AuditEvent.Action.CREATE, request=request, obj=created)
    return created


@transaction.atomic
def ratings_save(
    *,
    request: HttpRequest,
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
                round=locked, indicator=entry.indicator, updated_by=_user(request), **values
            )
            audit_record(action=AuditEvent.Action.CREATE, request=request, obj=rating)
            changed += 1
            continue
        differences = apply_changes(rating, values)
        if differences:
            rating.updated_by = _user(request)
            rating.save()
            audit_record(
                action=AuditEvent.Action.UPDATE,
                request=request,
                obj=rating,
                detail={"changed": differences},
            )
            changed += 1
    return changed


@transaction.atomic
def round_close(*, request: HttpRequest, round: Round) -> None:
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status == Round.Status.CLOSED:
        return
    locked.status, locked.closed_at = Round.Status.CLOSED, timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE, request=request, obj=locked, detail={"status": "closed"}
    )


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None

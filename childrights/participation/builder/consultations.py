"""Writes for a consultation's details, its opening and its closing; each is audited."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import save_changes
from childrights.core.editing import changes_or_conflict
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.participation.builder.reads import opening_problems
from childrights.participation.builder.rules import (
    CONSULTATION_FIELDS,
    FROZEN_WHEN_OPEN,
    NotADraft,
    NotOpen,
    _lock,
    _same,
    _user,
)
from childrights.participation.models import Consultation


@transaction.atomic
def consultation_create(
    *, actor: Actor, council: Council, values: Mapping[str, Any]
) -> Consultation:
    fields = {name: values[name] for name in CONSULTATION_FIELDS if name in values}
    created = Consultation.objects.create(
        council=council,
        status=Consultation.Status.DRAFT,
        created_by=_user(actor),
        **fields,
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=created)
    return created


def consultation_details(consultation: Consultation) -> dict[str, Any]:
    """The details the editing page shows, as stored: what the page opens with."""
    return {name: getattr(consultation, name) for name in CONSULTATION_FIELDS}


@transaction.atomic
def consultation_update(
    *,
    actor: Actor,
    consultation: Consultation,
    values: Mapping[str, Any],
    opened: Mapping[str, Any] | None = None,
) -> Consultation:
    """Change the details. Raises NotADraft if a field that freezes at opening would change.
    With ``opened`` (``consultation_details`` when the page was opened), only the details this
    person changed are saved; one a colleague changed too raises EditConflict."""
    locked = _lock(consultation)
    fields = {name: values[name] for name in CONSULTATION_FIELDS if name in values}
    fields = dict(
        changes_or_conflict(
            keys=CONSULTATION_FIELDS,
            opened=opened,
            current=consultation_details(locked),
            submitted=fields,
        )
    )
    if locked.status != Consultation.Status.DRAFT and any(
        name in fields and not _same(fields[name], getattr(locked, name))
        for name in FROZEN_WHEN_OPEN
    ):
        raise NotADraft
    save_changes(actor=actor, instance=locked, values=fields)
    return locked


@transaction.atomic
def consultation_open(*, actor: Actor, consultation: Consultation) -> list[str]:
    """Open the consultation to children, or return what stops it (and change nothing)."""
    locked = _lock(consultation)
    if locked.status != Consultation.Status.DRAFT:
        raise NotADraft
    problems = opening_problems(locked)
    if problems:
        return problems
    locked.status, locked.opened_at = Consultation.Status.OPEN, timezone.now()
    locked.save(update_fields=["status", "opened_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        detail={"status": ["draft", "open"]},
    )
    return []


@transaction.atomic
def consultation_close(*, actor: Actor, consultation: Consultation) -> None:
    locked = _lock(consultation)
    if locked.status != Consultation.Status.OPEN:
        raise NotOpen
    locked.status, locked.closed_at = Consultation.Status.CLOSED, timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        detail={"status": ["open", "closed"]},
    )

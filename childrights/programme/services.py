"""Writes for the programme: partnerships, pilots, baseline figures, enquiries; all audited."""

from datetime import timedelta
from typing import Any

from django.db import transaction

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes, save_changes
from childrights.core.language import language_code
from childrights.core.models import AuditEvent
from childrights.core.ratelimit import Limit, rate_limit_consume
from childrights.programme.models import (
    BaselineFact,
    Enquiry,
    EnquiryNote,
    Partnership,
    Pilot,
)
from childrights.programme.tasks import send_enquiry_confirmation

# Per address, generous enough for an office where several people enquire; per email address,
# tight enough that one sender cannot flood the queue.
ENQUIRY_LIMITS = {
    "client": Limit("enquiry:client", 20, timedelta(hours=1)),
    "email": Limit("enquiry:email", 3, timedelta(days=1)),
}


@transaction.atomic
def partnership_create(*, actor: Actor, fields: dict[str, Any]) -> Partnership:
    partnership = Partnership.objects.create(**fields)
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=partnership)
    return partnership


@transaction.atomic
def partnership_update(
    *, actor: Actor, partnership: Partnership, fields: dict[str, Any]
) -> dict[str, list[str]]:
    return save_changes(
        actor=actor, instance=partnership, values=fields, council=partnership.council
    )


@transaction.atomic
def pilot_save(
    *,
    actor: Actor,
    partnership: Partnership,
    pilot: Pilot | None,
    fields: dict[str, Any],
    themes: Any,
) -> Pilot:
    if pilot is None:
        pilot = Pilot.objects.create(partnership=partnership, **fields)
        pilot.themes.set(themes)
        audit_record(
            action=AuditEvent.Action.CREATE, actor=actor, obj=pilot, council=partnership.council
        )
        return pilot
    changed = apply_changes(pilot, fields)
    before = sorted(pilot.themes.values_list("slug", flat=True))
    after = sorted(theme.slug for theme in themes)
    if before != after:
        changed["themes"] = [", ".join(before), ", ".join(after)]
    if changed:
        pilot.save()
        pilot.themes.set(themes)
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=pilot,
            council=partnership.council,
            detail={"changed": changed},
        )
    return pilot


@transaction.atomic
def baseline_fact_save(
    *,
    actor: Actor,
    partnership: Partnership,
    fact: BaselineFact | None,
    fields: dict[str, Any],
) -> BaselineFact:
    if fact is None:
        fact = BaselineFact.objects.create(partnership=partnership, **fields)
        audit_record(
            action=AuditEvent.Action.CREATE, actor=actor, obj=fact, council=partnership.council
        )
        return fact
    save_changes(actor=actor, instance=fact, values=fields, council=partnership.council)
    return fact


@transaction.atomic
def enquiry_submit(
    *, actor: Actor, fields: dict[str, Any], honeypot_filled: bool
) -> tuple[Enquiry, bool]:
    """Save an enquiry once and confirm it by email. Returns the enquiry and whether it was new.

    Nothing submitted is thrown away: suspected spam (the hidden field filled in, or too many
    enquiries from one address or email) is kept with status "held" for the team to review, and
    gets no confirmation email. Sending the same form again returns the enquiry already saved.
    """
    key = fields.get("submission_key")
    if key is not None:
        existing = Enquiry.objects.filter(submission_key=key).first()
        if existing is not None:
            return existing, False
    by_email = rate_limit_consume(ENQUIRY_LIMITS["email"], fields["email"])
    by_client = rate_limit_consume(ENQUIRY_LIMITS["client"], actor.client_ip or "unknown")
    if honeypot_filled:
        held = Enquiry.HeldReason.HIDDEN_FIELD
    elif by_email:
        held = Enquiry.HeldReason.EMAIL_LIMIT
    elif by_client:
        held = Enquiry.HeldReason.CLIENT_LIMIT
    else:
        held = Enquiry.HeldReason.NONE
    enquiry = Enquiry.objects.create(
        **fields,
        language=language_code(),
        status=Enquiry.Status.HELD if held else Enquiry.Status.NEW,
        held_reason=held,
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        actor_email=fields["email"],
        obj=enquiry,
        council=enquiry.council,
        detail={"held": held.value} if held else {},
    )
    if not held:
        transaction.on_commit(lambda: send_enquiry_confirmation.enqueue(enquiry_id=enquiry.pk))
    return enquiry, True


def enquiry_update(*, actor: Actor, enquiry: Enquiry, status: str, note: str) -> None:
    with transaction.atomic():
        save_changes(
            actor=actor, instance=enquiry, values={"status": status}, council=enquiry.council
        )
        if note.strip():
            added = EnquiryNote.objects.create(
                enquiry=enquiry,
                author=actor.person if isinstance(actor.person, User) else None,
                author_email=actor.person.email if actor.person is not None else "",
                text=note.strip(),
            )
            audit_record(
                action=AuditEvent.Action.CREATE,
                actor=actor,
                obj=added,
                council=enquiry.council,
            )

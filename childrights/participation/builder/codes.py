"""Writes for the access codes a class answers with; each is audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.participation.builder.rules import CODE_ATTEMPTS, ConsultationClosed, _lock
from childrights.participation.models import AccessCode, Consultation


@transaction.atomic
def code_create(
    *,
    actor: Actor,
    consultation: Consultation,
    group_name: str,
    responses_limit: int | None,
) -> AccessCode:
    locked = _lock(consultation)
    if locked.status == Consultation.Status.CLOSED:
        raise ConsultationClosed
    for attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                code = AccessCode.objects.create(
                    consultation=locked, group_name=group_name, responses_limit=responses_limit
                )
            break
        except IntegrityError:
            # Two codes drawn alike: vanishingly rare; draw again.
            if attempt == CODE_ATTEMPTS - 1:
                raise
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=code,
        detail={"group": group_name, "responses_limit": responses_limit},
    )
    return code


@transaction.atomic
def code_revoke(*, actor: Actor, code: AccessCode) -> None:
    """Stop a code working. Responses already sent through it stay."""
    locked = AccessCode.objects.select_for_update().get(pk=code.pk)
    if locked.revoked_at is not None:
        return
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        council=code.consultation.council,
        detail={"revoked": True},
    )

"""'This is wrong': what the public tell a council about one of its services, and the council
marking it dealt with.

A suggestion is never an edit: the owning team reads it and changes the service themselves, so
nothing here touches the service. Anyone may write one, signed in or not, so the words are
screened as children's words are (``participation.screening``): a possible disclosure is held
from the directory team and its council's safeguarding leads are told, without the words. A
client address may send only a few an hour, so a flood cannot bury the team's list. The same
form sent twice (a second press, a resend after a lost answer) keeps one suggestion.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.ratelimit import Limit, rate_limit_consume
from childrights.core.resends import sent_key
from childrights.core.tenancy import get_owned_or_404
from childrights.directory.held import alert as held_alert
from childrights.directory.models import Service, Suggestion
from childrights.participation.screening import screen

LONGEST = 2000
# Suggestions one client address may send in an hour.
LIMIT = Limit(scope="directory:suggestion:client", per_window=5, window=datetime.timedelta(hours=1))


# Reads ---------------------------------------------------------------------------------------


def council_suggestion_or_404(
    *, request: HttpRequest, council_id: int, suggestion_id: int, needs: str | None = None
) -> Suggestion:
    """One suggestion the directory team sees (not one held for the safeguarding leads)."""
    return get_owned_or_404(
        Suggestion.objects.filter(held=False).select_related("council", "service"),
        request=request,
        needs=needs,
        pk=suggestion_id,
        council_id=council_id,
    )


# Writes --------------------------------------------------------------------------------------


def suggestion_create(
    *, service: Service, text: str, actor: Actor, submission: uuid.UUID | None = None
) -> Suggestion:
    """Keep what someone said is wrong with ``service``, for its council's team.

    Sent again with the same ``submission`` (the form's own id: a resend, a second press) and
    the same words, the suggestion kept the first time is returned and nothing more is saved or
    sent; with other words (Back, changed, sent) it is another suggestion (``core.resends``).

    Refused (``ValidationError``, nothing saved) when blank, longer than ``LONGEST`` characters,
    or when the client address has sent more than ``LIMIT`` allows; words that may tell of harm
    are never refused for the limit: they are kept for the safeguarding leads.
    """
    written = text.strip()
    key = sent_key(submission, written) if submission is not None else None
    if key is not None:
        earlier = Suggestion.objects.filter(service=service, submission=key).first()
        if earlier is not None:
            return earlier
    if not written:
        raise ValidationError({"text": _("Tell us what is wrong.")})
    if len(written) > LONGEST:
        raise ValidationError(
            {"text": _("Write %(most)s characters or fewer.") % {"most": f"{LONGEST:,}"}}
        )
    held = screen([written], council_id=service.council_id) is not None
    # Counted before the write's transaction, so that messages sent at once each see the
    # others' attempts.
    refused = rate_limit_consume(LIMIT, actor.client_ip or "unknown")
    if refused is not None and not held:
        raise ValidationError(
            _(
                "You have sent a lot of messages in a short time. Nothing was sent this time: "
                "try again in %(minutes)s minutes."
            )
            % {"minutes": refused.retry_after_minutes}
        )
    return _suggestion_keep(service=service, text=written, held=held, submission=key)


@transaction.atomic
def _suggestion_keep(
    *, service: Service, text: str, held: bool, submission: uuid.UUID | None
) -> Suggestion:
    values = {"council_id": service.council_id, "text": text, "held": held}
    if submission is None:
        suggestion = Suggestion.objects.create(service=service, **values)
    else:
        # The same form sent twice at once: whichever request comes second gets the first's.
        suggestion, made = Suggestion.objects.get_or_create(
            service=service, submission=submission, defaults=values
        )
        if not made:
            return suggestion
    # Anonymous: the audit keeps neither the words nor the address they came from.
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=Actor(),
        obj=suggestion,
        council=service.council,
        detail={"service": str(service.pk), "held": held},
    )
    if held:
        held_alert(council=service.council, what=lambda: _about_service(service))
    return suggestion


def _about_service(service: Service) -> str:
    return _(
        "Someone told %(council)s that something is wrong on the page of the service “%(service)s”"
    ) % {"council": service.council.name, "service": service.name_en}


@transaction.atomic
def suggestion_dealt_with(*, suggestion: Suggestion, actor: Actor) -> Suggestion:
    """The team has read it and done what was needed. Saying so again changes nothing."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status == Suggestion.Status.DONE:
        return suggestion
    suggestion.status = Suggestion.Status.DONE
    suggestion.dealt_with_by = actor.person if isinstance(actor.person, User) else None
    suggestion.dealt_with_at = timezone.now()
    suggestion.save(update_fields=["status", "dealt_with_by", "dealt_with_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=suggestion,
        detail={"status": [Suggestion.Status.NEW.value, Suggestion.Status.DONE.value]},
    )
    return suggestion

"""Email and text messages, sent through GOV.UK Notify when it is configured.

Every message the service sends is one of the named ``KINDS``. A kind says whether it is an
email or a text message and which personalisation it gives its Notify template: always the
wording written here, in the recipient's language (``subject`` and ``body`` for an email,
``body`` for a text), and the fields named in ``fields`` (most give ``link``). Each kind has its
own template id setting (``NOTIFY_TEMPLATE_<KIND>``) and falls back to the generic email or text
template (``NOTIFY_TEMPLATE_EMAIL``, ``NOTIFY_TEMPLATE_TEXT``); see docs/adr/0020-notify.md.

Without ``NOTIFY_API_KEY`` emails go through Django's ``EMAIL_BACKEND`` (the console by default,
or SMTP) and text messages are written to the log: no account is needed.

Every request to Notify first takes a place in a window counted in the database
(``core.ratelimit.rate_limit_wait``), so all task workers together stay under Notify's limit of
3,000 requests a minute. Each message sent is recorded as a ``Delivery`` (Notify's id, the kind,
the recipient, the status and when), never its wording; Notify's delivery receipts update it.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.mail import send_mail
from django.dispatch import Signal
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from childrights.core.models import Delivery
from childrights.core.ratelimit import Limit, rate_limit_wait

logger = logging.getLogger(__name__)

Channel = Literal["email", "sms"]


@dataclass(frozen=True)
class Kind:
    name: str
    channel: Channel
    # Personalisation given besides the wording (subject and body): the Notify template may use
    # them, e.g. ((link)).
    fields: tuple[str, ...]
    description: str


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("password_reset", "email", (), "A link to choose a password (reset or first)."),
        Kind("role_invitation", "email", ("link",), "An invitation to take a role in a council."),
        Kind(
            "safeguarding_role_given",
            "email",
            ("link",),
            "Tells a council's leads someone gained a role that reads disclosures.",
        ),
        Kind("views_sent", "email", ("link",), "A child sent (or added to) views to a worker."),
        Kind(
            "safety_alert",
            "email",
            ("link",),
            "A child pressed 'I don't feel safe', or what they wrote may tell of harm.",
        ),
        Kind(
            "no_safeguarding_lead",
            "email",
            (),
            "A safety alert was raised in a council with no designated safeguarding lead.",
        ),
        Kind(
            "views_before_meeting",
            "email",
            ("link",),
            "Ask a child for their views before their meeting.",
        ),
        Kind("answer_overdue", "email", ("link",), "An answer to a child's views is overdue."),
        Kind(
            "assessment_review_due",
            "email",
            ("link",),
            "A child rights impact assessment is due for review.",
        ),
        Kind(
            "directory_message_held",
            "email",
            ("link",),
            "A message from the public to the directory was held for safeguarding.",
        ),
        Kind(
            "directory_services_to_check",
            "email",
            ("link",),
            "Services in the directory nobody has checked for months.",
        ),
        Kind(
            "feedback_overdue",
            "email",
            ("link",),
            "Children are waiting for the council's 'you said, we did'.",
        ),
        Kind(
            "safeguarding_concern",
            "email",
            ("link",),
            "A response to a consultation was put in the safeguarding queue.",
        ),
        Kind(
            "enquiry_confirmation",
            "email",
            (),
            "Thanks an enquirer for their enquiry about joining the programme.",
        ),
        Kind(
            "urgent_text_failed",
            "email",
            (),
            "An urgent safeguarding text to a member of staff could not be delivered.",
        ),
        Kind(
            "mobile_confirmation",
            "sms",
            (),
            "Text: a code to confirm a mobile number given for urgent alerts (the code only).",
        ),
        Kind(
            "safety_alert_text",
            "sms",
            ("link",),
            "Text: a child pressed 'I don't feel safe' (no name, no words, just the link).",
        ),
        Kind(
            "safeguarding_concern_text",
            "sms",
            ("link",),
            "Text: an urgent consultation response is in the safeguarding queue (just the link).",
        ),
    )
}

# Notify's statuses that will not change again.
FINAL_STATUSES = {"delivered", "permanent-failure", "temporary-failure", "technical-failure"}
FAILED_STATUSES = FINAL_STATUSES - {"delivered"} | {Delivery.NOT_ACCEPTED}
ATTEMPTS = 3

# Texts that tell of a child in danger: when one finally fails, someone must be told.
URGENT_TEXTS = {"safety_alert_text", "safeguarding_concern_text"}
# Sent once with ``delivery`` when an urgent text is not accepted by Notify, or its receipt
# says it failed. Received by accounts, which emails the council's safeguarding leads.
urgent_text_failed = Signal()


class UnknownMessage(ValueError):
    pass


def kind_of(name: str, channel: Channel, fields: dict[str, str]) -> Kind:
    """The kind named, once the personalisation given is exactly what it declares."""
    kind = KINDS.get(name)
    if kind is None or kind.channel != channel:
        raise UnknownMessage(f"No {channel} message is called {name!r}.")
    if set(fields) != set(kind.fields):
        raise UnknownMessage(
            f"The {name!r} message takes {sorted(kind.fields)}, not {sorted(fields)}."
        )
    return kind


def notify_configured() -> bool:
    return bool(settings.NOTIFY_API_KEY)


def template_id(kind: Kind) -> str:
    generic = "email" if kind.channel == "email" else "text"
    templates: dict[str, str] = settings.NOTIFY_TEMPLATE_IDS
    return templates.get(kind.name) or templates.get(generic, "")


def notify_limit() -> Limit:
    return Limit(
        scope="notify", per_window=settings.NOTIFY_REQUESTS_PER_MINUTE, window=timedelta(minutes=1)
    )


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def _wait_for_a_place() -> None:
    """Wait until the shared window has room for one more request to Notify."""
    while (wait := rate_limit_wait(notify_limit(), "requests")) > 0:
        sleep(wait)


def _client() -> NotificationsAPIClient:
    return NotificationsAPIClient(  # type: ignore[no-untyped-call]
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10
    )


def email_send(
    *,
    kind: str,
    subject: str,
    body: str,
    to: list[str],
    fields: dict[str, str],
    reference: str = "",
) -> None:
    """Send one email to each address: through Notify when configured, otherwise through
    Django's email backend. ``reference`` names the message (see ``message_reference``)."""
    chosen = kind_of(kind, "email", fields)
    if not notify_configured():
        send_mail(subject, body, None, to)
        return
    personalisation = {"subject": subject, "body": body, **fields}
    for address in to:
        _notify_send(chosen, address, personalisation, _reference(reference, address))


def text_send(
    *, kind: str, body: str, to: list[str], fields: dict[str, str], reference: str = ""
) -> None:
    """Send one text message to each mobile number: through Notify when configured, otherwise
    to the log (so development needs no account)."""
    chosen = kind_of(kind, "sms", fields)
    if not notify_configured():
        for number in to:
            logger.info("Text message to %s (Notify is not configured): %s", number, body)
        return
    personalisation = {"body": body, **fields}
    for number in to:
        _notify_send(chosen, number, personalisation, _reference(reference, number))


def message_reference() -> str:
    """A new message's name, chosen when it is queued, so that a task run twice sends the same
    message under the same reference (one ``Delivery``; Notify's reports show the repeat)."""
    return str(uuid.uuid4())


def _reference(message: str, recipient: str) -> uuid.UUID:
    """The reference of one recipient's copy: the same every time for the same message."""
    if not message:
        return uuid.uuid4()
    return uuid.uuid5(uuid.UUID(message), recipient)


def _notify_send(
    kind: Kind, recipient: str, personalisation: dict[str, str], reference: uuid.UUID
) -> Delivery:
    delivery, created = Delivery.objects.get_or_create(
        reference=reference,
        defaults={
            "kind": kind.name,
            "channel": kind.channel,
            "recipient": recipient,
            "status": Delivery.QUEUED,
        },
    )
    if not created and delivery.status != Delivery.QUEUED:
        # This message was already handed to Notify (or refused): the task ran again.
        logger.info("Message %s was already sent; not sent again.", delivery.pk)
        return delivery
    client = _client()
    for attempt in range(1, ATTEMPTS + 1):
        _wait_for_a_place()
        try:
            response = _post(client, kind, recipient, personalisation, str(delivery.reference))
        except APIError as error:
            retry = error.status_code == 429 or error.status_code >= 500
            if retry and attempt < ATTEMPTS:
                sleep(2**attempt)
                continue
            delivery.status = Delivery.NOT_ACCEPTED
            delivery.error = str(error)[:300]
            delivery.status_updated_at = timezone.now()
            delivery.save(update_fields=["status", "error", "status_updated_at"])
            logger.error("Notify did not accept %s message %s: %s", kind.name, delivery.pk, error)
            _tell_if_urgent(delivery)
            return delivery
        moment = timezone.now()
        row = Delivery.objects.filter(pk=delivery.pk)
        row.update(notify_id=response["id"], sent_at=moment)
        # A delivery receipt may have come first (Notify can be that quick): it is not undone.
        row.filter(status=Delivery.QUEUED).update(status="created", status_updated_at=moment)
        delivery.refresh_from_db()
        return delivery
    raise AssertionError("unreachable")  # pragma: no cover


def _post(
    client: NotificationsAPIClient,
    kind: Kind,
    recipient: str,
    personalisation: dict[str, str],
    reference: str,
) -> dict[str, Any]:
    if kind.channel == "email":
        result: dict[str, Any] = client.send_email_notification(  # type: ignore[no-untyped-call]
            recipient, template_id(kind), personalisation=personalisation, reference=reference
        )
    else:
        result = client.send_sms_notification(  # type: ignore[no-untyped-call]
            recipient, template_id(kind), personalisation=personalisation, reference=reference
        )
    return result


def delivery_receipt(payload: dict[str, Any]) -> bool:
    """Record a delivery receipt Notify sent us. False when it names no message we sent."""
    status = payload.get("status")
    if not isinstance(status, str) or not status or len(status) > 30:
        return False
    notify_id = _uuid_or_none(payload.get("id"))
    reference = _uuid_or_none(payload.get("reference"))
    delivery = None
    if notify_id is not None:
        delivery = Delivery.objects.filter(notify_id=notify_id).first()
    if delivery is None and reference is not None:
        delivery = Delivery.objects.filter(reference=reference).first()
    if delivery is None:
        return False
    was = delivery.status
    delivery.status = status
    delivery.status_updated_at = timezone.now()
    delivery.completed_at = _when(payload.get("completed_at"))
    if delivery.notify_id is None:
        delivery.notify_id = notify_id
    delivery.save(update_fields=["status", "status_updated_at", "completed_at", "notify_id"])
    if was not in FAILED_STATUSES:
        _tell_if_urgent(delivery)
    return True


def _tell_if_urgent(delivery: Delivery) -> None:
    """An urgent text that finally failed: tell someone, so the alert is not silently lost."""
    if delivery.kind in URGENT_TEXTS and delivery.status in FAILED_STATUSES:
        logger.error("Urgent %s message %s failed: %s", delivery.kind, delivery.pk, delivery.status)
        urgent_text_failed.send(sender=Delivery, delivery=delivery)


def _uuid_or_none(text: Any) -> uuid.UUID | None:
    if not isinstance(text, str):
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def statuses_refresh(*, now: datetime | None = None) -> int:
    """Ask Notify for the status of each message not yet final, sent within the last 7 days
    (Notify keeps them that long), each request in its turn under the shared limit: for a
    service that does not take Notify's delivery receipts, or to catch one that was missed.
    Returns how many changed."""
    moment = now or timezone.now()
    waiting = Delivery.objects.filter(
        notify_id__isnull=False, sent_at__gte=moment - timedelta(days=7)
    ).exclude(status__in=FINAL_STATUSES)
    client = _client()
    changed = 0
    for delivery in waiting.order_by("sent_at"):
        _wait_for_a_place()
        try:
            found: dict[str, Any] = client.get_notification_by_id(  # type: ignore[no-untyped-call]
                str(delivery.notify_id)
            )
        except APIError as error:
            logger.warning("Notify status of delivery %s not read: %s", delivery.pk, error)
            continue
        status = found.get("status")
        if isinstance(status, str) and status and status != delivery.status:
            delivery.status = status[:30]
            delivery.status_updated_at = timezone.now()
            delivery.completed_at = _when(found.get("completed_at"))
            delivery.save(update_fields=["status", "status_updated_at", "completed_at"])
            _tell_if_urgent(delivery)
            changed += 1
    return changed


def deliveries_prune(*, older_than: timedelta) -> int:
    """Delete delivery records (which hold staff addresses and numbers) past their use."""
    deleted, _ = Delivery.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


@register()
def notify_settings_check(**kwargs: Any) -> list[CheckMessage]:
    """With Notify configured, every kind must reach a template, and every template setting
    must name a kind (a misspelt one would otherwise be silently ignored)."""
    if not notify_configured():
        return []
    errors: list[CheckMessage] = []
    templates: dict[str, str] = settings.NOTIFY_TEMPLATE_IDS
    for kind in KINDS.values():
        if not template_id(kind):
            generic = "EMAIL" if kind.channel == "email" else "TEXT"
            errors.append(
                Error(
                    f"No GOV.UK Notify template for {kind.name!r} messages.",
                    hint=f"Set NOTIFY_TEMPLATE_{kind.name.upper()} or NOTIFY_TEMPLATE_{generic}.",
                    id="core.E101",
                )
            )
    for name in sorted(set(templates) - set(KINDS) - {"email", "text"}):
        errors.append(
            Error(
                f"NOTIFY_TEMPLATE_{name.upper()} names no kind of message.",
                hint="See the kinds in childrights/core/notify.py (docs/deployment.md).",
                id="core.E102",
            )
        )
    return errors

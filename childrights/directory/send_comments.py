"""A council's SEND local offer, and the comments on it with the council's answers.

The Children and Families Act 2014 s30 has each council publish a local offer for children and
young people with special educational needs and disabilities, and (s30(6)) publish comments
about it from children, young people and parents with its response and the action it will take.
The offer here is the council's published directory services for the shared need
``disability-and-send``: the team keeps one record per service, and the offer follows.

Comments work as "you said, we did" does for consultations (``participation.feedback``):
anyone comments, on the offer as a whole or on one of its services, without an account; the
words are screened (held for the safeguarding leads when they may tell of harm, ``held``); the
team publishes only the words as it moderated them (nothing that could identify anyone:
``participation.moderation``), with its answer, what it will do and how far that has got
(the statuses and rules of commitments, ``participation.feedback.rules``). Audit entries
record decisions, never the words.
"""

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.editing import changes_or_conflict
from childrights.core.models import AuditEvent
from childrights.core.ratelimit import Limit, rate_limit_consume
from childrights.core.resends import sent_key
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council, Nation
from childrights.directory import search_text, selectors
from childrights.directory.held import alert as held_alert
from childrights.directory.models import Need, SendComment, Service
from childrights.participation.feedback import rules
from childrights.participation.feedback.public import StatusTag, status_tag
from childrights.participation.models import Commitment
from childrights.participation.moderation import publication_problems
from childrights.participation.screening import screen

SEND_NEED = "disability-and-send"
LONGEST = 3000
# Comments one client address may send in an hour.
LIMIT = Limit(
    scope="directory:send-comment:client", per_window=5, window=datetime.timedelta(hours=1)
)
ANSWER_FIELDS = (
    "shown_text",
    "response_en",
    "response_cy",
    "action_en",
    "action_cy",
    "action_status",
    "reason_en",
    "reason_cy",
)


# Reads ---------------------------------------------------------------------------------------


def _published_send_services() -> QuerySet[Service]:
    return Service.objects.filter(
        Q(needs__code=SEND_NEED) | Q(needs__parent__code=SEND_NEED),
        is_published=True,
        status__in=selectors.SHOWN_STATUSES,
    )


def send_services(*, council: Council) -> QuerySet[Service]:
    """The council's published services for the SEND need (or a need under it): its offer."""
    return (
        _published_send_services()
        .filter(council=council)
        .select_related("organisation")
        .order_by("name_en")
        .distinct()
    )


def published_comments(*, council: Council) -> QuerySet[SendComment]:
    return SendComment.objects.filter(
        council=council, status=SendComment.Status.PUBLISHED, held=False
    ).select_related("service")


def councils_with_offer() -> QuerySet[Council]:
    """Councils with a SEND local offer to show: a published SEND service or a published
    answer to a comment. Each council is asked for one such service (by the SEND need's
    search key and its own, one probe of an index), never by gathering every SEND service of
    every council."""
    answered = SendComment.objects.filter(
        council=OuterRef("pk"), status=SendComment.Status.PUBLISHED, held=False
    )
    offered = Q(Exists(answered))
    for send in Need.objects.filter(code=SEND_NEED):  # the SEND need of each taxonomy
        services = Service.objects.filter(
            search_text.holding_in_council([search_text.need_key(send)], OuterRef("pk")),
            is_published=True,
            status__in=selectors.SHOWN_STATUSES,
        )
        offered |= Q(Exists(services))
    return Council.objects.filter(offered).order_by("name")


def offer_council_or_404(*, gss_code: str) -> Council:
    council = councils_with_offer().filter(gss_code=gss_code).first()
    if council is None:
        raise Http404
    return council


def offers_welsh(council: Council) -> bool:
    """Answers are needed in Welsh too for a council in Wales (the Welsh Language Standards)."""
    return bool(council.nation == Nation.WALES)


@dataclass(frozen=True)
class PublicComment:
    comment: SendComment
    tag: StatusTag
    not_doing: bool


def public_comments(*, council: Council) -> list[PublicComment]:
    return [
        PublicComment(
            comment=comment,
            tag=status_tag(comment.action_status),
            not_doing=comment.action_status == rules.NOT_DOING,
        )
        for comment in published_comments(council=council).order_by("-published_at", "-pk")
    ]


def council_comments(*, council: Council, status: str = "") -> QuerySet[SendComment]:
    """What the team sees: every comment not held for the safeguarding leads."""
    found = SendComment.objects.filter(council=council, held=False).select_related("service")
    return found.filter(status=status) if status else found


def status_counts(*, council: Council) -> dict[str, int]:
    counted = council_comments(council=council).values("status").annotate(n=Count("pk")).order_by()
    counts = {value: 0 for value in SendComment.Status.values}
    counts.update({row["status"]: row["n"] for row in counted})
    return counts


def council_comment_or_404(
    *, request: HttpRequest, council_id: int, comment_id: int, needs: str | None = None
) -> SendComment:
    """One comment the team sees (not one held for the safeguarding leads)."""
    return get_owned_or_404(
        SendComment.objects.filter(held=False).select_related("council", "service"),
        request=request,
        programme_team=False,
        needs=needs,
        pk=comment_id,
        council_id=council_id,
    )


# Rules ---------------------------------------------------------------------------------------


def answer_errors(*, council: Council, publish: bool, values: Mapping[str, str]) -> dict[str, str]:
    """What stops an answer being published, by field; nothing stops "do not publish"."""
    if not publish:
        return {}
    errors: dict[str, str] = {}
    problems = publication_problems(values.get("shown_text", ""))
    if problems:
        errors["shown_text"] = problems[0]
    if not values.get("response_en", "").strip():
        errors["response_en"] = _("Enter your answer to the comment, in English")
    status = values.get("action_status", "")
    if status not in Commitment.Status.values:
        errors["action_status"] = _("Choose how far what you will do has got")
    elif status != rules.NOT_DOING and not values.get("action_en", "").strip():
        errors["action_en"] = _("Enter what the council will do, in English")
    else:
        errors |= rules.reason_errors(
            welsh=offers_welsh(council),
            status=status,
            reason_en=values.get("reason_en", ""),
            reason_cy=values.get("reason_cy", ""),
        )
    welsh = {"response_cy": values.get("response_cy", "")}
    if values.get("action_en", "").strip():
        welsh["action_cy"] = values.get("action_cy", "")
    for name in rules.welsh_gaps(welsh=offers_welsh(council), published=True, texts=welsh):
        errors.setdefault(name, _("Enter the Welsh text: people reading in Welsh see this"))
    return errors


def answer_values(comment: SendComment) -> dict[str, Any]:
    """The comment's answer and status as an answering page opens them (``core.editing``)."""
    values: dict[str, Any] = {name: getattr(comment, name) for name in ANSWER_FIELDS}
    values["status"] = comment.status
    return values


# Writes --------------------------------------------------------------------------------------


def send_comment_create(
    *,
    council: Council,
    service: Service | None,
    commenter: str,
    text: str,
    language: str,
    actor: Actor,
    submission: uuid.UUID | None = None,
) -> SendComment:
    """Keep a comment on ``council``'s SEND local offer (or on ``service``, one of its services).

    Sent again with the same ``submission`` (the form's own id: a resend, a second press) and
    the same words, the comment kept the first time is returned and nothing more is saved or
    sent; with other words (Back, changed, sent) it is another comment (``core.resends``).

    Refused (``ValidationError``, nothing saved) when blank, longer than ``LONGEST`` characters,
    without who wrote it, about a service outside the offer, or when the client address has sent
    more than ``LIMIT`` allows. Words that may tell of harm are never refused for the limit:
    they are kept for the safeguarding leads whatever came before them.
    """
    written = text.strip()
    key = (
        sent_key(submission, written, commenter, service.pk if service else "")
        if submission is not None
        else None
    )
    if key is not None:
        earlier = SendComment.objects.filter(council=council, submission=key).first()
        if earlier is not None:
            return earlier
    errors: dict[str, str] = {}
    if commenter not in SendComment.Commenter.values:
        errors["commenter"] = _("Choose who you are")
    if not written:
        errors["text"] = _("Write your comment.")
    elif len(written) > LONGEST:
        errors["text"] = _("Write %(most)s characters or fewer.") % {"most": f"{LONGEST:,}"}
    if service is not None and not send_services(council=council).filter(pk=service.pk).exists():
        errors["service"] = _("Choose a service from the list")
    if errors:
        raise ValidationError(errors)
    held = screen([written], council_id=council.pk) is not None
    # Counted before the write's transaction, so that comments sent at once each see the
    # others' attempts (inside one, each would count only itself).
    refused = rate_limit_consume(LIMIT, actor.client_ip or "unknown")
    if refused is not None and not held:
        raise ValidationError(
            _(
                "You have sent a lot of messages in a short time. Nothing was sent this time: "
                "try again in %(minutes)s minutes."
            )
            % {"minutes": refused.retry_after_minutes}
        )
    return _comment_keep(
        council=council,
        service=service,
        commenter=commenter,
        language="cy" if language == "cy" else "en",
        text=written,
        held=held,
        submission=key,
    )


@transaction.atomic
def _comment_keep(
    *,
    council: Council,
    service: Service | None,
    commenter: str,
    language: str,
    text: str,
    held: bool,
    submission: uuid.UUID | None,
) -> SendComment:
    try:
        with transaction.atomic():
            comment = SendComment.objects.create(
                council=council,
                service=service,
                commenter=commenter,
                language=language,
                text=text,
                held=held,
                submission=submission,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request kept it.
        return SendComment.objects.get(council=council, submission=submission)
    # Anonymous: the audit keeps neither the words nor the address they came from.
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=Actor(),
        obj=comment,
        council=council,
        detail={"service": str(service.pk) if service else None, "held": held},
    )
    if held:
        held_alert(council=council, what=lambda: _about(council, service))
    return comment


def _about(council: Council, service: Service | None) -> str:
    if service is None:
        return _("Someone commented on the SEND local offer of %(council)s") % {
            "council": council.name
        }
    return _("Someone commented on “%(service)s” in the SEND local offer of %(council)s") % {
        "service": service.name_en,
        "council": council.name,
    }


def _reasons_only_for_not_doing(values: dict[str, Any]) -> None:
    if values["action_status"] != rules.NOT_DOING:
        values["reason_en"] = values["reason_cy"] = ""


@transaction.atomic
def send_comment_answer(
    *,
    actor: Actor,
    comment: SendComment,
    publish: bool,
    values: Mapping[str, str],
    opened: Mapping[str, Any] | None = None,
) -> str | None:
    """Publish the comment (as moderated) with the council's answer and action, or decide not
    to publish it. Answering again updates what is published (an action that has moved on);
    returns the comment's status after it, or None when nothing changed (the same answer
    again).

    With ``opened`` (the answer as the page showed it, ``answer_opened``), only what this person
    changed is saved, so a colleague's answer given meanwhile survives; a field a colleague
    changed too, to something else, raises EditConflict with nothing saved.

    Refused (``ValidationError`` by field, nothing saved) where ``answer_errors`` says so, of
    what was sent and of the answer as it would be saved.
    """
    locked = SendComment.objects.select_for_update().get(pk=comment.pk)
    if locked.held:
        raise ValidationError(_("This comment is held for the safeguarding leads."))
    cleaned = {name: str(values.get(name, "")).strip() for name in ANSWER_FIELDS}
    errors = answer_errors(council=locked.council, publish=publish, values=cleaned)
    if errors:
        raise ValidationError(errors)
    status = SendComment.Status.PUBLISHED if publish else SendComment.Status.NOT_PUBLISHED
    before = answer_values(locked)
    sent: dict[str, Any] = {**cleaned, "status": status} if publish else {"status": status}
    after = {
        **before,
        **changes_or_conflict(keys=sent, opened=opened, current=before, submitted=sent),
    }
    # A colleague's decision made meanwhile, where this person left the decision as it was,
    # stands: "published" below is what the comment is now, not what this page asked.
    published = after["status"] == SendComment.Status.PUBLISHED
    if publish:
        _reasons_only_for_not_doing(after)
    if published:
        errors = answer_errors(council=locked.council, publish=True, values=after)
        if errors:
            raise ValidationError(errors)
    changed = [name for name, value in after.items() if before[name] != value]
    if not changed:
        return None
    for name in changed:
        setattr(locked, name, after[name])
    now = timezone.now()
    locked.answered_by = actor.person if isinstance(actor.person, User) else None
    locked.answered_at = now
    if published and locked.published_at is None:
        locked.published_at = now
    locked.save(update_fields=[*changed, "answered_by", "answered_at", "published_at"])
    # The names of what changed and the statuses, never the words.
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        detail={
            "changed": changed,
            "status": [before["status"], after["status"]],
            "action_status": locked.action_status,
        },
    )
    comment.refresh_from_db()
    return str(after["status"])

"""Moderation of children's written answers: nothing a child wrote is published or quoted until a
person has read it and approved a redacted version.

Only ``Quote.redacted`` is ever published, never ``Answer.text``. Answers from a flagged response
(a possible disclosure of harm) are for the safeguarding lead alone: they never reach moderation,
results or exports. Answers from a withdrawn response are out of everything. Responses are
expanded into answers (``tallies.fold``) before the written answers are listed or counted.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.participation import redaction, tallies
from childrights.participation.models import Answer, Consultation, Question, Quote

# --- reads ---------------------------------------------------------------------------------------


def _publishable_answers() -> QuerySet[Answer]:
    """Written answers that may ever be considered for publication."""
    return (
        Answer.objects.filter(
            question__kind=Question.Kind.TEXT,
            response__flagged=False,
            response__withdrawn_at__isnull=True,
        )
        .exclude(text="")
        .select_related("question", "response")
    )


def written_answers(*, consultation: Consultation) -> QuerySet[Answer]:
    """The consultation's written answers that may be read beyond the safeguarding lead (not
    flagged, not withdrawn), as they stand: call ``tallies.fold`` first for the newest."""
    return _publishable_answers().filter(response__consultation=consultation)


def answer_or_404(*, request: HttpRequest, answer_id: int, needs: str | None = None) -> Answer:
    """A written answer to moderate. Outsiders, flagged and withdrawn answers: 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        _publishable_answers().select_related("question__consultation__council", "quote"),
        request=request,
        council_path="response__council",
        programme_team=False,
        needs=needs,
        pk=answer_id,
    )


def awaiting(*, consultation: Consultation) -> QuerySet[Answer]:
    """The consultation's written answers nobody has moderated yet, oldest first (every
    response sent so far expanded into answers first)."""
    tallies.fold(consultation)
    return (
        _publishable_answers()
        .filter(response__consultation=consultation, quote__isnull=True)
        .order_by("response__created_at", "response_id", "question__position", "pk")
    )


@dataclass(frozen=True)
class ModerationCounts:
    waiting: int
    approved: int
    rejected: int


def counts(*, consultation: Consultation) -> ModerationCounts:
    tallies.fold(consultation)
    answers = _publishable_answers().filter(response__consultation=consultation)
    totals = answers.aggregate(
        waiting=Count("pk", filter=Q(quote__isnull=True)),
        approved=Count("pk", filter=Q(quote__status=Quote.Status.APPROVED)),
        rejected=Count("pk", filter=Q(quote__status=Quote.Status.REJECTED)),
    )
    return ModerationCounts(**totals)


def approved_quotes(consultation: Consultation) -> QuerySet[Quote]:
    """The quotes that may be published for a consultation: approved, and from responses that
    are neither withdrawn nor flagged. Show ``quote.redacted``, never the answer's text."""
    return (
        Quote.objects.filter(
            consultation=consultation,
            status=Quote.Status.APPROVED,
            answer__response__withdrawn_at__isnull=True,
            answer__response__flagged=False,
        )
        .exclude(redacted="")
        .select_related("answer__question")
        .order_by("answer__question__position", "answer__question_id", "pk")
    )


def suggested_text(text: str) -> str:
    """The answer with every suggested span replaced, as a starting point for the moderator."""
    removed = _("[removed]")
    pieces = [removed if piece.kind else piece.text for piece in redaction.highlighted(text)]
    return "".join(pieces)


def publication_problems(text: str) -> list[str]:
    """Why this text cannot be approved for publication yet; empty when it can."""
    if not text.strip():
        return [_("Enter the text to publish, or choose not to publish this answer")]
    return [
        _("Remove the %(kind)s “%(found)s” before approving")
        % {"kind": span.label, "found": text[span.start : span.end].strip()}
        for span in redaction.blocking(text)
    ]


# --- writes --------------------------------------------------------------------------------------


class QuoteRefused(ValueError):
    """The text still holds something that could identify a child, or is empty."""


@transaction.atomic
def quote_decide(*, actor: Actor, answer: Answer, status: str, redacted: str) -> Quote:
    """Approve the answer in its redacted form, or decide not to publish it. Deciding again
    replaces the earlier decision. The audit log records the decision, never the words."""
    user = actor.person if isinstance(actor.person, User) else None
    if user is None:
        raise PermissionError("moderation needs a signed-in person")
    locked = (
        Answer.objects.select_for_update(of=("self",))
        .filter(pk=answer.pk, response__flagged=False, response__withdrawn_at__isnull=True)
        .select_related("response")
        .first()
    )
    if locked is None:
        raise QuoteRefused(_("This answer can no longer be published."))
    text = redacted.strip() if status == Quote.Status.APPROVED else ""
    if status == Quote.Status.APPROVED:
        problems = publication_problems(text)
        if problems:
            raise QuoteRefused(" ".join(problems))
    elif status != Quote.Status.REJECTED:
        raise QuoteRefused(_("Choose whether to publish this answer"))
    quote, created = Quote.objects.update_or_create(
        answer=locked,
        defaults={
            "consultation_id": locked.response.consultation_id,
            "status": status,
            "redacted": text,
            "decided_by": user,
            "decided_at": timezone.now(),
        },
    )
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        council=answer.question.consultation.council,
        detail={"quote": quote.pk, "status": status},
    )
    return quote

"""The safeguarding queue: concerns raised by screening, what leads decided, and the lexicon.

Only people whose role in the council grants the "safeguarding" capability (designated
safeguarding leads) reach any of this; the national programme team does not, unless it holds that
role in the council. Every look at a child's flagged words and every decision is audited; the
audit log records outcomes, never what the child wrote.
"""

import re
import statistics
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from childrights.accounts.models import Membership, User
from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.presenters import localised
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.participation.models import (
    AgeBand,
    Answer,
    Concern,
    Consultation,
    Decision,
    FollowUp,
    Phrase,
    Question,
)
from childrights.participation.screening import normalise, phrases_for

CAPABILITY = "safeguarding"
REVIEW_WINDOW = timedelta(days=365)


# --- reads ---------------------------------------------------------------------------------------


def council_or_404(*, request: HttpRequest, council_id: int) -> Council:
    """The council, for its safeguarding leads only; everyone else gets 404."""
    return council_for_user_or_404(
        request=request, council_id=council_id, capability=CAPABILITY, programme_team=False
    )


def concern_or_404(*, request: HttpRequest, concern_id: int) -> Concern:
    return get_owned_or_404(
        Concern.objects.select_related(
            "council", "consultation", "response__access_code", "first_reviewed_by"
        ),
        request=request,
        capability=CAPABILITY,
        programme_team=False,
        pk=concern_id,
    )


def phrase_or_404(*, request: HttpRequest, phrase_id: int) -> Phrase:
    """One of the council's own phrases (shipped phrases belong to no council: never these)."""
    return get_owned_or_404(
        Phrase.objects.filter(council__isnull=False).select_related("council"),
        request=request,
        capability=CAPABILITY,
        programme_team=False,
        pk=phrase_id,
    )


def waited(delta: timedelta) -> str:
    """A length of time as a lead reads it at a glance: "40 minutes", "3 hours", "2 days"."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def category_labels(categories: list[str]) -> list[str]:
    labels = dict(Phrase.Category.choices)
    return [str(labels.get(category, category)) for category in categories]


def age_band_label(value: str) -> str:
    return str(dict(AgeBand.choices).get(value, _("Not given")))


@dataclass(frozen=True)
class QueueRow:
    concern: Concern
    title: str
    categories: list[str]
    age_band: str
    waiting: str
    latest: Decision | None
    withdrawn: bool
    refused: str


def _row(concern: Concern, now: datetime) -> QueueRow:
    decisions = list(concern.decisions.all())
    latest = decisions[-1] if decisions else None
    return QueueRow(
        concern=concern,
        title=localised(concern.consultation, "title"),
        categories=category_labels(concern.categories),
        age_band=age_band_label(concern.age_band),
        waiting=waited(now - concern.created_at),
        latest=latest,
        withdrawn=concern.withdrawn_at is not None,
        refused=concern.get_refused_display() if concern.refused else "",
    )


def _concerns(council: Council) -> QuerySet[Concern]:
    return Concern.objects.filter(council=council).select_related(
        "consultation", "response", "assigned_to"
    )


def _with_decisions(concerns: QuerySet[Concern]) -> QuerySet[Concern]:
    return concerns.prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("decided_by").order_by("decided_at", "pk"),
        )
    )


def waiting_concerns(*, council: Council) -> QuerySet[Concern]:
    """Concerns nobody has decided on yet: most urgent first, then the longest waiting."""
    return _with_decisions(
        _concerns(council).filter(decisions__isnull=True).order_by("priority", "created_at", "pk")
    )


def decided_concerns(*, council: Council) -> QuerySet[Concern]:
    """Concerns with at least one decision, the most recently decided first."""
    return _with_decisions(
        _concerns(council)
        .annotate(latest_decision=Max("decisions__decided_at"))
        .filter(latest_decision__isnull=False)
        .order_by("-latest_decision", "-pk")
    )


def queue_rows(concerns: list[Concern], now: datetime | None = None) -> list[QueueRow]:
    now = now or timezone.now()
    return [_row(concern, now) for concern in concerns]


@dataclass(frozen=True)
class ReviewTimes:
    """How long concerns that arrived in the last 12 months waited for their first review."""

    median: timedelta | None
    reviewed: int
    not_reviewed: int

    @property
    def median_text(self) -> str:
        return waited(self.median) if self.median is not None else ""


def first_review_times(*, council: Council, now: datetime | None = None) -> ReviewTimes:
    now = now or timezone.now()
    rows = Concern.objects.filter(council=council, created_at__gt=now - REVIEW_WINDOW).values_list(
        "created_at", "first_reviewed_at"
    )
    delays = [(reviewed - created).total_seconds() for created, reviewed in rows if reviewed]
    return ReviewTimes(
        median=timedelta(seconds=statistics.median(delays)) if delays else None,
        reviewed=len(delays),
        not_reviewed=len(rows) - len(delays),
    )


@dataclass(frozen=True)
class Piece:
    """Part of a child's answer; ``label`` is set where a phrase from the lexicon matched."""

    text: str
    label: str = ""


def _phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """The phrase as a pattern over the child's own text, matching as ``screening`` does: whole
    words, any case, any run of punctuation or spaces between them, any kind of apostrophe."""
    words = normalise(phrase).split()
    if not words:
        return None
    parts = [re.escape(word).replace("'", "['’`]") for word in words]
    return re.compile(
        r"(?<![\w'’`])" + r"[^\w'’`]+".join(parts) + r"(?![\w'’`])",
        re.IGNORECASE,
    )


def marked(text: str, phrases: list[Phrase]) -> list[Piece]:
    """The text cut into pieces, each phrase found marked with its category."""
    text = unicodedata.normalize("NFC", text)
    labels = dict(Phrase.Category.choices)
    spans: list[tuple[int, int, str]] = []
    for phrase in phrases:
        pattern = _phrase_pattern(phrase.phrase)
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end(), str(labels.get(phrase.category, ""))))
    merged: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        if merged and start < merged[-1][1]:  # overlaps the phrase before: one mark for both
            first_start, first_end, first_label = merged.pop()
            merged.append((first_start, max(first_end, end), first_label))
        else:
            merged.append((start, end, label))
    pieces: list[Piece] = []
    at = 0
    for start, end, label in merged:
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], label))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


@dataclass(frozen=True)
class WrittenAnswer:
    question: str
    pieces: list[Piece]


@dataclass(frozen=True)
class ClosedAnswer:
    question: str
    choices: list[str]


@dataclass(frozen=True)
class ConcernDetail:
    written: list[WrittenAnswer]
    closed: list[ClosedAnswer]
    decisions: list[Decision]
    categories: list[str]
    age_band: str
    language: str
    follow_ups: list[FollowUp]


def concern_detail(*, concern: Concern) -> ConcernDetail:
    """Everything the lead needs on one page: the words (phrases marked), the other answers for
    context, and what was decided before. Refused answers were never stored as a response:
    their written answers were kept with the concern."""
    phrases = phrases_for(concern.council)
    written: list[WrittenAnswer] = []
    closed: dict[int, ClosedAnswer] = {}
    if concern.response is None:
        held = (concern.held or {}).get("written") or []
        asked = Question.objects.filter(
            consultation=concern.consultation_id,
            pk__in=[item["question"] for item in held if item.get("question")],
        ).in_bulk()
        for item in held:
            question = asked.get(item.get("question"))
            label = localised(question, "text") if question else _("A written answer")
            written.append(WrittenAnswer(label, marked(str(item.get("text", "")), phrases)))
    else:
        answers = (
            Answer.objects.filter(response=concern.response)
            .select_related("question", "choice")
            .order_by("question__position", "question_id", "rank", "pk")
        )
        for answer in answers:
            question_text = localised(answer.question, "text")
            if answer.question.kind == Question.Kind.TEXT:
                written.append(WrittenAnswer(question_text, marked(answer.text, phrases)))
            elif answer.choice is not None:
                row = closed.setdefault(answer.question_id, ClosedAnswer(question_text, []))
                row.choices.append(localised(answer.choice, "label"))
    languages = dict(Consultation.Languages.choices)
    return ConcernDetail(
        written=written,
        closed=list(closed.values()),
        decisions=list(concern.decisions.select_related("decided_by").order_by("decided_at", "pk")),
        categories=category_labels(concern.categories),
        age_band=age_band_label(concern.age_band),
        language=str(languages.get(concern.language, concern.language)),
        follow_ups=list(concern.follow_ups.select_related("created_by", "done_by")),
    )


def membership_still_needed(membership: Membership) -> list[str]:
    """Why this role cannot be taken away yet: its holder is the safeguarding lead or deputy of
    a consultation that is still open, and without the role would no longer hear of what
    children write there. Name someone else in the consultation first."""
    if membership.council_id is None or not membership.role.grants(CAPABILITY):
        return []
    others = Membership.objects.filter(user=membership.user_id, council=membership.council_id)
    if any(other.role.grants(CAPABILITY) for other in others.exclude(pk=membership.pk)):
        return []
    named = Consultation.objects.filter(
        Q(safeguarding_lead=membership.user_id) | Q(safeguarding_deputy=membership.user_id),
        council=membership.council_id,
    ).exclude(status__in=[Consultation.Status.DRAFT, Consultation.Status.CLOSED])
    return [
        _(
            "They are the safeguarding lead or deputy for “%(title)s”, which is still open. "
            "Name someone else for it first."
        )
        % {"title": localised(consultation, "title")}
        for consultation in named.order_by("pk")
    ]


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    english: list[Phrase]
    welsh: list[Phrase]


def shipped_phrases() -> list[CategoryCount]:
    """The shipped lexicon by category, with its phrases in each language."""
    shipped = list(Phrase.objects.filter(council__isnull=True).order_by("category", "phrase"))
    return [
        CategoryCount(
            category=value,
            label=str(label),
            english=[p for p in shipped if p.category == value and p.language == "en"],
            welsh=[p for p in shipped if p.category == value and p.language == "cy"],
        )
        for value, label in Phrase.Category.choices
    ]


def council_phrases(*, council: Council) -> QuerySet[Phrase]:
    return (
        Phrase.objects.filter(council=council)
        .select_related("added_by")
        .order_by("category", "phrase", "pk")
    )


def phrase_already(*, council: Council, phrase: str) -> Phrase | None:
    """A shipped or council phrase that already matches exactly what this one would."""
    wanted = normalise(phrase)
    for existing in phrases_for(council):
        if normalise(existing.phrase) == wanted:
            return existing
    return None


# --- writes --------------------------------------------------------------------------------------


def _user(actor: Actor) -> User | None:
    return actor.person if isinstance(actor.person, User) else None


def queue_view(*, actor: Actor, council: Council) -> None:
    """Record that someone looked at the queue (it names consultations, ages and categories)."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        council=council,
        detail={"page": "safeguarding queue"},
    )


@transaction.atomic
def concern_view(*, actor: Actor, concern: Concern) -> Concern:
    """Record the view, and the first time anyone opened it. Opening is not reviewing: the lead
    says when they have reviewed it (``concern_mark_reviewed``)."""
    now = timezone.now()
    first = bool(
        Concern.objects.filter(pk=concern.pk, first_opened_at__isnull=True).update(
            first_opened_at=now
        )
    )
    if first:
        concern.first_opened_at = now
    audit_record(
        action=AuditEvent.Action.VIEW,
        actor=actor,
        obj=concern,
        detail={"page": "concern", "first_opened": first},
    )
    return concern


@transaction.atomic
def concern_mark_reviewed(*, actor: Actor, concern: Concern) -> bool:
    """The lead says they have reviewed the concern; recorded once, the first time."""
    now = timezone.now()
    marked_now = bool(
        Concern.objects.filter(pk=concern.pk, first_reviewed_at__isnull=True).update(
            first_reviewed_at=now, first_reviewed_by=_user(actor)
        )
    )
    if marked_now:
        concern.first_reviewed_at = now
        concern.first_reviewed_by = _user(actor)
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=concern,
            detail={"first_reviewed": now.isoformat()},
        )
    return marked_now


def council_safeguarding_leads(*, council_id: int) -> QuerySet[User]:
    """Everyone who may be given a concern to look after: the council's safeguarding leads."""
    from childrights.accounts.selectors import users_with_capability

    return users_with_capability(council_id=council_id, capability=CAPABILITY)


@transaction.atomic
def concern_assign(*, actor: Actor, concern: Concern, lead: User | None) -> None:
    """Name the lead who looks after the concern (or nobody); only a safeguarding lead."""
    if (
        lead is not None
        and not council_safeguarding_leads(council_id=concern.council_id)
        .filter(pk=lead.pk)
        .exists()
    ):
        raise PermissionError("only a safeguarding lead of the council can look after it")
    Concern.objects.filter(pk=concern.pk).update(assigned_to=lead)
    concern.assigned_to = lead
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=concern,
        detail={"assigned_to": lead.pk if lead is not None else None},
    )


@transaction.atomic
def follow_up_add(*, actor: Actor, concern: Concern, action: str, due_on: date) -> FollowUp:
    user = _user(actor)
    if user is None:
        raise PermissionError("a follow-up needs a signed-in person")
    follow_up = FollowUp.objects.create(
        concern=concern, action=action.strip(), due_on=due_on, created_by=user
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=follow_up,
        council=concern.council,
        detail={"concern": concern.pk, "due_on": due_on.isoformat()},
    )
    return follow_up


@transaction.atomic
def follow_up_done(*, actor: Actor, follow_up: FollowUp) -> None:
    updated = FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=_user(actor)
    )
    if updated:
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=follow_up,
            council=follow_up.concern.council,
            detail={"concern": follow_up.concern_id, "done": True},
        )


@transaction.atomic
def decision_record(
    *,
    actor: Actor,
    concern: Concern,
    outcome: str,
    reason: str,
    decided_at: datetime,
) -> Decision:
    """A lead's decision. Earlier decisions stay: the latest is the one the queue shows."""
    user = _user(actor)
    if user is None:
        raise PermissionError("a decision needs a signed-in person")
    decision = Decision.objects.create(
        concern=concern,
        outcome=outcome,
        reason=reason.strip(),
        decided_by=user,
        decided_at=decided_at,
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=decision,
        council=concern.council,
        detail={
            "concern": concern.pk,
            "outcome": outcome,
            "decided_at": decided_at.isoformat(),
        },
    )
    return decision


class PhraseExists(Exception):
    """The council (or the shipped list) already has this phrase."""


@transaction.atomic
def phrase_add(
    *,
    actor: Actor,
    council: Council,
    language: str,
    category: str,
    phrase: str,
    priority: int,
) -> Phrase:
    if phrase_already(council=council, phrase=phrase) is not None:
        raise PhraseExists
    try:
        with transaction.atomic():
            added = Phrase.objects.create(
                council=council,
                language=language,
                category=category,
                phrase=" ".join(phrase.split()),
                priority=priority,
                added_by=_user(actor),
            )
    except IntegrityError as error:
        raise PhraseExists from error
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=added,
        council=council,
        detail={"phrase": added.phrase, "category": category, "priority": priority},
    )
    return added


@transaction.atomic
def phrase_delete(*, actor: Actor, phrase: Phrase) -> None:
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=phrase,
        council=phrase.council,
        detail={"phrase": phrase.phrase, "category": phrase.category},
    )
    phrase.delete()

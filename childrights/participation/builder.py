"""Writes for building a consultation: its details, questions, wording, opening, closing and
access codes. Every write is audited.

Questions, their answers and their wording change only while the consultation is a draft: once
children have been asked, everyone must have been asked the same thing, or the answers could not
be compared. For the same reason the age bands, languages, "about you" questions and whether
children give their name freeze at opening; the title, purpose, dates, safeguarding leads and
limits can still change.

Each write locks the consultation's row first, so a question cannot be added while someone else
opens the consultation.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.editing import changes_or_conflict
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.participation.models import (
    AccessCode,
    AgeBand,
    Choice,
    Consultation,
    Question,
    Response,
    Wording,
)

# What a child can be asked: the number of answers each kind of question takes.
MIN_ANSWERS = 2
MAX_ANSWERS = {Question.Kind.SINGLE: 10, Question.Kind.MULTIPLE: 10, Question.Kind.RANKING: 6}
WRITTEN_ANSWERS = frozenset(MAX_ANSWERS)

# Faces and yes/no questions always offer the same answers, so they compare across
# consultations. These are stored as data in both languages, like any other answer.
STANDARD_ANSWERS: dict[str, tuple[tuple[str, str, str], ...]] = {
    Question.Kind.FACES: (
        ("Very unhappy", "Anhapus iawn", "😞"),
        ("Unhappy", "Anhapus", "🙁"),
        ("Neither happy nor unhappy", "Ddim yn hapus nac yn anhapus", "😐"),
        ("Happy", "Hapus", "🙂"),
        ("Very happy", "Hapus iawn", "😀"),
    ),
    Question.Kind.YES_NO: (
        ("Yes", "Ie", ""),
        ("No", "Na", ""),
        ("Not sure", "Ddim yn siŵr", ""),
    ),
}

# Fields that change what children are asked or what is kept about them.
FROZEN_WHEN_OPEN = ("age_bands", "languages", "about_you", "identified")
CONSULTATION_FIELDS = (
    "title_en",
    "title_cy",
    "purpose_en",
    "purpose_cy",
    "pilot",
    "about_en",
    "about_cy",
    "age_bands",
    "languages",
    "opens_on",
    "closes_on",
    "identified",
    "identified_reason",
    "safeguarding_lead",
    "safeguarding_deputy",
    "about_you",
    "responses_limit",
)
CODE_ATTEMPTS = 5


class NotADraft(Exception):
    """The change is refused: the consultation is no longer a draft."""


class ConsultationClosed(Exception):
    """The consultation has closed: no new access codes."""


class NotOpen(Exception):
    """Only an open consultation can be closed."""


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    text_en: str
    text_cy: str
    hint_en: str
    hint_cy: str
    required: bool
    answers_en: tuple[str, ...] = ()
    answers_cy: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordingInput:
    audience: str
    text_en: str
    text_cy: str
    hint_en: str
    hint_cy: str

    @property
    def is_empty(self) -> bool:
        return not any((self.text_en, self.text_cy, self.hint_en, self.hint_cy))


# --- reads the builder pages share --------------------------------------------------------


def audiences(consultation: Consultation) -> list[tuple[str, str]]:
    """Who a question can be worded for: each of the consultation's age bands, then easy read."""
    labels = dict(AgeBand.choices)
    return [
        (band, str(labels[band])) for band in AgeBand.values if band in consultation.age_bands
    ] + [(Wording.EASY_READ, _("Easy read"))]


def response_counts(consultations: Sequence[Consultation]) -> dict[int, int]:
    """Responses not withdrawn, by consultation id, in one query."""
    rows = (
        Response.objects.filter(consultation__in=consultations, withdrawn_at__isnull=True)
        .values("consultation_id")
        .annotate(total=Count("id"))
        .values_list("consultation_id", "total")
    )
    return dict(rows)


def code_response_counts(consultation: Consultation) -> dict[int, int]:
    """Responses not withdrawn, by access code id."""
    rows = (
        Response.objects.filter(
            consultation=consultation, access_code__isnull=False, withdrawn_at__isnull=True
        )
        .values("access_code_id")
        .annotate(total=Count("id"))
        .values_list("access_code_id", "total")
    )
    return dict(rows)


def safeguarding_people(council: Council) -> list[User]:
    """Active members of the council whose role there grants the safeguarding capability."""
    users = (
        User.objects.filter(is_active=True, memberships__council=council)
        .prefetch_related("memberships__role")
        .distinct()
        .order_by("full_name", "email")
    )
    return [user for user in users if _can_safeguard(user, council)]


def _can_safeguard(user: User | None, council: Council) -> bool:
    if user is None or not user.is_active:
        return False
    return any(
        membership.council_id == council.pk and membership.role.grants("safeguarding")
        for membership in user.memberships.all()
    )


def opening_problems(consultation: Consultation, today: datetime.date | None = None) -> list[str]:
    """Everything that must be put right before children can be asked; empty when it can open."""
    day = today or timezone.localdate()
    problems = safeguarding_problems(consultation)
    if not consultation.age_bands:
        problems.append(_("Choose at least one age band"))
    if consultation.closes_on < day:
        problems.append(_("The closing date has passed: choose a closing date of today or later"))
    if consultation.closes_on < consultation.opens_on:
        problems.append(_("The closing date must be the same as or after the opening date"))
    if consultation.identified and not consultation.identified_reason.strip():
        problems.append(_("Give the reason children need to give their name"))
    problems += _language_problems(consultation)
    questions = list(consultation.questions.prefetch_related("choices", "wordings"))
    if not questions:
        problems.append(_("Add at least one question"))
    for number, question in enumerate(questions, start=1):
        count = len(question.choices.all())
        if question.is_closed and count < MIN_ANSWERS:
            problems.append(
                _("Question %(number)s needs at least %(count)s answers")
                % {"number": number, "count": MIN_ANSWERS}
            )
        most = MAX_ANSWERS.get(Question.Kind(question.kind))
        if most is not None and count > most:
            problems.append(
                _("Question %(number)s can have no more than %(count)s answers")
                % {"number": number, "count": most}
            )
        problems += _question_language_problems(consultation, question, number)
    return problems


def safeguarding_problems(consultation: Consultation) -> list[str]:
    """What is wrong with the designated safeguarding lead and deputy, read afresh: someone
    chosen may since have left the council or lost the role."""
    problems: list[str] = []
    council = consultation.council
    lead = _fresh_user(consultation.safeguarding_lead_id)
    deputy = _fresh_user(consultation.safeguarding_deputy_id)
    if lead is None:
        problems.append(_("Choose a designated safeguarding lead"))
    elif not _can_safeguard(lead, council):
        problems.append(
            _(
                "%(name)s is not an active member of this council with the safeguarding role: "
                "choose another safeguarding lead"
            )
            % {"name": lead}
        )
    if deputy is None:
        problems.append(_("Choose a deputy safeguarding lead"))
    elif not _can_safeguard(deputy, council):
        problems.append(
            _(
                "%(name)s is not an active member of this council with the safeguarding role: "
                "choose another deputy"
            )
            % {"name": deputy}
        )
    if lead is not None and deputy is not None and lead.pk == deputy.pk:
        problems.append(_("The safeguarding lead and deputy must be different people"))
    return problems


def _fresh_user(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return User.objects.prefetch_related("memberships__role").filter(pk=user_id).first()


def _languages(consultation: Consultation) -> list[tuple[str, str]]:
    offered = []
    if consultation.offers_english():
        offered.append(("en", _("English")))
    if consultation.offers_welsh():
        offered.append(("cy", _("Welsh")))
    return offered


def _language_problems(consultation: Consultation) -> list[str]:
    problems = []
    for code, language in _languages(consultation):
        if not getattr(consultation, f"title_{code}").strip():
            problems.append(_("Add the title in %(language)s") % {"language": language})
        if not getattr(consultation, f"purpose_{code}").strip():
            problems.append(_("Add what it is for in %(language)s") % {"language": language})
    return problems


def _question_language_problems(
    consultation: Consultation, question: Question, number: int
) -> list[str]:
    problems = []
    bands = dict(audiences(consultation))
    has_hint = bool(question.hint_en.strip() or question.hint_cy.strip())
    for code, language in _languages(consultation):
        values = {"number": number, "language": language}
        if not getattr(question, f"text_{code}").strip():
            problems.append(_("Add question %(number)s in %(language)s") % values)
        if has_hint and not getattr(question, f"hint_{code}").strip():
            problems.append(_("Add the hint for question %(number)s in %(language)s") % values)
        if any(not getattr(choice, f"label_{code}").strip() for choice in question.choices.all()):
            problems.append(_("Add the answers to question %(number)s in %(language)s") % values)
        for wording in question.wordings.all():
            if wording.audience in bands and not getattr(wording, f"text_{code}").strip():
                problems.append(
                    _("Add the wording of question %(number)s for %(audience)s in %(language)s")
                    % (values | {"audience": bands[wording.audience]})
                )
    return problems


# --- the consultation ---------------------------------------------------------------------


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
    changed = apply_changes(locked, fields)
    if changed:
        locked.save()
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=locked,
            detail={"changed": changed},
        )
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


# --- questions and their wording ----------------------------------------------------------


@transaction.atomic
def question_create(*, actor: Actor, consultation: Consultation, values: QuestionInput) -> Question:
    locked = _lock_draft(consultation)
    last = locked.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question.objects.create(
        consultation=locked,
        position=last + 1,
        kind=values.kind,
        text_en=values.text_en,
        text_cy=values.text_cy,
        hint_en=values.hint_en,
        hint_cy=values.hint_cy,
        required=values.required,
    )
    _, after = _set_choices(question, values)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=question,
        detail={"answers": after},
    )
    return question


@transaction.atomic
def question_update(*, actor: Actor, question: Question, values: QuestionInput) -> Question:
    _lock_draft(question.consultation)
    found = Question.objects.select_related("consultation__council").get(pk=question.pk)
    changed = apply_changes(
        found,
        {
            "kind": values.kind,
            "text_en": values.text_en,
            "text_cy": values.text_cy,
            "hint_en": values.hint_en,
            "hint_cy": values.hint_cy,
            "required": values.required,
        },
    )
    before, after = _set_choices(found, values)
    if before != after:
        changed["answers"] = [" | ".join(before), " | ".join(after)]
    if changed:
        found.save()
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=found,
            detail={"changed": changed},
        )
    return found


@transaction.atomic
def question_delete(*, actor: Actor, question: Question) -> None:
    locked = _lock_draft(question.consultation)
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=question,
        council=locked.council,
        detail={"kind": question.kind, "text_en": question.text_en},
    )
    Question.objects.filter(pk=question.pk).delete()
    _renumber(list(locked.questions.order_by("position", "pk")))


@transaction.atomic
def question_move(*, actor: Actor, question: Question, direction: str) -> bool:
    """Move the question one place up or down. Returns False when it is already at that end."""
    locked = _lock_draft(question.consultation)
    ordered = list(locked.questions.order_by("position", "pk"))
    index = next((i for i, each in enumerate(ordered) if each.pk == question.pk), None)
    if index is None or direction not in {"up", "down"}:
        return False
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=question,
        council=locked.council,
        detail={"position": [str(index + 1), str(other + 1)]},
    )
    return True


@transaction.atomic
def wordings_save(*, actor: Actor, question: Question, entries: Sequence[WordingInput]) -> int:
    """Save how each age band (and easy read) is asked this question; an entry left empty
    removes that wording, so the shared core is used. Returns how many changed."""
    locked = _lock_draft(question.consultation)
    allowed = {audience for audience, _label in audiences(locked)}
    existing = {wording.audience: wording for wording in question.wordings.all()}
    changed = 0
    for entry in entries:
        if entry.audience not in allowed:
            continue
        wording = existing.get(entry.audience)
        values = {
            "text_en": entry.text_en,
            "text_cy": entry.text_cy,
            "hint_en": entry.hint_en,
            "hint_cy": entry.hint_cy,
        }
        if entry.is_empty:
            if wording is not None:
                audit_record(
                    action=AuditEvent.Action.DELETE,
                    actor=actor,
                    obj=wording,
                    council=locked.council,
                    detail={"question": question.pk, "audience": entry.audience},
                )
                wording.delete()
                changed += 1
            continue
        if wording is None:
            wording = Wording.objects.create(question=question, audience=entry.audience, **values)
            audit_record(
                action=AuditEvent.Action.CREATE,
                actor=actor,
                obj=wording,
                council=locked.council,
                detail={"question": question.pk, "audience": entry.audience},
            )
            changed += 1
            continue
        differences = apply_changes(wording, values)
        if differences:
            wording.save()
            audit_record(
                action=AuditEvent.Action.UPDATE,
                actor=actor,
                obj=wording,
                council=locked.council,
                detail={"question": question.pk, "changed": differences},
            )
            changed += 1
    return changed


def _set_choices(question: Question, values: QuestionInput) -> tuple[list[str], list[str]]:
    """Make the question's answers those given (kept rows keep their ids); returns the English
    labels before and after."""
    wanted: list[tuple[str, str, str]]
    if values.kind in STANDARD_ANSWERS:
        wanted = list(STANDARD_ANSWERS[values.kind])
    elif values.kind in WRITTEN_ANSWERS:
        count = max(len(values.answers_en), len(values.answers_cy))
        wanted = [
            (_nth(values.answers_en, n), _nth(values.answers_cy, n), "") for n in range(count)
        ]
    else:
        wanted = []
    existing = list(question.choices.order_by("position", "pk"))
    before = [choice.label_en for choice in existing]
    for position, (label_en, label_cy, face) in enumerate(wanted, start=1):
        if position <= len(existing):
            choice = existing[position - 1]
            if apply_changes(
                choice,
                {"label_en": label_en, "label_cy": label_cy, "face": face, "position": position},
            ):
                choice.save()
        else:
            Choice.objects.create(
                question=question,
                position=position,
                label_en=label_en,
                label_cy=label_cy,
                face=face,
            )
    Choice.objects.filter(pk__in=[choice.pk for choice in existing[len(wanted) :]]).delete()
    return before, [label_en for label_en, _cy, _face in wanted]


def _nth(lines: Sequence[str], n: int) -> str:
    return lines[n] if n < len(lines) else ""


def _renumber(ordered: list[Question]) -> None:
    for position, each in enumerate(ordered, start=1):
        if each.position != position:
            Question.objects.filter(pk=each.pk).update(position=position)


# --- access codes -------------------------------------------------------------------------


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


# --- helpers ------------------------------------------------------------------------------


def _same(given: Any, stored: Any) -> bool:
    """Equal values; lists (age bands, "about you" keys) compare whatever their order."""
    if isinstance(given, list | tuple) and isinstance(stored, list | tuple):
        return sorted(given) == sorted(stored)
    return bool(given == stored)


def _lock(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update().select_related("council").get(pk=consultation.pk)
    )


def _lock_draft(consultation: Consultation) -> Consultation:
    locked = _lock(consultation)
    if locked.status != Consultation.Status.DRAFT:
        raise NotADraft
    return locked


def _user(actor: Actor) -> User | None:
    return actor.person if isinstance(actor.person, User) else None

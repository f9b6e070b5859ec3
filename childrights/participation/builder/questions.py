"""Writes for a draft's questions, their answers and their wording for each age band; each is
audited.
"""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.models import AuditEvent
from childrights.participation.builder.reads import audiences
from childrights.participation.builder.rules import (
    STANDARD_ANSWERS,
    WRITTEN_ANSWERS,
    QuestionInput,
    WordingInput,
    _lock_draft,
)
from childrights.participation.models import Choice, Consultation, Question, Wording


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

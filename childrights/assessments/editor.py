"""Writes for starting an assessment and answering its screening and full assessment, and for a
council's choice of template. Every write is audited.

An assessment starts on its council's chosen template, at that template's current version, and
keeps that exact version for good: a new version of the template file never changes the questions
of an assessment already under way. Answers are saved stage by stage on the current version. Once
a version is signed off (or the assessment has left draft) nothing in it changes here: an
amendment is a new version, made by the workflow.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from childrights.accounts.models import User
from childrights.assessments.answers import Question, is_bilingual, questions
from childrights.assessments.models import (
    Assessment,
    AssessmentVersion,
    Change,
    CouncilSettings,
    Template,
)
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.editing import changes_or_conflict
from childrights.core.models import AuditEvent
from childrights.councils.models import Council, Nation
from childrights.framework.models import Article, Principle, Theme

# The template a council uses until its lead chooses one.
NATION_TEMPLATES: dict[str, str] = {
    Nation.SCOTLAND: "scotland",
    Nation.WALES: "wales",
    Nation.NORTHERN_IRELAND: "northern-ireland",
    Nation.ENGLAND: "default",
}
DEFAULT_TEMPLATE = "default"
# The stages answered on the assessment's pages; the review (stage 3) belongs to the workflow.
EDITABLE_STAGES = ("screening", "full")
MAX_EXTRA_GROUPS = 30


class NotEditable(Exception):
    """The answers cannot change: the version is signed off, or the assessment is not a draft."""


class UnknownTemplate(ValueError):
    """No current template has this slug."""


# --- the council's template ------------------------------------------------------------------


def chosen_template_slug(council: Council) -> str:
    """The slug the council chose, or its nation's default while it has not chosen."""
    chosen = CouncilSettings.objects.filter(council=council).first()
    if chosen is not None:
        return chosen.template_slug
    return NATION_TEMPLATES.get(council.nation, DEFAULT_TEMPLATE)


def template_for(council: Council) -> Template:
    """The current version of the council's template (the default one if that has gone)."""
    found = Template.objects.filter(slug=chosen_template_slug(council), is_current=True).first()
    if found is None:
        found = Template.objects.get(slug=DEFAULT_TEMPLATE, is_current=True)
    return found


def extra_groups_of(council: Council) -> list[str]:
    chosen = CouncilSettings.objects.filter(council=council).first()
    return [str(group) for group in chosen.extra_groups] if chosen is not None else []


# --- creating ----------------------------------------------------------------------------------


def _person(actor: Actor) -> User:
    """The signed-in person acting: assessments and their answers are always someone's."""
    if not isinstance(actor.person, User):
        raise PermissionDenied
    return actor.person


def next_reference(council: Council, year: int) -> str:
    """``CRIA-<year>-<nnn>``: the next number of the year in this council."""
    prefix = f"CRIA-{year}-"
    numbers = [
        int(reference[len(prefix) :])
        for reference in Assessment.objects.filter(
            council=council, reference__startswith=prefix
        ).values_list("reference", flat=True)
        if reference[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def assessment_create(
    *,
    council: Council,
    title: str,
    kind: str,
    themes: Iterable[Theme],
    actor: Actor,
) -> Assessment:
    """A draft assessment on the council's current template, with an empty version 1."""
    by = _person(actor)
    # One new reference at a time per council: lock the council's row while numbering.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    template = template_for(council)
    assessment = Assessment.objects.create(
        council=council,
        reference=next_reference(council, timezone.localdate().year),
        title=title.strip(),
        kind=kind,
        template=template,
        created_by=by,
    )
    assessment.themes.set(list(themes))
    AssessmentVersion.objects.create(assessment=assessment, number=1, answers={}, created_by=by)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=assessment,
        detail={
            "reference": assessment.reference,
            "template": template.slug,
            "template_version": template.version,
        },
    )
    return assessment


# --- answering -------------------------------------------------------------------------------


def blank_answer(template: Template, question: Question) -> Any:
    """The answer a question has when nothing has been given (what the form gives back)."""
    kind = question.kind
    if kind == "text":
        return {"en": "", "cy": ""} if is_bilingual(template, question) else ""
    if kind == "yes_no":
        return {"answer": "", "reasons": ""}
    if kind == "evidence":
        return []
    if kind == "groups":
        return {"selected": [], "other": ""}
    if kind == "impacts":
        return {}
    return ""


def relevant_rows(template: Template, answers: Mapping[str, Any], rows: str) -> set[str]:
    """Row keys of every impacts question of this kind whose impact is anything but none."""
    found: set[str] = set()
    for question in questions(template):
        if question.kind == "impacts" and question.rows == rows:
            for row, cell in (answers.get(question.key) or {}).items():
                if isinstance(cell, dict) and cell.get("impact") not in (None, "", "none"):
                    found.add(str(row))
    return found


def _derive_articles_and_principles(version: AssessmentVersion) -> None:
    template = version.assessment.template
    numbers = {
        int(row) for row in relevant_rows(template, version.answers, "uncrc") if row.isdigit()
    }
    slugs = relevant_rows(template, version.answers, "principles")
    version.articles.set(Article.objects.filter(number__in=numbers))
    version.principles.set(Principle.objects.filter(slug__in=slugs))


def stage_answers(version: AssessmentVersion, stage: str) -> dict[str, Any]:
    """One stage's answers as stored, each unanswered question as its blank answer: what an
    editing page opens with."""
    template = version.assessment.template
    return {
        question.key: (
            blank_answer(template, question)
            if version.answers.get(question.key) is None
            else version.answers[question.key]
        )
        for question in questions(template, stage)
    }


@transaction.atomic
def answers_save(
    *,
    version: AssessmentVersion,
    stage: str,
    answers: Mapping[str, Any],
    actor: Actor,
    opened: Mapping[str, Any] | None = None,
) -> list[str]:
    """Save one stage's answers on a draft's open version; return the keys that changed.

    Only the stage's own questions are read from ``answers``. With ``opened`` (the answers the
    page was opened with, ``stage_answers``), only the answers this person changed are saved: a
    colleague's change since then stays, and one this person changed too raises EditConflict
    (``core.editing``) with nothing saved. Each answer that changed gets a ``Change`` row
    (before and after). The version's articles and principles are the rows of its impacts
    answers whose impact is not "none".
    """
    if stage not in EDITABLE_STAGES:
        raise ValueError(f"stage {stage!r} is not answered here")
    by = _person(actor)
    locked = AssessmentVersion.objects.select_for_update().get(pk=version.pk)
    assessment = Assessment.objects.select_for_update().get(pk=locked.assessment_id)
    newest = assessment.versions.order_by("-number").values_list("number", flat=True).first()
    if locked.is_locked or assessment.state != Assessment.State.DRAFT or newest != locked.number:
        raise NotEditable
    template = assessment.template
    stored = dict(locked.answers)
    locked.assessment = assessment
    answers = changes_or_conflict(
        keys=[question.key for question in questions(template, stage)],
        opened=opened,
        current=stage_answers(locked, stage),
        submitted=answers,
    )
    changed = []
    for question in questions(template, stage):
        if question.key not in answers:
            continue
        before = stored.get(question.key)
        after = answers[question.key]
        if (blank_answer(template, question) if before is None else before) == after:
            continue
        stored[question.key] = after
        changed.append(question.key)
        Change.objects.create(
            version=locked, question_key=question.key, before=before, after=after, changed_by=by
        )
    if not changed:
        return []
    locked.answers = stored
    locked.save(update_fields=["answers"])
    _derive_articles_and_principles(locked)
    assessment.save(update_fields=["updated_at"])
    version.answers = stored
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=assessment,
        detail={"version": locked.number, "stage": stage, "changed": changed},
    )
    return changed


# --- the council's settings ------------------------------------------------------------------


def clean_groups(groups: Iterable[str]) -> list[str]:
    """Trimmed, without blanks or repeats (ignoring case), in the order given."""
    kept: list[str] = []
    seen: set[str] = set()
    for group in groups:
        text = " ".join(str(group).split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept


@transaction.atomic
def council_settings_save(
    *,
    council: Council,
    template_slug: str,
    extra_groups: Iterable[str],
    actor: Actor,
) -> CouncilSettings:
    """The template the council's new assessments start on, and its own groups of children.
    Assessments already started keep their template."""
    if not Template.objects.filter(slug=template_slug, is_current=True).exists():
        raise UnknownTemplate(template_slug)
    groups = clean_groups(extra_groups)[:MAX_EXTRA_GROUPS]
    found = CouncilSettings.objects.select_for_update().filter(council=council).first()
    before = (
        {"template": found.template_slug, "extra_groups": list(found.extra_groups)}
        if found is not None
        else {"template": chosen_template_slug(council), "extra_groups": []}
    )
    if found is None:
        found = CouncilSettings.objects.create(
            council=council, template_slug=template_slug, extra_groups=groups
        )
        action = AuditEvent.Action.CREATE
    else:
        found.template_slug = template_slug
        found.extra_groups = groups
        found.save(update_fields=["template_slug", "extra_groups"])
        action = AuditEvent.Action.UPDATE
    audit_record(
        action=action,
        actor=actor,
        obj=found,
        council=council,
        detail={"before": before, "after": {"template": template_slug, "extra_groups": groups}},
    )
    return found

"""Commissioning projects: analyse, plan, do and review, each with a children's-rights checklist.

The checklist is data: ``data/commissioning_checklist.json`` names, for each stage, its items,
the principle each serves, whether it is mandatory, and its words in English and Welsh. A project
keeps the checklist version it started on: its items are the ``Check`` rows made when it was
created, and a later version of the file never adds or removes any of them. When the checklist
changes, give the file a new version number and keep a copy of the old file as
``data/commissioning_checklists/v<old number>.json``, so projects started on it keep their words.

A stage closes only when every mandatory item is met or has a recorded reason why it is not; the
closure keeps who closed it, when, and the unmet items with their reasons. Every write locks the
project's row first and is audited.
"""

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from childrights.accounts.models import User
from childrights.assessments.models import Assessment, Check, Project, StageClosure
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.editing import changes_or_conflict
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.participation.selectors import consultations

DATA = Path(__file__).parent / "data"
CHECKLIST_FILE = DATA / "commissioning_checklist.json"
ARCHIVE_FOLDER = DATA / "commissioning_checklists"

STAGES: tuple[str, ...] = (
    Project.Stage.ANALYSE,
    Project.Stage.PLAN,
    Project.Stage.DO,
    Project.Stage.REVIEW,
)
NEXT_STAGE: dict[str, str] = {
    Project.Stage.ANALYSE: Project.Stage.PLAN,
    Project.Stage.PLAN: Project.Stage.DO,
    Project.Stage.DO: Project.Stage.REVIEW,
    Project.Stage.REVIEW: Project.Stage.CLOSED,
}


class ChecklistError(ValueError):
    """The checklist file is wrong."""


class StageNotCurrent(Exception):
    """Only the stage a project is in can change; earlier stages are closed, later ones wait."""


class ProjectClosed(Exception):
    """Every stage of the project has been closed."""


class StageNotReady(Exception):
    """The stage cannot close: these mandatory items are unmet with no reason recorded."""

    def __init__(self, blocking: list["Item"]) -> None:
        super().__init__(", ".join(item.key for item in blocking))
        self.blocking = blocking


class LinkRefused(ValueError):
    """A link to an assessment or consultation that is not this council's."""


# --- the checklist ------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One checklist item, as the file describes it. ``label_en``/``label_cy`` and
    ``hint_en``/``hint_cy`` let templates use the ``localised`` filter."""

    key: str
    stage: str
    principle: str
    mandatory: bool
    label_en: str
    label_cy: str
    hint_en: str = ""
    hint_cy: str = ""

    @classmethod
    def unknown(cls, key: str, stage: str) -> "Item":
        """An item a project has whose words are no longer on file: treated as mandatory, so
        it cannot be passed over without a reason."""
        return cls(key=key, stage=stage, principle="", mandatory=True, label_en=key, label_cy="")


@dataclass(frozen=True)
class Checklist:
    version: int
    stages: dict[str, tuple[Item, ...]]

    def items(self) -> list[Item]:
        return [item for stage in STAGES for item in self.stages.get(stage, ())]

    def item(self, key: str, stage: str) -> Item:
        for item in self.stages.get(stage, ()):
            if item.key == key:
                return item
        return Item.unknown(key, stage)


def checklist_problems(definition: Any) -> list[str]:
    """Everything wrong with a checklist definition (empty when it is right)."""
    if not isinstance(definition, dict):
        return ["the checklist must be an object"]
    problems = []
    version = definition.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("'version' must be a whole number from 1")
    stages = definition.get("stages")
    if not isinstance(stages, dict) or set(stages) != set(STAGES):
        return [*problems, f"'stages' must have exactly {', '.join(STAGES)}"]
    seen: set[str] = set()
    for stage in STAGES:
        if not stages[stage]:
            problems.append(f"stage {stage!r} has no items")
        for item in stages[stage]:
            key = item.get("key")
            if not key or not isinstance(key, str) or len(key) > 60 or key in seen:
                problems.append(f"item key {key!r} is missing, too long or used twice")
            seen.add(key)
            if not item.get("principle"):
                problems.append(f"item {key!r} names no principle")
            if not isinstance(item.get("mandatory"), bool):
                problems.append(f"item {key!r} must say whether it is mandatory (true or false)")
            for words in ("label", "hint"):
                texts = item.get(words) or {}
                if not texts.get("en") or not texts.get("cy"):
                    problems.append(f"item {key!r} needs a {words} in English and Welsh")
    return problems


def checklist_from(definition: Any) -> Checklist:
    problems = checklist_problems(definition)
    if problems:
        raise ChecklistError("; ".join(problems))
    return Checklist(
        version=definition["version"],
        stages={
            stage: tuple(
                Item(
                    key=item["key"],
                    stage=stage,
                    principle=item["principle"],
                    mandatory=item["mandatory"],
                    label_en=item["label"]["en"],
                    label_cy=item["label"]["cy"],
                    hint_en=item["hint"]["en"],
                    hint_cy=item["hint"]["cy"],
                )
                for item in definition["stages"][stage]
            )
            for stage in STAGES
        },
    )


@cache
def _read(path: Path, modified: int) -> Checklist:
    return checklist_from(json.loads(path.read_text(encoding="utf-8")))


def _read_file(path: Path) -> Checklist:
    return _read(path, path.stat().st_mtime_ns)


def checklist(version: int | None = None) -> Checklist:
    """The current checklist, or the given version of it: the current file when its version
    matches, else the kept copy of that version, else the current file (whose words are used for
    any item still in it)."""
    current = _read_file(CHECKLIST_FILE)
    if version is None or version == current.version:
        return current
    archived = ARCHIVE_FOLDER / f"v{version}.json"
    if archived.exists():
        return _read_file(archived)
    return current


# --- reads the pages share ----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One item of a project's stage: what the checklist says, and where the project is."""

    item: Item
    check: Check

    @property
    def blocking(self) -> bool:
        """Mandatory, not met, and no reason recorded: the stage cannot close."""
        return self.item.mandatory and not self.check.met and not self.check.reason_unmet.strip()


def council_projects(council: Council) -> QuerySet[Project]:
    """The council's projects; callers pass a council they reached through a selector."""
    return Project.objects.filter(council=council).order_by("title", "pk")


def stage_rows(project: Project, stage: str) -> list[Row]:
    """The project's own items of a stage, in the checklist's order."""
    words = checklist(project.checklist_version)
    order = {item.key: position for position, item in enumerate(words.items())}
    checks = sorted(
        project.checks.filter(stage=stage),
        key=lambda check: (order.get(check.item_key, len(order)), check.pk),
    )
    return [Row(item=words.item(check.item_key, stage), check=check) for check in checks]


def blocking_items(project: Project) -> list[Item]:
    """The mandatory items of the current stage that are unmet with no reason recorded."""
    if project.stage not in STAGES:
        return []
    return [row.item for row in stage_rows(project, project.stage) if row.blocking]


def progress(projects: Collection[Project]) -> dict[int, tuple[int, int]]:
    """For each project, (items met, items) in its current stage, in one query."""
    stage_of = {project.pk: project.stage for project in projects}
    totals: dict[int, tuple[int, int]] = dict.fromkeys(stage_of, (0, 0))
    rows = (
        Check.objects.filter(project_id__in=stage_of)
        .values("project_id", "stage")
        .annotate(met=Count("pk", filter=Q(met=True)), total=Count("pk"))
        .values_list("project_id", "stage", "met", "total")
    )
    for project_id, stage, met, total in rows:
        if stage_of.get(project_id) == stage:
            totals[project_id] = (met, total)
    return totals


# --- writes -------------------------------------------------------------------------------


def _user(actor: Actor) -> User:
    if not isinstance(actor.person, User):
        raise PermissionDenied
    return actor.person


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().select_related("council").get(pk=project.pk)


@transaction.atomic
def project_create(*, actor: Actor, council: Council, title: str, description: str = "") -> Project:
    """A project in its first stage, with every item of every stage of the current checklist."""
    words = checklist()
    project = Project.objects.create(
        council=council,
        title=title.strip(),
        description=description.strip(),
        checklist_version=words.version,
        created_by=_user(actor),
    )
    Check.objects.bulk_create(
        Check(project=project, stage=item.stage, item_key=item.key) for item in words.items()
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=project,
        detail={"checklist_version": words.version, "items": len(words.items())},
    )
    return project


@dataclass(frozen=True)
class CheckInput:
    met: bool
    evidence: str = ""
    reason_unmet: str = ""


def _save_check(*, actor: Actor, project: Project, check: Check, values: CheckInput) -> bool:
    changed = apply_changes(
        check,
        {
            "met": values.met,
            "evidence": values.evidence.strip(),
            # A reason why an item is not met means nothing once it is met.
            "reason_unmet": "" if values.met else values.reason_unmet.strip(),
        },
    )
    if not changed:
        return False
    check.updated_by = _user(actor)
    check.save()
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=check,
        council=project.council,
        detail={"project": project.pk, "stage": check.stage, "changed": changed},
    )
    return True


@transaction.atomic
def check_save(
    *, actor: Actor, check: Check, met: bool, evidence: str = "", reason_unmet: str = ""
) -> Check:
    """Record whether one item is met, the evidence, and why not if it is not. Only items of
    the project's current stage can change (StageNotCurrent otherwise)."""
    project = _lock(check.project)
    if check.stage != project.stage:
        raise StageNotCurrent
    _save_check(
        actor=actor,
        project=project,
        check=check,
        values=CheckInput(met=met, evidence=evidence, reason_unmet=reason_unmet),
    )
    return check


def _as_saved(values: CheckInput) -> list[Any]:
    return [values.met, values.evidence.strip(), "" if values.met else values.reason_unmet.strip()]


def stage_checks_opened(project: Project, stage: str) -> dict[str, list[Any]]:
    """A stage's checklist as stored: what an editing page opens with."""
    return {
        check.item_key: [check.met, check.evidence, check.reason_unmet]
        for check in project.checks.filter(stage=stage)
    }


@transaction.atomic
def stage_checks_save(
    *,
    actor: Actor,
    project: Project,
    stage: str,
    values: Mapping[str, CheckInput],
    opened: Mapping[str, Any] | None = None,
) -> list[str]:
    """Save a stage's checklist at once, by item key. Returns the keys that changed. With
    ``opened`` (``stage_checks_opened`` when the page was opened), only the items this person
    changed are saved, and an item a colleague changed too raises EditConflict."""
    locked = _lock(project)
    if stage != locked.stage:
        raise StageNotCurrent
    wanted = changes_or_conflict(
        keys=list(values),
        opened=opened,
        current=stage_checks_opened(locked, stage),
        submitted={key: _as_saved(given) for key, given in values.items()},
    )
    values = {key: values[key] for key in wanted}
    changed = []
    for check in locked.checks.filter(stage=stage).order_by("pk"):
        given = values.get(check.item_key)
        if given is not None and _save_check(
            actor=actor, project=locked, check=check, values=given
        ):
            changed.append(check.item_key)
    return changed


@transaction.atomic
def links_save(
    *,
    actor: Actor,
    project: Project,
    assessment_ids: Collection[int],
    consultation_ids: Collection[int],
) -> Project:
    """Link the project to impact assessments and consultations of its own council only
    (LinkRefused for any other id)."""
    locked = _lock(project)
    wanted_assessments = set(assessment_ids)
    wanted_consultations = set(consultation_ids)
    found = list(Assessment.objects.filter(council_id=locked.council_id, pk__in=wanted_assessments))
    found_consultations = set(
        consultations(council=locked.council)
        .filter(pk__in=wanted_consultations)
        .values_list("pk", flat=True)
    )
    if len(found) != len(wanted_assessments) or found_consultations != wanted_consultations:
        raise LinkRefused
    before_assessments = sorted(locked.assessments.values_list("pk", flat=True))
    after_assessments = sorted(assessment.pk for assessment in found)
    before_consultations = sorted(locked.consultation_ids)
    after_consultations = sorted(found_consultations)
    if (before_assessments, before_consultations) == (after_assessments, after_consultations):
        return locked
    locked.assessments.set(found)
    locked.consultation_ids = after_consultations
    locked.save(update_fields=["consultation_ids"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        detail={
            "assessments": [before_assessments, after_assessments],
            "consultations": [before_consultations, after_consultations],
        },
    )
    return locked


@transaction.atomic
def stage_close(*, actor: Actor, project: Project) -> StageClosure:
    """Close the current stage and move the project to the next (closed after review).

    Refused (StageNotReady, with the items) while a mandatory item is unmet with no reason
    recorded. The closure keeps every unmet item with its reason and its words at the time."""
    locked = _lock(project)
    if locked.stage not in STAGES:
        raise ProjectClosed
    stage = locked.stage
    rows = stage_rows(locked, stage)
    blocking = [row.item for row in rows if row.blocking]
    if blocking:
        raise StageNotReady(blocking)
    unmet = {
        row.item.key: {
            "reason": row.check.reason_unmet,
            "mandatory": row.item.mandatory,
            "label_en": row.item.label_en,
            "label_cy": row.item.label_cy,
        }
        for row in rows
        if not row.check.met
    }
    closure = StageClosure.objects.create(
        project=locked, stage=stage, closed_by=_user(actor), unmet=unmet
    )
    locked.stage = NEXT_STAGE[stage]
    locked.save(update_fields=["stage"])
    project.stage = locked.stage
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=locked,
        detail={"stage_closed": stage, "stage": locked.stage, "unmet": list(unmet)},
    )
    return closure


@dataclass(frozen=True)
class UnmetItem:
    """An item left unmet when a stage closed, with the words it had then."""

    key: str
    label_en: str
    label_cy: str
    mandatory: bool
    reason: str


def closure_unmet(project: Project, closure: StageClosure) -> list[UnmetItem]:
    """The unmet items of a closure, in the checklist's order."""
    order = {item.key: n for n, item in enumerate(checklist(project.checklist_version).items())}
    found = [
        UnmetItem(
            key=key,
            label_en=str(value.get("label_en") or key),
            label_cy=str(value.get("label_cy") or ""),
            mandatory=bool(value.get("mandatory")),
            reason=str(value.get("reason") or ""),
        )
        for key, value in (closure.unmet or {}).items()
    ]
    return sorted(found, key=lambda item: (order.get(item.key, len(order)), item.key))

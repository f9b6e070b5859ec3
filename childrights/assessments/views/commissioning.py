"""Commissioning projects through analyse, plan, do and review, with a children's-rights
checklist for each stage.

Any member of the council can see these pages; changing anything needs the "edit" capability
(403 otherwise). People outside the council get 404 from the selectors.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.assessments import commissioning
from childrights.assessments.forms.commissioning import LinksForm, ProjectForm, StageChecklistForm
from childrights.assessments.models import Project
from childrights.assessments.selectors import project_or_404
from childrights.core.actors import Actor
from childrights.core.editing import OPENED_FIELD, EditConflict, opened_token, opened_values
from childrights.core.form_pages import form_page
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised
from childrights.councils.names import council_name
from childrights.framework.models import Principle
from childrights.participation.selectors import consultations


@dataclass(frozen=True)
class Step:
    """A stage as a step of the project: done, current or to come."""

    stage: str
    label: str
    status: str

    @property
    def is_done(self) -> bool:
        return self.status == "done"

    @property
    def is_current(self) -> bool:
        return self.status == "current"


@dataclass(frozen=True)
class ItemRow:
    """A checklist row as a page shows it, with its principle."""

    row: commissioning.Row
    principle: Principle | None


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    met: int
    total: int


def _steps(project: Project) -> list[Step]:
    position = (
        commissioning.STAGES.index(project.stage)
        if project.stage in commissioning.STAGES
        else len(commissioning.STAGES)
    )
    return [
        Step(
            stage=stage,
            label=str(Project.Stage(stage).label),
            status="done" if number < position else "current" if number == position else "next",
        )
        for number, stage in enumerate(commissioning.STAGES)
    ]


def _principles() -> dict[str, Principle]:
    return {principle.slug: principle for principle in Principle.objects.all()}


def _item_rows(project: Project, stage: str) -> list[ItemRow]:
    principles = _principles()
    return [
        ItemRow(row=row, principle=principles.get(row.item.principle))
        for row in commissioning.stage_rows(project, stage)
    ]


def _stage_label(stage: str) -> str:
    return str(Project.Stage(stage).label)


def _can_edit(request: HttpRequest, project: Project) -> bool:
    return has_capability_in(request.user, project.council_id, "edit")


@login_required
def projects(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    found = list(commissioning.council_projects(council))
    counts = commissioning.progress(found)
    groups = [
        (
            stage,
            label,
            [
                ProjectRow(project, *counts.get(project.pk, (0, 0)))
                for project in found
                if project.stage == stage
            ],
        )
        for stage, label in Project.Stage.choices
    ]
    return render(
        request,
        "assessments/commissioning/projects.html",
        {
            "council": council,
            "groups": groups,
            "any": bool(found),
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def project_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = commissioning.project_create(
            actor=Actor.from_request(request),
            council=council,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("The commissioning project has been created."))
        return redirect("assessments:project", project_id=created.pk)
    return form_page(
        request,
        form,
        caption=council_name(council),
        title=_("Start a commissioning project"),
        intro=_(
            "It moves through four stages: analyse, plan, do and review. Each stage has a "
            "checklist to keep children's rights at the heart of it."
        ),
        cancel="assessments:projects",
        cancel_args=[council.pk],
    )


@login_required
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request=request, project_id=project_id)
    closures = list(project.closures.select_related("closed_by"))
    linked = list(project.assessments.order_by("reference"))
    chosen = list(
        consultations(council=project.council).filter(pk__in=project.consultation_ids or [])
    )
    current = project.stage in commissioning.STAGES
    return render(
        request,
        "assessments/commissioning/project.html",
        {
            "council": project.council,
            "project": project,
            "steps": _steps(project),
            "stage_label": _stage_label(project.stage),
            "rows": _item_rows(project, project.stage) if current else [],
            "is_open": current,
            "closures": [
                (
                    closure,
                    _stage_label(closure.stage),
                    commissioning.closure_unmet(project, closure),
                )
                for closure in closures
            ],
            "assessments": linked,
            "consultations": chosen,
            "can_edit": _can_edit(request, project),
        },
    )


def _stage_or_404(stage: str) -> str:
    if stage not in commissioning.STAGES:
        raise Http404
    return stage


def _not_current(request: HttpRequest, project: Project) -> HttpResponse:
    messages.info(request, _("Only the checklist of the current stage can change."))
    return redirect("assessments:project", project_id=project.pk)


@login_required
def project_stage(request: HttpRequest, project_id: int, stage: str) -> HttpResponse:
    # A stage that does not exist is a 404 whoever asks, before any question of their role.
    posting = request.method == "POST" and stage in commissioning.STAGES
    project = project_or_404(
        request=request, project_id=project_id, needs="edit" if posting else None
    )
    stage = _stage_or_404(stage)
    editable = stage == project.stage and _can_edit(request, project)
    rows = commissioning.stage_rows(project, stage)
    form = StageChecklistForm(request.POST or None, rows=rows) if editable else None
    salt = f"assessments.commissioning:{project.pk}:{stage}"
    conflicts: list[str] = []
    if request.method == "POST":
        if form is None:
            return _not_current(request, project)
        if form.is_valid():
            try:
                commissioning.stage_checks_save(
                    actor=Actor.from_request(request),
                    project=project,
                    stage=stage,
                    values=form.values(),
                    opened=opened_values(request.POST.get(OPENED_FIELD), salt=salt),
                )
            except commissioning.StageNotCurrent:
                return _not_current(request, project)
            except EditConflict as conflict:
                labels = {row.item.key: localised(row.item, "label") for row in rows}
                conflicts = [labels.get(each.key, each.key) for each in conflict.conflicts]
            else:
                messages.success(request, _("The checklist has been saved."))
                return redirect("assessments:project", project_id=project.pk)
    principles = _principles()
    closure = project.closures.select_related("closed_by").filter(stage=stage).first()
    return render(
        request,
        "assessments/commissioning/stage.html",
        {
            "council": project.council,
            "project": project,
            "stage": stage,
            "stage_label": _stage_label(stage),
            "form": form,
            "fields": [
                (principles.get(row.item.principle), row, met, evidence, reason)
                for row, met, evidence, reason in form.items()
            ]
            if form is not None
            else [],
            "rows": [
                ItemRow(row=row, principle=principles.get(row.item.principle)) for row in rows
            ],
            "closure": closure,
            "conflicts": conflicts,
            "opened": opened_token(commissioning.stage_checks_opened(project, stage), salt=salt),
            "unmet": commissioning.closure_unmet(project, closure) if closure else [],
            "is_current": stage == project.stage,
        },
    )


@login_required
def project_close_stage(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request=request, project_id=project_id, needs="edit")
    if project.stage not in commissioning.STAGES:
        messages.info(request, _("Every stage of this project has been closed."))
        return redirect("assessments:project", project_id=project.pk)
    stage = project.stage
    refused = False
    if request.method == "POST":
        try:
            commissioning.stage_close(actor=Actor.from_request(request), project=project)
        except commissioning.ProjectClosed:
            messages.info(request, _("Every stage of this project has been closed."))
            return redirect("assessments:project", project_id=project.pk)
        except commissioning.StageNotReady:
            refused = True
        else:
            if project.stage == Project.Stage.CLOSED:
                messages.success(request, _("The review stage is closed, and so is the project."))
            else:
                messages.success(
                    request,
                    _("Stage closed: %(stage)s. Current stage: %(next)s.")
                    % {"stage": _stage_label(stage), "next": _stage_label(project.stage)},
                )
            return redirect("assessments:project", project_id=project.pk)
    rows = _item_rows(project, stage)
    return render(
        request,
        "assessments/commissioning/close_stage.html",
        {
            "council": project.council,
            "project": project,
            "stage": stage,
            "stage_label": _stage_label(stage),
            "blocking": [each for each in rows if each.row.blocking],
            "unmet": [each for each in rows if not each.row.check.met and not each.row.blocking],
            "refused": refused,
        },
    )


@login_required
def project_links(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_or_404(request=request, project_id=project_id, needs="edit")
    form = LinksForm(
        request.POST or None,
        council=project.council,
        initial={
            "assessments": list(project.assessments.values_list("pk", flat=True)),
            "consultations": list(
                consultations(council=project.council)
                .filter(pk__in=project.consultation_ids or [])
                .values_list("pk", flat=True)
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            commissioning.links_save(
                actor=Actor.from_request(request),
                project=project,
                assessment_ids=form.assessment_ids(),
                consultation_ids=form.consultation_ids(),
            )
        except commissioning.LinkRefused:
            messages.info(
                request, _("Only this council's assessments and consultations can be linked.")
            )
        else:
            messages.success(request, _("The links have been saved."))
        return redirect("assessments:project", project_id=project.pk)
    return form_page(
        request,
        form,
        caption=project.title,
        title=_("Linked assessments and consultations"),
        intro=_(
            "Link the impact assessments and consultations with children that inform this "
            "project. Only this council's can be linked."
        ),
        cancel="assessments:project",
        cancel_args=[project.pk],
    )

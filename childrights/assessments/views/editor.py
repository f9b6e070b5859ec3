"""Council staff start an impact assessment and answer its screening and full assessment.

Any member of the council (elected members included) can read these pages; changing anything
needs the "edit" capability (403 otherwise), and choosing the council's template needs
"manage_members". People outside the council get 404 from the selectors.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.assessments import editor
from childrights.assessments.answers import (
    answer_problems,
    full_assessment_needed,
    is_empty,
    questions,
    unmitigated,
)
from childrights.assessments.forms.editor.stage import StageForm
from childrights.assessments.forms.editor.starting import (
    AssessmentForm,
    SettingsForm,
    StateFilterForm,
)
from childrights.assessments.models import Assessment, AssessmentVersion, Template
from childrights.assessments.presenters.answers import (
    AnswerFormatter,
    OverviewAnswer,
    overview_answer,
)
from childrights.assessments.selectors import assessment_or_404, assessments_of, current_version
from childrights.core.actors import Actor
from childrights.core.editing import OPENED_FIELD, EditConflict, opened_token, opened_values
from childrights.core.form_pages import form_page
from childrights.core.language import pair_text
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised
from childrights.councils.models import Nation
from childrights.councils.names import council_name

# The GOV.UK tag colour of each state.
STATE_TAGS: dict[str, str] = {
    Assessment.State.DRAFT: "govuk-tag--yellow",
    Assessment.State.AWAITING_SIGN_OFF: "govuk-tag--orange",
    Assessment.State.SIGNED_OFF: "govuk-tag--turquoise",
    Assessment.State.PUBLISHED: "govuk-tag--green",
    Assessment.State.IN_REVIEW: "govuk-tag--purple",
    Assessment.State.CLOSED: "govuk-tag--grey",
}


@dataclass
class StageStatus:
    key: str
    title: str
    intro: str
    required: int
    answered: int
    available: bool
    note: str
    answers: list[OverviewAnswer]


def stage_statuses(assessment: Assessment, version: AssessmentVersion) -> list[StageStatus]:
    """The screening and the full assessment: how far each has got, and its answers."""
    template = assessment.template
    answers = version.answers
    needed = full_assessment_needed(answers)
    found = []
    for stage in template.definition["stages"]:
        key = stage["key"]
        if key not in editor.EDITABLE_STAGES:
            continue
        asked = list(questions(template, key))
        required = [question for question in asked if question.required]
        answered = [
            question
            for question in required
            if not is_empty(answers.get(question.key))
            and not answer_problems(template, question, answers.get(question.key))
        ]
        note = ""
        available = True
        if key == "full" and needed is not True:
            available = False
            note = (
                _("The screening concluded that a full assessment is not needed.")
                if needed is False
                else _("Finish the screening first: it says whether a full assessment is needed.")
            )
        elif key == "full":
            missing = len(unmitigated(template, answers))
            if missing:
                note = _(
                    "%(count)s negative impacts have no mitigation yet. Every negative impact "
                    "needs one before sign-off."
                ) % {"count": missing}
        found.append(
            StageStatus(
                key=key,
                title=pair_text(stage.get("title")).text,
                intro=pair_text(stage.get("intro")).text,
                required=len(required),
                answered=len(answered),
                available=available,
                note=note,
                answers=[
                    overview_answer(
                        template, question, answers.get(question.key), assessment.council
                    )
                    for question in asked
                ]
                if available
                else [],
            )
        )
    return found


def why_not_editable(assessment: Assessment, version: AssessmentVersion) -> str:
    """Why the answers cannot change now, or "" when they can."""
    if version.is_locked:
        return _(
            "Version %(number)s has been signed off, so its answers cannot change. To change "
            "them, amend the assessment: that makes a new version."
        ) % {"number": version.number}
    if assessment.state != Assessment.State.DRAFT:
        return _(
            "This assessment is “%(state)s”. Its answers can only change while it is a draft."
        ) % {"state": assessment.get_state_display()}
    return ""


# --- pages -------------------------------------------------------------------------------------


@login_required
def assessments(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    form = StateFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    found = (
        assessments_of(council.pk)
        .annotate(version_number=Max("versions__number"))
        .order_by("-updated_at", "pk")
    )
    if state:
        found = found.filter(state=state)
    return render(
        request,
        "assessments/editor/assessments.html",
        {
            "council": council,
            "form": form,
            "filtered": bool(state),
            "rows": [(each, STATE_TAGS.get(each.state, "")) for each in found],
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
            "can_choose_template": has_capability_in(request.user, council.pk, "manage_members"),
        },
    )


@login_required
def assessment_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = editor.assessment_create(
            council=council,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            themes=form.cleaned_data["themes"],
            actor=Actor.from_request(request),
        )
        messages.success(
            request,
            _("Assessment %(reference)s has been started. Begin with the screening.")
            % {"reference": created.reference},
        )
        return redirect("assessments:stage", assessment_id=created.pk, stage="screening")
    template = editor.template_for(council)
    return form_page(
        request,
        form,
        caption=council_name(council),
        title=_("Start an impact assessment"),
        intro=_(
            "It will use the “%(template)s” template. First comes the screening, which "
            "says whether a full assessment is needed."
        )
        % {"template": localised(template, "name")},
        cancel="assessments:assessments",
        cancel_args=[council.pk],
    )


@login_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = assessment_or_404(request=request, assessment_id=assessment_id)
    version = current_version(assessment)
    locked = why_not_editable(assessment, version)
    return render(
        request,
        "assessments/editor/assessment.html",
        {
            "council": assessment.council,
            "assessment": assessment,
            "version": version,
            "state_tag": STATE_TAGS.get(assessment.state, ""),
            "stages": stage_statuses(assessment, version),
            "themes": [localised(theme, "name") for theme in assessment.themes.all()],
            "locked": locked,
            "can_edit": not locked
            and has_capability_in(request.user, assessment.council_id, "edit"),
        },
    )


@login_required
def stage_edit(request: HttpRequest, assessment_id: int, stage: str) -> HttpResponse:
    # A stage that cannot be edited is a 404 whoever asks, before any question of their role.
    editable = stage in editor.EDITABLE_STAGES
    assessment = assessment_or_404(
        request=request, assessment_id=assessment_id, needs="edit" if editable else None
    )
    if not editable:
        raise Http404
    version = current_version(assessment)
    template = assessment.template
    definition = next(each for each in template.definition["stages"] if each["key"] == stage)
    context: dict[str, Any] = {
        "council": assessment.council,
        "assessment": assessment,
        "version": version,
        "stage": stage,
        "title": pair_text(definition.get("title")).text,
        "intro": pair_text(definition.get("intro")).text,
        "locked": why_not_editable(assessment, version),
    }
    needed = full_assessment_needed(version.answers)
    if not context["locked"] and stage == "full" and needed is not True:
        context["locked"] = (
            _("The screening concluded that a full assessment is not needed.")
            if needed is False
            else _("Finish the screening first: it says whether a full assessment is needed.")
        )
    if context["locked"]:
        return render(request, "assessments/editor/stage.html", context)
    form = StageForm(
        request.POST or None,
        template=template,
        stage=stage,
        council=assessment.council,
        answers=version.answers,
    )
    salt = f"assessments.stage:{version.pk}:{stage}"
    opened = opened_values(request.POST.get(OPENED_FIELD), salt=salt)
    conflicts: list[ConflictShown] = []
    if request.method == "POST" and form.is_valid():
        try:
            changed = editor.answers_save(
                version=version,
                stage=stage,
                answers=form.answers(),
                actor=Actor.from_request(request),
                opened=opened,
            )
        except EditConflict as conflict:
            shown = AnswerFormatter(template)
            conflicts = [
                ConflictShown(
                    key=each.key,
                    label=shown.label(each.key),
                    theirs=[line.text for line in shown.lines(each.key, each.theirs)],
                )
                for each in conflict.conflicts
            ]
            version.refresh_from_db()
        except editor.NotEditable:
            messages.info(
                request, _("The answers were not saved: this version can no longer change.")
            )
        else:
            messages.success(
                request,
                _("Your answers have been saved.") if changed else _("Nothing had changed."),
            )
        if not conflicts:
            return redirect("assessments:stage", assessment_id=assessment.pk, stage=stage)
    context["form"] = form
    context["groups"] = form.groups()
    context["full_needed"] = stage == "screening" and needed is True
    # The answers this page shows as stored: after a conflict, the colleague's, so that saving
    # again puts this person's answers over them knowingly.
    version.assessment = assessment
    context["opened"] = opened_token(editor.stage_answers(version, stage), salt=salt)
    context["conflicts"] = conflicts
    return render(
        request, "assessments/editor/stage.html", context, status=409 if conflicts else 200
    )


@dataclass(frozen=True)
class ConflictShown:
    key: str
    label: str
    theirs: list[str]


@dataclass(frozen=True)
class TemplateChoice:
    slug: str
    name: str
    nation: str
    description: str


@login_required
def council_settings(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, needs="manage_members"
    )
    templates = list(Template.objects.filter(is_current=True).order_by("slug"))
    nations = dict(Nation.choices)
    choices = [
        TemplateChoice(
            slug=template.slug,
            name=localised(template, "name"),
            nation=str(nations.get(template.nation, _("Any UK nation"))),
            description=pair_text(template.definition.get("description")).text,
        )
        for template in templates
    ]
    form = SettingsForm(
        request.POST or None,
        templates=templates,
        initial={
            "template": editor.chosen_template_slug(council),
            "extra_groups": "\n".join(editor.extra_groups_of(council)),
        },
    )
    if request.method == "POST" and form.is_valid():
        editor.council_settings_save(
            council=council,
            template_slug=form.cleaned_data["template"],
            extra_groups=form.cleaned_data["extra_groups"],
            actor=Actor.from_request(request),
        )
        messages.success(
            request,
            _(
                "The settings have been saved. New assessments will use the template you chose; "
                "assessments already started keep theirs."
            ),
        )
        return redirect("assessments:assessments", council_id=council.pk)
    return render(
        request,
        "assessments/editor/settings.html",
        {"council": council, "form": form, "choices": choices},
    )

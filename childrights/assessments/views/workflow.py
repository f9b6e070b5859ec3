"""Pages of the assessment workflow: each step has a page that says what it will do (or why it
cannot be done yet) and a button that does it; the history, any version, the council lead's
dashboard and the decisions the council records."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.assessments import dashboard as lead
from childrights.assessments.forms.workflow import (
    AmendForm,
    CommentForm,
    DecisionForm,
    PublishForm,
    ReturnForm,
    ReviewForm,
    SubmitForm,
)
from childrights.assessments.models import Assessment, AssessmentVersion, Review
from childrights.assessments.presenters.stages import review_answers, version_answers
from childrights.assessments.selectors import assessment_or_404, current_version, decision_or_404
from childrights.assessments.workflow import history as workflow_history
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.form_pages import form_page, refusal_shown_on
from childrights.core.models import AuditEvent
from childrights.core.permissions import has_capability_in
from childrights.councils.names import council_name

TRANSITION = "assessments/workflow/transition.html"


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _page(
    request: HttpRequest,
    assessment: Assessment,
    version: AssessmentVersion,
    *,
    title: str,
    button: str,
    problems: list[str],
    intro: str = "",
    form: Any = None,
    template: str = TRANSITION,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "version": version,
            "council": assessment.council,
            "title": title,
            "intro": intro,
            "button": button,
            "problems": problems,
            "form": form,
            **extra,
        },
        status=status,
    )


def _done(request: HttpRequest, assessment: Assessment, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("assessments:history", assessment_id=assessment.pk)


@contextmanager
def _refusal_listed_in(problems: list[str]) -> Iterator[None]:
    """Around a step's write and what follows it: when the step is refused, the rest of the
    block is skipped and the refusal's problems replace those in ``problems``, which the view
    then shows on the step's page."""
    try:
        yield
    except workflow_rules.Refused as refused:
        problems[:] = refused.problems


def _editable_record(
    request: HttpRequest, assessment_id: int
) -> tuple[Assessment, AssessmentVersion]:
    assessment = assessment_or_404(request=request, assessment_id=assessment_id, needs="edit")
    return assessment, current_version(assessment)


@login_required
def submit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, version = _editable_record(request, assessment_id)
    problems = workflow_rules.submit_problems(assessment, version)
    officers = workflow_rules.sign_off_officers(assessment)
    if not problems and not officers.exists():
        problems.append(
            _(
                "The council has no accountable officer who did not write the assessment. Ask "
                "the council's lead to give someone the accountable officer role."
            )
        )
    form = SubmitForm(_posted(request), officers=officers)
    if request.method == "POST" and not problems and form.is_valid():
        officer = form.cleaned_data["officer"]
        with _refusal_listed_in(problems):
            workflow_writes.assessment_submit(
                actor=Actor.from_request(request), assessment=assessment, officer=officer
            )
            return _done(
                request,
                assessment,
                _("Sent to %(officer)s for sign-off.")
                % {"officer": officer.full_name or officer.email},
            )
    return _page(
        request,
        assessment,
        version,
        title=_("Send for sign-off"),
        intro=_(
            "An accountable officer of the council who did not write the assessment signs it "
            "off. Until then, nobody can change the answers unless it is sent back."
        ),
        button=_("Confirm and send for sign-off"),
        problems=problems,
        form=form,
    )


@login_required
def sign_off(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = assessment_or_404(request=request, assessment_id=assessment_id)
    version = current_version(assessment)
    refusal = workflow_rules.sign_off_refusal(
        user=request.user, assessment=assessment, version=version
    )
    if refusal is not None:
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            request=request,
            obj=assessment,
            detail={"path": request.path[:500], "step": "sign_off", "reason": refusal},
        )
        return render(
            request,
            "assessments/workflow/refused.html",
            {"assessment": assessment, "council": assessment.council, "reason": refusal},
            status=403,
        )
    problems = workflow_rules.sign_off_problems(assessment, version)
    if request.method == "POST":
        with _refusal_listed_in(problems):
            workflow_writes.assessment_sign_off(
                actor=Actor.from_request(request), assessment=assessment
            )
            return _done(
                request, assessment, _("Signed off. This version can no longer be changed.")
            )
    return _page(
        request,
        assessment,
        version,
        title=_("Sign off the assessment"),
        button=_("Sign off"),
        problems=problems,
        template="assessments/workflow/sign_off.html",
        stages=version_answers(version),
    )


@login_required
def return_to_draft(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = assessment_or_404(request=request, assessment_id=assessment_id)
    if not workflow_rules.is_signer(request.user, assessment.council_id):
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            request=request,
            obj=assessment,
            detail={"path": request.path[:500], "capability": workflow_rules.SIGN_OFF},
        )
        raise PermissionDenied
    version = current_version(assessment)
    problems = workflow_rules.state_problems(assessment, {Assessment.State.AWAITING_SIGN_OFF})
    form = ReturnForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with _refusal_listed_in(problems):
            workflow_writes.assessment_return_to_draft(
                actor=Actor.from_request(request),
                assessment=assessment,
                note=form.cleaned_data["note"],
            )
            return _done(request, assessment, _("Sent back to the author as a draft."))
    return _page(
        request,
        assessment,
        version,
        title=_("Send back to draft"),
        intro=_("The author can change the answers and send it for sign-off again."),
        button=_("Send back"),
        problems=problems,
        form=form,
    )


@login_required
def publish(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, version = _editable_record(request, assessment_id)
    welsh_needed = workflow_rules.welsh_summary_needed(assessment)
    problems = workflow_rules.state_problems(assessment, {Assessment.State.SIGNED_OFF})
    form = PublishForm(
        _posted(request),
        welsh_needed=welsh_needed,
        initial={
            "summary_en": version.summary_for_children_en,
            "summary_cy": version.summary_for_children_cy,
        },
    )
    if request.method == "POST" and form.is_valid():
        with _refusal_listed_in(problems):
            workflow_writes.assessment_publish(
                actor=Actor.from_request(request), assessment=assessment, **form.cleaned_data
            )
            return _done(
                request, assessment, _("Published. Anyone can now read it on the public register.")
            )
    return _page(
        request,
        assessment,
        version,
        title=_("Publish the assessment"),
        intro=_(
            "The signed-off version and the summary for children go on the council's public "
            "register. Children read the summary: say what was decided and what it means for "
            "them."
        ),
        button=_("Publish"),
        problems=problems,
        form=form,
    )


@login_required
def amend(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, version = _editable_record(request, assessment_id)
    problems = workflow_rules.state_problems(assessment, workflow_rules.AMENDABLE)
    form = AmendForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with _refusal_listed_in(problems):
            new = workflow_writes.assessment_amend(
                actor=Actor.from_request(request),
                assessment=assessment,
                reason=form.cleaned_data["reason"],
            )
            return _done(
                request,
                assessment,
                _("Version %(number)s started as a draft. Earlier versions stay as they were.")
                % {"number": new.number},
            )
    return _page(
        request,
        assessment,
        version,
        title=_("Amend the assessment"),
        intro=_(
            "A signed-off version never changes. Amending starts a new version, a copy of this "
            "one, which needs sign-off again. The published version stays public until a newer "
            "one is published."
        ),
        button=_("Start a new version"),
        problems=problems,
        form=form,
    )


@login_required
def review(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, version = _editable_record(request, assessment_id)
    if assessment.state != Assessment.State.IN_REVIEW:
        return _review_start(request, assessment, version)
    questions = workflow_rules.review_questions(assessment)
    saved = Review.objects.filter(assessment=assessment).first()
    form = ReviewForm(
        _posted(request),
        assessment=assessment,
        questions=questions,
        initial=ReviewForm.initial_from(questions, saved.answers if saved else {}),
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        with _refusal_listed_in(problems):
            workflow_writes.review_save(
                actor=Actor.from_request(request), assessment=assessment, values=form.values()
            )
            messages.success(request, _("The review has been saved."))
            return redirect("assessments:review", assessment_id=assessment.pk)
    return _page(
        request,
        assessment,
        version,
        title=_("Review after implementation"),
        intro=_(
            "What actually happened, against what was expected. You can save and come back; "
            "close the assessment when every answer is in."
        ),
        button=_("Save"),
        problems=problems,
        form=form,
        template="assessments/workflow/review.html",
    )


def _review_start(
    request: HttpRequest, assessment: Assessment, version: AssessmentVersion
) -> HttpResponse:
    problems = workflow_rules.state_problems(assessment, {Assessment.State.PUBLISHED})
    if request.method == "POST":
        with _refusal_listed_in(problems):
            workflow_writes.review_start(actor=Actor.from_request(request), assessment=assessment)
            messages.success(request, _("The review has started."))
            return redirect("assessments:review", assessment_id=assessment.pk)
    return _page(
        request,
        assessment,
        version,
        title=_("Start the review"),
        intro=_(
            "Stage 3 looks at what actually happened to children after the decision, against "
            "what the assessment expected."
        ),
        button=_("Start the review"),
        problems=problems,
    )


@login_required
def close(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, version = _editable_record(request, assessment_id)
    problems = workflow_rules.close_problems(assessment)
    if request.method == "POST":
        with _refusal_listed_in(problems):
            workflow_writes.review_complete(
                actor=Actor.from_request(request), assessment=assessment
            )
            return _done(
                request, assessment, _("The review is complete and the assessment closed.")
            )
    return _page(
        request,
        assessment,
        version,
        title=_("Close the assessment"),
        intro=_("The review is complete. Nothing more can be changed once it is closed."),
        button=_("Close the assessment"),
        problems=problems,
        template="assessments/workflow/close.html",
        review_answers=review_answers(assessment),
    )


@login_required
def comment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, _version = _editable_record(request, assessment_id)
    form = CommentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        workflow_writes.comment_add(
            actor=Actor.from_request(request), assessment=assessment, text=form.cleaned_data["text"]
        )
        return _done(request, assessment, _("Your comment has been added."))
    return form_page(
        request,
        form,
        caption=f"{assessment.reference}: {assessment.title}",
        title=_("Add a comment"),
        cancel="assessments:history",
        cancel_args=[assessment.pk],
    )


@login_required
def version(request: HttpRequest, assessment_id: int, version_number: int) -> HttpResponse:
    assessment = assessment_or_404(request=request, assessment_id=assessment_id)
    shown = workflow_history.version_or_none(assessment, version_number)
    if shown is None:
        raise Http404
    return render(
        request,
        "assessments/workflow/version.html",
        {
            "assessment": assessment,
            "council": assessment.council,
            "shown": shown,
            "current": current_version(assessment),
            "stages": version_answers(shown),
        },
    )


@login_required
def history(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = assessment_or_404(request=request, assessment_id=assessment_id)
    return render(
        request,
        "assessments/workflow/history.html",
        {
            "assessment": assessment,
            "council": assessment.council,
            "version": current_version(assessment),
            "versions": workflow_history.versions_of(assessment),
            "events": workflow_history.history(assessment),
            "comment_form": CommentForm(),
            "can_edit": has_capability_in(request.user, assessment.council_id, "edit"),
        },
    )


# --- the council lead's dashboard, and decisions ------------------------------------------------


@login_required
def dashboard(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    today = timezone.localdate()
    return render(
        request,
        "assessments/workflow/dashboard.html",
        {
            "council": council,
            "states": lead.assessments_by_state(council),
            "overdue": lead.reviews_overdue(council, today=today),
            "decisions": lead.decision_share(council, today=today),
            "stages": lead.projects_by_stage(council),
        },
    )


@login_required
def decisions(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, needs="edit" if request.method == "POST" else None
    )
    can_edit = has_capability_in(request.user, council.pk, "edit")
    form = DecisionForm(_posted(request), assessments=lead.assessments_to_link(council))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            lead.decision_create(
                actor=Actor.from_request(request), council=council, **form.cleaned_data
            )
            messages.success(request, _("The decision has been recorded."))
            return redirect("assessments:decisions", council_id=council.pk)
    return render(
        request,
        "assessments/workflow/decisions.html",
        {
            "council": council,
            "decisions": lead.decisions_of(council),
            "form": form,
            "can_edit": can_edit,
        },
    )


@login_required
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_or_404(request=request, decision_id=decision_id, needs="edit")
    council = decision.council
    form = DecisionForm(
        _posted(request),
        assessments=lead.assessments_to_link(council),
        initial=DecisionForm.initial_from(decision),
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            lead.decision_update(
                actor=Actor.from_request(request), decision=decision, **form.cleaned_data
            )
            messages.success(request, _("The decision has been saved."))
            return redirect("assessments:decisions", council_id=council.pk)
    return form_page(
        request,
        form,
        caption=council_name(council),
        title=_("Change the decision"),
        cancel="assessments:decisions",
        cancel_args=[council.pk],
    )

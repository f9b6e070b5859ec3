"""Training records for one council: coverage by role and who needs refreshing, courses and
their sessions, attendance, the people trained, the numbers in each role, and certificates."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import day_text, localised
from childrights.councils.models import Council
from childrights.outcomes.certificates import certificate_filename, certificate_pdf_export
from childrights.outcomes.forms.training import (
    AttendanceForm,
    CourseForm,
    ExistingPersonForm,
    NewPersonForm,
    RoleCountForm,
    SessionForm,
    TraineeForm,
    TrainingForm,
)
from childrights.outcomes.models import Attendance, TrainingSession
from childrights.outcomes.training import courses as training_courses
from childrights.outcomes.training import coverage as training_coverage
from childrights.outcomes.training import refusals as training_refusals
from childrights.outcomes.training import role_counts as training_role_counts
from childrights.outcomes.training import trainees as training_trainees

SAFE_METHODS = ["GET", "HEAD"]


def _can_edit(request: HttpRequest, council: Council) -> bool:
    return has_capability_in(request.user, council.pk, "edit")


@contextmanager
def _refusal_shown_on(form: TrainingForm) -> Iterator[None]:
    """Around a training write and what follows it: when the service refuses, the refusal goes
    on the form (``TrainingForm.refuse``), the rest of the block is skipped and the view shows
    the form again."""
    try:
        yield
    except training_refusals.TrainingRefused as refused:
        form.refuse(refused)


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    """A form on a page of its own; ``cancel`` is the URL name and argument to go back to."""
    name, argument = context.pop("cancel")
    return render(
        request,
        "outcomes/training/form.html",
        {"form": form, "cancel_url": reverse(name, args=[argument]), **context},
    )


def _session_label(session: TrainingSession) -> str:
    return _("%(course)s, %(day)s") % {
        "course": localised(session.course, "title"),
        "day": day_text(session.held_on),
    }


# The overview --------------------------------------------------------------------------------


@login_required
def training_overview(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    today = timezone.localdate()
    rows = [
        {
            "coverage": entry,
            "indicator": training_coverage.coverage_indicator(council=council, role=entry.role),
        }
        for entry in training_coverage.coverage(council=council, on=today)
    ]
    return render(
        request,
        "outcomes/training/overview.html",
        {
            "council": council,
            "today": today,
            "rows": rows,
            "refresh": training_trainees.needs_refreshing(council=council, on=today),
            "course_count": training_courses.courses(council=council).count(),
            "can_edit": _can_edit(request, council),
        },
    )


# Courses and sessions ------------------------------------------------------------------------


@login_required
def course_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    return render(
        request,
        "outcomes/training/courses.html",
        {
            "council": council,
            "courses": training_courses.courses_with_counts(council=council),
            "can_edit": _can_edit(request, council),
        },
    )


def _course_values(form: CourseForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
def course_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            created = training_courses.course_create(
                actor=Actor.from_request(request), council=council, **_course_values(form)
            )
            messages.success(request, _("The course has been added."))
            return redirect("outcomes:training_course", course_id=created.pk)
    return _form_page(
        request,
        form,
        council=council,
        title=_("Add a course"),
        cancel=("outcomes:training_courses", council.pk),
    )


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = training_courses.course_or_404(request=request, course_id=course_id)
    return render(
        request,
        "outcomes/training/course.html",
        {
            "council": course.council,
            "course": course,
            "sessions": training_courses.sessions(course=course),
            "can_edit": _can_edit(request, course.council),
        },
    )


@login_required
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    course = training_courses.course_or_404(request=request, course_id=course_id, needs="edit")
    initial = {
        name: getattr(course, name)
        for name in (
            "title_en",
            "title_cy",
            "description_en",
            "description_cy",
            "counts_for",
            "valid_for_months",
            "is_active",
        )
    }
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            training_courses.course_update(
                actor=Actor.from_request(request), course=course, **_course_values(form)
            )
            messages.success(request, _("The course has been saved."))
            return redirect("outcomes:training_course", course_id=course.pk)
    return _form_page(
        request,
        form,
        council=course.council,
        title=_("Change the course"),
        intro=_(
            "A new validity changes when everyone who completed the course needs refreshing, "
            "and the coverage computed from it."
        ),
        cancel=("outcomes:training_course", course.pk),
    )


@login_required
def session_new(request: HttpRequest, course_id: int) -> HttpResponse:
    course = training_courses.course_or_404(request=request, course_id=course_id, needs="edit")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            created = training_courses.session_create(
                actor=Actor.from_request(request), course=course, **form.cleaned_data
            )
            messages.success(request, _("The session has been added."))
            return redirect("outcomes:training_session", session_id=created.pk)
    return _form_page(
        request,
        form,
        council=course.council,
        caption=localised(course, "title"),
        title=_("Add a session"),
        cancel=("outcomes:training_course", course.pk),
    )


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = training_courses.session_or_404(
        request=request, session_id=session_id, needs="edit" if request.method == "POST" else None
    )
    council = session.course.council
    can_edit = _can_edit(request, council)
    people = training_trainees.trainees_not_at(session=session)
    form = ExistingPersonForm(request.POST or None, people=people, prefix="existing")
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            training_courses.attendance_record(
                actor=Actor.from_request(request),
                session=session,
                trainee=form.cleaned_data["trainee"],
                status=form.cleaned_data["status"],
            )
            messages.success(
                request,
                _("%(name)s has been added to the session.")
                % {"name": form.cleaned_data["trainee"].name},
            )
            return redirect("outcomes:training_session", session_id=session.pk)
    return render(
        request,
        "outcomes/training/session.html",
        {
            "council": council,
            "session": session,
            "course": session.course,
            "attendances": training_courses.attendances(session=session),
            "form": form,
            "has_people": people.exists(),
            "can_edit": can_edit,
        },
    )


@login_required
def session_person_new(request: HttpRequest, session_id: int) -> HttpResponse:
    session = training_courses.session_or_404(request=request, session_id=session_id, needs="edit")
    council = session.course.council
    form = NewPersonForm(
        request.POST or None,
        initial={"role": session.course.counts_for, "status": Attendance.Status.BOOKED},
    )
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            added = training_trainees.attendance_record_new_trainee(
                actor=Actor.from_request(request), session=session, **form.cleaned_data
            )
            messages.success(
                request,
                _("%(name)s has been added to the session.") % {"name": added.trainee.name},
            )
            return redirect("outcomes:training_session", session_id=session.pk)
    return _form_page(
        request,
        form,
        council=council,
        caption=_session_label(session),
        title=_("Add someone new to the session"),
        cancel=("outcomes:training_session", session.pk),
    )


@login_required
def attendance_edit(request: HttpRequest, attendance_id: int) -> HttpResponse:
    attendance = training_courses.attendance_or_404(
        request=request, attendance_id=attendance_id, needs="edit"
    )
    session = attendance.session
    council = session.course.council
    form = AttendanceForm(
        request.POST or None,
        initial={"status": attendance.status, "completed_on": attendance.completed_on},
    )
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            saved = training_courses.attendance_record(
                actor=Actor.from_request(request),
                session=session,
                trainee=attendance.trainee,
                **form.cleaned_data,
            )
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": saved.trainee.name, "status": saved.get_status_display()},
            )
            return redirect("outcomes:training_session", session_id=session.pk)
    return _form_page(
        request,
        form,
        council=council,
        caption=_session_label(session),
        title=_("Attendance of %(name)s") % {"name": attendance.trainee.name},
        cancel=("outcomes:training_session", session.pk),
    )


@login_required
def certificate(request: HttpRequest, attendance_id: int) -> HttpResponseBase:
    attendance = training_courses.attendance_or_404(request=request, attendance_id=attendance_id)
    if attendance.status != Attendance.Status.COMPLETED or not attendance.certificate_code:
        raise Http404
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    kept = certificate_pdf_export(actor=Actor.from_request(request), attendance=attendance)
    response = FileResponse(
        kept.pdf.open("rb"),
        as_attachment=True,
        filename=certificate_filename(attendance),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# People --------------------------------------------------------------------------------------


@login_required
def trainee_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    return render(
        request,
        "outcomes/training/trainees.html",
        {
            "council": council,
            "people": training_trainees.trainees_with_training(
                council=council, on=timezone.localdate()
            ),
            "can_edit": _can_edit(request, council),
        },
    )


@login_required
def trainee_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = TraineeForm(request.POST or None, with_left_on=False)
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            created = training_trainees.trainee_create(
                actor=Actor.from_request(request), council=council, **form.cleaned_data
            )
            messages.success(request, _("%(name)s has been added.") % {"name": created.name})
            return redirect("outcomes:training_trainee", trainee_id=created.pk)
    return _form_page(
        request,
        form,
        council=council,
        title=_("Add a person"),
        cancel=("outcomes:training_trainees", council.pk),
    )


@login_required
def trainee_detail(request: HttpRequest, trainee_id: int) -> HttpResponse:
    trainee = training_trainees.trainee_or_404(request=request, trainee_id=trainee_id)
    return render(
        request,
        "outcomes/training/trainee.html",
        {
            "council": trainee.council,
            "trainee": trainee,
            "attendances": training_trainees.trainee_attendances(trainee=trainee),
            "can_edit": _can_edit(request, trainee.council),
        },
    )


@login_required
def trainee_edit(request: HttpRequest, trainee_id: int) -> HttpResponse:
    trainee = training_trainees.trainee_or_404(request=request, trainee_id=trainee_id, needs="edit")
    form = TraineeForm(
        request.POST or None,
        initial={
            "name": trainee.name,
            "email": trainee.email,
            "role": trainee.role,
            "left_on": trainee.left_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        with _refusal_shown_on(form):
            training_trainees.trainee_update(
                actor=Actor.from_request(request), trainee=trainee, **form.cleaned_data
            )
            messages.success(request, _("The person’s details have been saved."))
            return redirect("outcomes:training_trainee", trainee_id=trainee.pk)
    return _form_page(
        request,
        form,
        council=trainee.council,
        title=_("Change %(name)s’s details") % {"name": trainee.name},
        cancel=("outcomes:training_trainee", trainee.pk),
    )


# Numbers in each role ------------------------------------------------------------------------


@login_required
def role_counts(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, needs="edit" if request.method == "POST" else None
    )
    form = RoleCountForm(request.POST if request.POST.get("action") == "save" else None)
    here = redirect("outcomes:training_role_counts", council_id=council.pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "remove":
            wanted = request.POST.get("role_count", "")
            found = (
                training_role_counts.role_counts(council=council).filter(pk=int(wanted)).first()
                if wanted.isascii() and wanted.isdigit()
                else None
            )
            if found is None:
                raise Http404
            training_role_counts.role_count_remove(
                actor=Actor.from_request(request), role_count=found
            )
            messages.success(request, _("The number has been removed."))
            return here
        if action == "save" and form.is_valid():
            with _refusal_shown_on(form):
                training_role_counts.role_count_save(
                    actor=Actor.from_request(request), council=council, **form.cleaned_data
                )
                messages.success(request, _("The number has been saved."))
                return here
    return render(
        request,
        "outcomes/training/role_counts.html",
        {
            "council": council,
            "counts": training_role_counts.role_counts(council=council),
            "form": form,
            "can_edit": _can_edit(request, council),
        },
    )

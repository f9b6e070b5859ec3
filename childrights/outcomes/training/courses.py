"""Records of courses, their sessions and who attended them, with their reads and writes:
a council's courses and sessions, a session's list of attendances, and recording how each
person's attendance went, which dates a completion, sets when it runs out and gives it a
certificate number. Reads are scoped to a council; writes are audited, and a write that can
change coverage recomputes the council's computed coverage for the roles it touches.
"""

import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import save_changes
from childrights.core.models import AuditEvent
from childrights.core.pdf import pdf_kept_forget
from childrights.core.presenters import day_text
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.outcomes.models import (
    Attendance,
    CertificatePdf,
    Course,
    Trainee,
    TrainingSession,
)
from childrights.outcomes.tasks import certificate_pdf_queue
from childrights.outcomes.training.coverage import _refresh
from childrights.outcomes.training.dates import months_after
from childrights.outcomes.training.refusals import TrainingRefused, _role, _text

MAX_VALID_MONTHS = 120
CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# Reads ---------------------------------------------------------------------------------------


def courses(*, council: Council) -> QuerySet[Course]:
    return Course.objects.filter(council=council).order_by("-is_active", "title_en", "pk")


def courses_with_counts(*, council: Council) -> QuerySet[Course]:
    """The council's courses with how many sessions each had and how many completions."""
    return courses(council=council).annotate(
        session_count=Count("sessions", distinct=True),
        completion_count=Count(
            "sessions__attendances",
            filter=Q(sessions__attendances__status=Attendance.Status.COMPLETED),
            distinct=True,
        ),
    )


def course_or_404(*, request: HttpRequest, course_id: int, needs: str | None = None) -> Course:
    """One of the council's courses, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Course.objects.select_related("council"), request=request, needs=needs, pk=course_id
    )


def sessions(*, course: Course) -> QuerySet[TrainingSession]:
    return (
        course.sessions.annotate(
            booked=Count("attendances"),
            completed=Count(
                "attendances", filter=Q(attendances__status=Attendance.Status.COMPLETED)
            ),
        )
        .order_by("-held_on", "-pk")
        .select_related("course")
    )


def session_or_404(
    *, request: HttpRequest, session_id: int, needs: str | None = None
) -> TrainingSession:
    """A session of one of the council's courses, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        TrainingSession.objects.select_related("course__council"),
        request=request,
        council_path="course__council",
        needs=needs,
        pk=session_id,
    )


def attendances(*, session: TrainingSession) -> QuerySet[Attendance]:
    return session.attendances.select_related("trainee").order_by("trainee__name", "pk")


def attendance_or_404(
    *, request: HttpRequest, attendance_id: int, needs: str | None = None
) -> Attendance:
    """A place on a session of one of the council's courses, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Attendance.objects.select_related("session__course__council", "trainee"),
        request=request,
        council_path="session__course__council",
        needs=needs,
        pk=attendance_id,
    )


# Writes --------------------------------------------------------------------------------------


def _months(value: int | None) -> int | None:
    if value is None:
        return None
    if not 1 <= value <= MAX_VALID_MONTHS:
        raise TrainingRefused(
            _("A course stays valid for between 1 and %(most)s months, or leave it empty")
            % {"most": MAX_VALID_MONTHS},
            field="valid_for_months",
        )
    return value


def _course_fields(
    *,
    council: Council,
    course: Course | None,
    title_en: str,
    title_cy: str,
    description_en: str,
    description_cy: str,
    counts_for: str,
    valid_for_months: int | None,
    is_active: bool,
) -> dict[str, Any]:
    title = _text(
        title_en,
        field="title_en",
        limit=200,
        empty=_("Enter the course’s title in English"),
        too_long=_("Keep the title to 200 characters or fewer"),
    )
    same = Course.objects.filter(council=council, title_en__iexact=title)
    if course is not None:
        same = same.exclude(pk=course.pk)
    if same.exists():
        raise TrainingRefused(
            _("The council already has a course with this title"), field="title_en"
        )
    return {
        "title_en": title,
        "title_cy": _text(
            title_cy,
            field="title_cy",
            limit=200,
            too_long=_("Keep the title to 200 characters or fewer"),
        ),
        "description_en": _text(
            description_en,
            field="description_en",
            limit=5000,
            too_long=_("Keep what it covers to 5,000 characters or fewer"),
        ),
        "description_cy": _text(
            description_cy,
            field="description_cy",
            limit=5000,
            too_long=_("Keep what it covers to 5,000 characters or fewer"),
        ),
        "counts_for": _role(counts_for, "counts_for"),
        "valid_for_months": _months(valid_for_months),
        "is_active": bool(is_active),
    }


@transaction.atomic
def course_create(
    *,
    actor: Actor,
    council: Council,
    title_en: str,
    counts_for: str,
    title_cy: str = "",
    description_en: str = "",
    description_cy: str = "",
    valid_for_months: int | None = None,
    is_active: bool = True,
) -> Course:
    fields = _course_fields(
        council=council,
        course=None,
        title_en=title_en,
        title_cy=title_cy,
        description_en=description_en,
        description_cy=description_cy,
        counts_for=counts_for,
        valid_for_months=valid_for_months,
        is_active=is_active,
    )
    created = Course.objects.create(council=council, **fields)
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=created)
    return created


@transaction.atomic
def course_update(
    *,
    actor: Actor,
    course: Course,
    title_en: str,
    counts_for: str,
    title_cy: str = "",
    description_en: str = "",
    description_cy: str = "",
    valid_for_months: int | None = None,
    is_active: bool = True,
) -> Course:
    """Change a course. A new validity moves the date every completion of it runs out; a new
    role moves its completions to that role's coverage."""
    locked = Course.objects.select_for_update().select_related("council").get(pk=course.pk)
    fields = _course_fields(
        council=locked.council,
        course=locked,
        title_en=title_en,
        title_cy=title_cy,
        description_en=description_en,
        description_cy=description_cy,
        counts_for=counts_for,
        valid_for_months=valid_for_months,
        is_active=is_active,
    )
    role_before = locked.counts_for
    changed = save_changes(actor=actor, instance=locked, values=fields)
    if "valid_for_months" in changed:
        for attendance in Attendance.objects.filter(
            session__course=locked, status=Attendance.Status.COMPLETED
        ):
            attendance.expires_on = expires_on_for(locked, attendance.completed_on)
            attendance.save(update_fields=["expires_on", "updated_at"])
    if {"valid_for_months", "counts_for"} & changed.keys():
        _refresh(locked.council, role_before, locked.counts_for)
    return locked


@transaction.atomic
def session_create(
    *,
    actor: Actor,
    course: Course,
    held_on: date,
    location: str = "",
    trainer: str = "",
) -> TrainingSession:
    if not isinstance(held_on, date):
        raise TrainingRefused(_("Enter the date of the session"), field="held_on")
    created = TrainingSession.objects.create(
        course=course,
        held_on=held_on,
        location=_text(
            location,
            field="location",
            limit=200,
            too_long=_("Keep the place to 200 characters or fewer"),
        ),
        trainer=_text(
            trainer,
            field="trainer",
            limit=200,
            too_long=_("Keep the trainer’s name to 200 characters or fewer"),
        ),
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=created, council=course.council)
    return created


def expires_on_for(course: Course, completed_on: date | None) -> date | None:
    """The last day a completion of the course on ``completed_on`` is valid; None if it never
    runs out."""
    if completed_on is None or course.valid_for_months is None:
        return None
    return months_after(completed_on, course.valid_for_months)


def certificate_code_new() -> str:
    """Twelve characters from 32 unambiguous ones (60 bits), in three groups: not guessable."""
    while True:
        raw = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if not Attendance.objects.filter(certificate_code=code).exists():
            return code


@transaction.atomic
def attendance_record(
    *,
    actor: Actor,
    session: TrainingSession,
    trainee: Trainee,
    status: str,
    completed_on: date | None = None,
    today: date | None = None,
) -> Attendance:
    """Book a person on a session or record how it went. Completing it dates the completion (the
    session's date unless given), sets when it needs refreshing from the course's validity and
    gives it a certificate number, whose PDF is then drawn in the background; any other status
    clears those, and deletes the certificate's kept PDF."""
    course = session.course
    if trainee.council_id != course.council_id:
        raise TrainingRefused(
            _("That person is not in this council’s training records"), field="trainee"
        )
    if status not in Attendance.Status.values:
        raise TrainingRefused(
            _("Choose booked, attended, completed or did not attend"), field="status"
        )
    today = today or timezone.localdate()
    # The session's row is locked first, so two records for one session at the same moment
    # take turns (the attendance row may not exist yet to lock).
    TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
    existing = (
        Attendance.objects.select_for_update().filter(session=session, trainee=trainee).first()
    )
    before = (existing.status, existing.completed_on) if existing else None
    if status == Attendance.Status.COMPLETED:
        completed_on = completed_on or session.held_on
        if completed_on < session.held_on:
            raise TrainingRefused(
                _("The completion date cannot be before the session, on %(day)s")
                % {"day": day_text(session.held_on)},
                field="completed_on",
            )
        if completed_on > today:
            raise TrainingRefused(
                _("The completion date cannot be in the future"), field="completed_on"
            )
        code = existing.certificate_code if existing and existing.certificate_code else None
        values: dict[str, Any] = {
            "status": status,
            "completed_on": completed_on,
            "expires_on": expires_on_for(course, completed_on),
            "certificate_code": code or certificate_code_new(),
        }
    else:
        values = {
            "status": status,
            "completed_on": None,
            "expires_on": None,
            "certificate_code": None,
        }
        if existing is not None:  # no certificate now: nor its kept PDF, with the person's name
            pdf_kept_forget(CertificatePdf.objects.filter(attendance=existing))
    values["recorded_by"] = actor.person if isinstance(actor.person, User) else None
    if existing is None:
        saved = Attendance.objects.create(session=session, trainee=trainee, **values)
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        saved = existing
    audit_record(
        action=AuditEvent.Action.CREATE if existing is None else AuditEvent.Action.UPDATE,
        actor=actor,
        obj=saved,
        council=course.council,
        detail={
            "status": [before[0], status] if before else status,
            "completed_on": str(saved.completed_on) if saved.completed_on else "",
        },
    )
    if Attendance.Status.COMPLETED in (status, before[0] if before else None):
        _refresh(course.council, trainee.role)
    if status == Attendance.Status.COMPLETED:
        certificate_pdf_queue(saved)
    return saved

"""Training in children's rights: courses, sessions, who attended and completed them, how many
people hold each role, and the coverage computed from those records (never typed in).

Reads are scoped to a council. Writes are audited; a write that can change coverage recomputes
the council's computed coverage measurements for the roles it touches.
"""

import calendar
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.audit import audit_record
from childrights.core.changes import apply_changes
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.outcomes.models import (
    Attendance,
    Course,
    Measurement,
    OutcomeIndicator,
    RoleCount,
    Trainee,
    TrainingRole,
    TrainingSession,
)

ONE_DECIMAL = Decimal("0.1")
# An indicator with ``computed_from`` "training:<role>" is that role's coverage.
COMPUTED_PREFIX = "training:"
COMPUTED_NOTE = "Computed from training records"
MAX_VALID_MONTHS = 120
MAX_ROLE_COUNT = 100_000
CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# Coverage ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    role: str
    role_label: str
    trained: int
    total: int | None
    share: Decimal | None


def _share(trained: int, total: int | None) -> Decimal | None:
    if not total:
        return None
    return (Decimal(trained) * 100 / Decimal(total)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def coverage(*, council: Council, on: date) -> list[Coverage]:
    """How many people in each role were trained on a date, out of how many hold the role.

    One entry per role that has a number of people on or before ``on`` or any trainee, in the
    order of ``TrainingRole``. A person counts as trained for their role when, on that date,
    they have not left it (``left_on`` after the date, or none) and have completed, on or before
    the date, a course that counts for that role whose completion is still valid (it is valid
    until ``expires_on``, that day included). The total is the latest number in the role on or
    before the date; the share is trained out of total as a percentage, rounded half up to one
    decimal place, and None without a total.
    """
    totals: dict[str, int] = {}
    for role, count in (
        RoleCount.objects.filter(council=council, as_of__lte=on)
        .order_by("role", "as_of", "pk")
        .values_list("role", "count")
    ):
        totals[role] = count  # the latest date wins
    with_trainees = set(
        Trainee.objects.filter(council=council).values_list("role", flat=True).distinct()
    )
    trained: dict[str, set[int]] = {}
    for role, trainee_id in (
        Attendance.objects.filter(
            session__course__council=council,
            trainee__council=council,
            status=Attendance.Status.COMPLETED,
            completed_on__lte=on,
        )
        .filter(Q(trainee__left_on__isnull=True) | Q(trainee__left_on__gt=on))
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .filter(session__course__counts_for=F("trainee__role"))
        .values_list("trainee__role", "trainee_id")
    ):
        trained.setdefault(role, set()).add(trainee_id)
    found = []
    for role in TrainingRole:
        if role.value not in totals and role.value not in with_trainees:
            continue
        total = totals.get(role.value)
        count = len(trained.get(role.value, set()))
        found.append(Coverage(role.value, str(role.label), count, total, _share(count, total)))
    return found


# Dates -----------------------------------------------------------------------------------------


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that month is shorter."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_end_on_or_after(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def quarter_end_on_or_before(day: date) -> date:
    end = quarter_end_on_or_after(day)
    if end == day:
        return day
    return date(day.year, end.month - 2, 1) - timedelta(days=1)


def quarter_ends(first: date, last: date) -> list[date]:
    """Every quarter end from the one that closes the quarter holding ``first`` up to ``last``."""
    ends = []
    end = quarter_end_on_or_after(first)
    while end <= last:
        ends.append(end)
        end = quarter_end_on_or_after(end + timedelta(days=1))
    return ends


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


def course_or_404(*, request: HttpRequest, course_id: int) -> Course:
    return get_owned_or_404(Course.objects.select_related("council"), request=request, pk=course_id)


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


def session_or_404(*, request: HttpRequest, session_id: int) -> TrainingSession:
    return get_owned_or_404(
        TrainingSession.objects.select_related("course__council"),
        request=request,
        council_path="course__council",
        pk=session_id,
    )


def attendances(*, session: TrainingSession) -> QuerySet[Attendance]:
    return session.attendances.select_related("trainee").order_by("trainee__name", "pk")


def attendance_or_404(*, request: HttpRequest, attendance_id: int) -> Attendance:
    return get_owned_or_404(
        Attendance.objects.select_related("session__course__council", "trainee"),
        request=request,
        council_path="session__course__council",
        pk=attendance_id,
    )


def trainees(*, council: Council) -> QuerySet[Trainee]:
    return Trainee.objects.filter(council=council).order_by("name", "pk")


@dataclass(frozen=True)
class TraineeTraining:
    """A person, the courses they completed, and whether they count as trained for their role
    on the day asked about (and until when, if it runs out)."""

    trainee: Trainee
    completed: list[Attendance]
    trained: bool
    valid_until: date | None


def _counts(attendance: Attendance, trainee: Trainee, on: date) -> bool:
    return (
        attendance.session.course.counts_for == trainee.role
        and attendance.completed_on is not None
        and attendance.completed_on <= on
        and (trainee.left_on is None or trainee.left_on > on)
        and (attendance.expires_on is None or attendance.expires_on >= on)
    )


def trainees_with_training(*, council: Council, on: date) -> list[TraineeTraining]:
    completed: dict[int, list[Attendance]] = {}
    for attendance in (
        Attendance.objects.filter(
            trainee__council=council,
            session__course__council=council,
            status=Attendance.Status.COMPLETED,
        )
        .select_related("session__course")
        .order_by("-completed_on", "-pk")
    ):
        completed.setdefault(attendance.trainee_id, []).append(attendance)
    found = []
    for person in trainees(council=council):
        theirs = completed.get(person.pk, [])
        counting = [attendance for attendance in theirs if _counts(attendance, person, on)]
        ends = [attendance.expires_on for attendance in counting]
        valid_until = None if not ends or None in ends else max(end for end in ends if end)
        found.append(TraineeTraining(person, theirs, bool(counting), valid_until))
    return found


def trainee_or_404(*, request: HttpRequest, trainee_id: int) -> Trainee:
    return get_owned_or_404(
        Trainee.objects.select_related("council"), request=request, pk=trainee_id
    )


def trainee_attendances(*, trainee: Trainee) -> QuerySet[Attendance]:
    return trainee.attendances.select_related("session__course").order_by(
        "-session__held_on", "-pk"
    )


def trainees_not_at(*, session: TrainingSession) -> QuerySet[Trainee]:
    """The council's people who are not yet on this session's list."""
    return trainees(council=session.course.council).exclude(attendances__session=session)


def role_counts(*, council: Council) -> QuerySet[RoleCount]:
    return RoleCount.objects.filter(council=council).order_by("role", "-as_of", "pk")


@dataclass(frozen=True)
class Refresh:
    """A person whose training for their role has run out, or runs out soon."""

    trainee: Trainee
    expires_on: date
    expired: bool


def needs_refreshing(*, council: Council, on: date, within_days: int = 90) -> list[Refresh]:
    """People still in their role whose training for it ran out before ``on`` or runs out within
    ``within_days`` (the last valid day is ``expires_on``): the latest expiry of their completed
    courses for their role counts, and a completion that never runs out means nothing needs
    refreshing."""
    latest: dict[int, date | None] = {}
    for trainee_id, expires_on in (
        Attendance.objects.filter(
            trainee__council=council,
            session__course__council=council,
            status=Attendance.Status.COMPLETED,
            completed_on__lte=on,
            session__course__counts_for=F("trainee__role"),
        )
        .filter(Q(trainee__left_on__isnull=True) | Q(trainee__left_on__gt=on))
        .values_list("trainee_id", "expires_on")
    ):
        if trainee_id in latest and latest[trainee_id] is None:
            continue
        before = latest.get(trainee_id)
        latest[trainee_id] = (
            None if expires_on is None else max(expires_on, before) if before else expires_on
        )
    horizon = on + timedelta(days=within_days)
    due = {
        trainee_id: expires_on
        for trainee_id, expires_on in latest.items()
        if expires_on is not None and expires_on <= horizon
    }
    people = trainees(council=council).filter(pk__in=due)
    return sorted(
        (Refresh(person, due[person.pk], due[person.pk] < on) for person in people),
        key=lambda refresh: (refresh.expires_on, refresh.trainee.name, refresh.trainee.pk),
    )


# Coverage as an indicator --------------------------------------------------------------------


def computed_indicators(*, council: Council, role: str) -> QuerySet[OutcomeIndicator]:
    return OutcomeIndicator.objects.filter(
        Q(council__isnull=True) | Q(council=council), computed_from=f"{COMPUTED_PREFIX}{role}"
    )


def coverage_indicator(*, council: Council, role: str) -> OutcomeIndicator | None:
    return computed_indicators(council=council, role=role).order_by("council_id", "pk").first()


def coverage_measurements_refresh(*, council: Council, role: str, today: date | None = None) -> int:
    """Replace the council's computed coverage values for ``role``: one a quarter end, from the
    quarter of the first completion for that role to the latest quarter end on or before today,
    where there is a total to divide by. Returns how many values were stored."""
    today = today or timezone.localdate()
    found = list(computed_indicators(council=council, role=role))
    if not found:
        return 0
    Measurement.objects.filter(council=council, indicator__in=found).delete()
    first = (
        Attendance.objects.filter(
            trainee__council=council,
            trainee__role=role,
            session__course__council=council,
            session__course__counts_for=role,
            status=Attendance.Status.COMPLETED,
        )
        .order_by("completed_on")
        .values_list("completed_on", flat=True)
        .first()
    )
    if first is None:
        return 0
    values = []
    for end in quarter_ends(first, quarter_end_on_or_before(today)):
        share = next(
            (entry.share for entry in coverage(council=council, on=end) if entry.role == role),
            None,
        )
        if share is not None:
            values.append((end, share))
    Measurement.objects.bulk_create(
        Measurement(
            council=council,
            indicator=indicator,
            period_end=end,
            value=share,
            note=COMPUTED_NOTE,
        )
        for indicator in found
        for end, share in values
    )
    return len(values) * len(found)


def coverage_refresh_all(*, today: date | None = None) -> int:
    """Every council's computed coverage values, brought up to the latest quarter end (a new
    quarter begins without any training record changing). Returns how many values were stored."""
    stored = 0
    roles = sorted(
        {
            *Trainee.objects.order_by().values_list("council_id", "role").distinct(),
            *RoleCount.objects.order_by().values_list("council_id", "role").distinct(),
        }
    )
    councils = Council.objects.in_bulk({council_id for council_id, _role in roles})
    for council_id, role in roles:
        stored += coverage_measurements_refresh(
            council=councils[council_id], role=role, today=today
        )
    return stored


def _refresh(council: Council, *roles: str) -> None:
    for role in dict.fromkeys(roles):
        coverage_measurements_refresh(council=council, role=role)


# Writes --------------------------------------------------------------------------------------


class TrainingRefused(Exception):
    """The input was not right; nothing was changed. The message says why, for people, and
    ``field`` names the input it is about, if one."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _text(value: str, *, field: str, limit: int, empty: str | None = None, too_long: str) -> str:
    value = (value or "").strip()
    if empty is not None and not value:
        raise TrainingRefused(empty, field=field)
    if len(value) > limit:
        raise TrainingRefused(too_long, field=field)
    return value


def _role(value: str, field: str) -> str:
    if value not in TrainingRole.values:
        raise TrainingRefused(_("Choose one of the roles in the list"), field=field)
    return value


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
    request: HttpRequest,
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
    audit_record(action=AuditEvent.Action.CREATE, request=request, obj=created)
    return created


@transaction.atomic
def course_update(
    *,
    request: HttpRequest,
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
    changed = apply_changes(locked, fields)
    if not changed:
        return locked
    locked.save()
    if "valid_for_months" in changed:
        for attendance in Attendance.objects.filter(
            session__course=locked, status=Attendance.Status.COMPLETED
        ):
            attendance.expires_on = expires_on_for(locked, attendance.completed_on)
            attendance.save(update_fields=["expires_on", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE, request=request, obj=locked, detail={"changed": changed}
    )
    if {"valid_for_months", "counts_for"} & changed.keys():
        _refresh(locked.council, role_before, locked.counts_for)
    return locked


@transaction.atomic
def session_create(
    *,
    request: HttpRequest,
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
    audit_record(
        action=AuditEvent.Action.CREATE, request=request, obj=created, council=course.council
    )
    return created


def _trainee_fields(
    *,
    council: Council,
    trainee: Trainee | None,
    name: str,
    role: str,
    email: str,
    left_on: date | None,
) -> dict[str, Any]:
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise TrainingRefused(
                _("Enter an email address in the correct format, like name@example.org"),
                field="email",
            ) from error
        same = Trainee.objects.filter(council=council, email__iexact=email)
        if trainee is not None:
            same = same.exclude(pk=trainee.pk)
        if same.exists():
            raise TrainingRefused(
                _("Someone in the council’s training records has this email"), field="email"
            )
    return {
        "name": _text(
            name,
            field="name",
            limit=200,
            empty=_("Enter the person’s name"),
            too_long=_("Keep the name to 200 characters or fewer"),
        ),
        "role": _role(role, "role"),
        "email": email[:254],
        "left_on": left_on,
    }


@transaction.atomic
def trainee_create(
    *,
    request: HttpRequest,
    council: Council,
    name: str,
    role: str,
    email: str = "",
    left_on: date | None = None,
) -> Trainee:
    fields = _trainee_fields(
        council=council, trainee=None, name=name, role=role, email=email, left_on=left_on
    )
    try:
        with transaction.atomic():
            created = Trainee.objects.create(council=council, **fields)
    except IntegrityError as error:  # the same email added at the same moment
        raise TrainingRefused(
            _("Someone in the council’s training records has this email"), field="email"
        ) from error
    audit_record(action=AuditEvent.Action.CREATE, request=request, obj=created)
    return created


@transaction.atomic
def trainee_update(
    *,
    request: HttpRequest,
    trainee: Trainee,
    name: str,
    role: str,
    email: str = "",
    left_on: date | None = None,
) -> Trainee:
    """Change a person's details; a new role or the date they left changes coverage."""
    locked = Trainee.objects.select_for_update().select_related("council").get(pk=trainee.pk)
    fields = _trainee_fields(
        council=locked.council, trainee=locked, name=name, role=role, email=email, left_on=left_on
    )
    role_before = locked.role
    changed = apply_changes(locked, fields)
    if not changed:
        return locked
    locked.save()
    audit_record(
        action=AuditEvent.Action.UPDATE, request=request, obj=locked, detail={"changed": changed}
    )
    if {"role", "left_on"} & changed.keys():
        _refresh(locked.council, role_before, locked.role)
    return locked


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
    request: HttpRequest,
    session: TrainingSession,
    trainee: Trainee,
    status: str,
    completed_on: date | None = None,
    today: date | None = None,
) -> Attendance:
    """Book a person on a session or record how it went. Completing it dates the completion (the
    session's date unless given), sets when it needs refreshing from the course's validity and
    gives it a certificate number; any other status clears those."""
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
                % {"day": formats.date_format(session.held_on, "j F Y")},
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
    values["recorded_by"] = request.user if isinstance(request.user, User) else None
    if existing is None:
        saved = Attendance.objects.create(session=session, trainee=trainee, **values)
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        saved = existing
    audit_record(
        action=AuditEvent.Action.CREATE if existing is None else AuditEvent.Action.UPDATE,
        request=request,
        obj=saved,
        council=course.council,
        detail={
            "status": [before[0], status] if before else status,
            "completed_on": str(saved.completed_on) if saved.completed_on else "",
        },
    )
    if Attendance.Status.COMPLETED in (status, before[0] if before else None):
        _refresh(course.council, trainee.role)
    return saved


@transaction.atomic
def attendance_record_new_trainee(
    *,
    request: HttpRequest,
    session: TrainingSession,
    name: str,
    role: str,
    email: str = "",
    status: str = Attendance.Status.BOOKED,
    completed_on: date | None = None,
) -> Attendance:
    """Add someone new to the council's training records and to this session, or neither."""
    person = trainee_create(
        request=request, council=session.course.council, name=name, role=role, email=email
    )
    return attendance_record(
        request=request, session=session, trainee=person, status=status, completed_on=completed_on
    )


@transaction.atomic
def role_count_save(
    *, request: HttpRequest, council: Council, role: str, count: int, as_of: date
) -> RoleCount:
    """How many people hold a role from a date; a second number for the same date replaces it."""
    role = _role(role, "role")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_ROLE_COUNT:
        raise TrainingRefused(
            _("Enter a whole number of people between 1 and %(most)s") % {"most": MAX_ROLE_COUNT},
            field="count",
        )
    if not isinstance(as_of, date):
        raise TrainingRefused(_("Enter the date the number applies from"), field="as_of")
    saved, created = RoleCount.objects.update_or_create(
        council=council, role=role, as_of=as_of, defaults={"count": count}
    )
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        request=request,
        obj=saved,
        detail={"role": role, "count": count, "as_of": as_of.isoformat()},
    )
    _refresh(council, role)
    return saved


@transaction.atomic
def role_count_remove(*, request: HttpRequest, role_count: RoleCount) -> None:
    council, role = role_count.council, role_count.role
    audit_record(
        action=AuditEvent.Action.DELETE,
        request=request,
        obj=role_count,
        detail={"role": role, "count": role_count.count, "as_of": role_count.as_of.isoformat()},
    )
    role_count.delete()
    _refresh(council, role)

"""The people in a council's training records, with their reads and writes: each person's
completed courses and whether they count as trained for their role, who needs refreshing,
adding and changing a person, and adding someone new straight onto a session. Reads are
scoped to a council; writes are audited, and a new role or leaving date recomputes coverage.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import save_changes
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.outcomes.models import (
    Attendance,
    Trainee,
    TrainingSession,
)
from childrights.outcomes.training.courses import attendance_record
from childrights.outcomes.training.coverage import _refresh
from childrights.outcomes.training.refusals import TrainingRefused, _role, _text

# Reads ---------------------------------------------------------------------------------------


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


def trainee_or_404(*, request: HttpRequest, trainee_id: int, needs: str | None = None) -> Trainee:
    """One of the council's people on its training records, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Trainee.objects.select_related("council"), request=request, needs=needs, pk=trainee_id
    )


def trainee_attendances(*, trainee: Trainee) -> QuerySet[Attendance]:
    return trainee.attendances.select_related("session__course").order_by(
        "-session__held_on", "-pk"
    )


def trainees_not_at(*, session: TrainingSession) -> QuerySet[Trainee]:
    """The council's people who are not yet on this session's list."""
    return trainees(council=session.course.council).exclude(attendances__session=session)


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


# Writes --------------------------------------------------------------------------------------


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
    actor: Actor,
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
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=created)
    return created


@transaction.atomic
def trainee_update(
    *,
    actor: Actor,
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
    changed = save_changes(actor=actor, instance=locked, values=fields)
    if {"role", "left_on"} & changed.keys():
        _refresh(locked.council, role_before, locked.role)
    return locked


@transaction.atomic
def attendance_record_new_trainee(
    *,
    actor: Actor,
    session: TrainingSession,
    name: str,
    role: str,
    email: str = "",
    status: str = Attendance.Status.BOOKED,
    completed_on: date | None = None,
) -> Attendance:
    """Add someone new to the council's training records and to this session, or neither."""
    person = trainee_create(
        actor=actor, council=session.course.council, name=name, role=role, email=email
    )
    return attendance_record(
        actor=actor, session=session, trainee=person, status=status, completed_on=completed_on
    )

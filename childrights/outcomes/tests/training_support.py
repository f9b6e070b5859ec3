"""Training records made for the training tests: courses, people, completions and the write that
records an attendance (the ``session`` fixture in ``conftest`` makes a session of a course)."""

from childrights.outcomes.models import Attendance, Course, Trainee, TrainingRole, TrainingSession
from childrights.outcomes.training.courses import attendance_record
from childrights.testing.actors import actor_for

MEMBER = TrainingRole.ELECTED_MEMBER
SOCIAL = TrainingRole.SOCIAL_WORKER


def _course(council, *, counts_for=MEMBER, months=None, title="Rights for members"):
    return Course.objects.create(
        council=council, title_en=title, counts_for=counts_for, valid_for_months=months
    )


def _completed(course, trainee, *, on, expires=None):
    session, _ = TrainingSession.objects.get_or_create(course=course, held_on=on)
    return Attendance.objects.create(
        session=session,
        trainee=trainee,
        status=Attendance.Status.COMPLETED,
        completed_on=on,
        expires_on=expires,
    )


def _person(council, name, role=MEMBER, left_on=None):
    return Trainee.objects.create(council=council, name=name, role=role, left_on=left_on)


def _of(found, role):
    return next(entry for entry in found if entry.role == role)


def _record(world, session, trainee, status="completed", **extra):
    return attendance_record(
        actor=actor_for(world.member), session=session, trainee=trainee, status=status, **extra
    )

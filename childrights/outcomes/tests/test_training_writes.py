"""Training records written: completions dated and given a certificate number, and wrong
attendances, courses, people and numbers in a role refused with nothing changed."""

import re
from datetime import date

import pytest

from childrights.core.models import AuditEvent
from childrights.outcomes.models import Attendance, Course, RoleCount, Trainee, TrainingSession
from childrights.outcomes.tests.training_support import MEMBER, SOCIAL, _course, _person, _record
from childrights.outcomes.training.courses import course_create, course_update
from childrights.outcomes.training.refusals import TrainingRefused
from childrights.outcomes.training.role_counts import role_count_save
from childrights.outcomes.training.trainees import attendance_record_new_trainee, trainee_create
from childrights.testing.actors import actor_for

# Writes --------------------------------------------------------------------------------------


def test_completing_dates_it_sets_when_it_runs_out_and_gives_a_certificate_number(world, session):
    saved = _record(world, session, _person(world.council_a, "Ada Example"))
    assert saved.completed_on == date(2024, 1, 31)
    assert saved.expires_on == date(2026, 1, 31)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", saved.certificate_code)
    assert saved.recorded_by == world.member
    event = AuditEvent.objects.get(object_type="outcomes.Attendance")
    assert event.council_id == world.council_a.pk
    assert event.detail["status"] == "completed"


def test_a_validity_ending_in_a_shorter_month_ends_on_its_last_day(world):
    course = _course(world.council_a, months=1)
    session = TrainingSession.objects.create(course=course, held_on=date(2024, 1, 31))
    saved = _record(world, session, _person(world.council_a, "Ben Sample"))
    assert saved.expires_on == date(2024, 2, 29)


def test_every_completion_gets_a_different_certificate_number(world, session):
    codes = {
        _record(world, session, _person(world.council_a, f"Person {n}")).certificate_code
        for n in range(20)
    }
    assert len(codes) == 20


def test_recording_a_completion_again_keeps_its_certificate_number(world, session):
    person = _person(world.council_a, "Cara Madeup")
    first = _record(world, session, person)
    again = _record(world, session, person, completed_on=date(2024, 2, 2))
    assert again.pk == first.pk
    assert again.certificate_code == first.certificate_code
    assert again.completed_on == date(2024, 2, 2)


def test_marking_a_completion_as_absent_clears_its_dates_and_certificate(world, session):
    person = _person(world.council_a, "Dev Pretend")
    _record(world, session, person)
    saved = _record(world, session, person, status="absent")
    assert (saved.completed_on, saved.expires_on, saved.certificate_code) == (None, None, None)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"completed_on": date(2024, 1, 30)}, "The completion date cannot be before the session"),
        ({"completed_on": date(2999, 1, 1)}, "The completion date cannot be in the future"),
        ({"status": "passed"}, "Choose booked, attended, completed or did not attend"),
    ],
)
def test_a_wrong_attendance_is_refused_and_changes_nothing(world, session, extra, message):
    person = _person(world.council_a, "Eli Fictional")
    with pytest.raises(TrainingRefused, match=message):
        _record(world, session, person, **{"status": "completed", **extra})
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.filter(object_type="outcomes.Attendance").exists()


def test_a_person_from_another_council_cannot_be_put_on_a_session(world, session):
    stranger = _person(world.council_b, "Fay Elsewhere")
    with pytest.raises(TrainingRefused, match="not in this council’s training records"):
        _record(world, session, stranger)
    assert not Attendance.objects.exists()


def test_a_new_person_with_a_wrong_status_is_not_added_either(world, session):
    with pytest.raises(TrainingRefused):
        attendance_record_new_trainee(
            actor=actor_for(world.member),
            session=session,
            name="Gil Imaginary",
            role=MEMBER,
            status="passed",
        )
    assert not Trainee.objects.exists()


def test_a_course_title_the_council_already_has_is_refused(world):
    _course(world.council_a, title="Rights for members")
    with pytest.raises(TrainingRefused, match="already has a course with this title") as refused:
        course_create(
            actor=actor_for(world.member),
            council=world.council_a,
            title_en="  rights for MEMBERS ",
            counts_for=MEMBER,
        )
    assert refused.value.field == "title_en"
    assert Course.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title_en": "  "}, "Enter the course’s title in English"),
        ({"counts_for": "mayor"}, "Choose one of the roles in the list"),
        ({"valid_for_months": 0}, "A course stays valid for between 1 and 120 months"),
        ({"valid_for_months": 121}, "A course stays valid for between 1 and 120 months"),
    ],
)
def test_a_wrong_course_is_refused_and_nothing_is_created(world, fields, message):
    with pytest.raises(TrainingRefused, match=message):
        course_create(
            actor=actor_for(world.member),
            council=world.council_a,
            **{"title_en": "Rights in practice", "counts_for": MEMBER, **fields},
        )
    assert not Course.objects.exists()


def test_a_new_validity_moves_when_every_completion_runs_out(world, session):
    attendance = _record(world, session, _person(world.council_a, "Hal Example"))
    course = session.course
    course_update(
        actor=actor_for(world.member),
        course=course,
        title_en=course.title_en,
        counts_for=course.counts_for,
        valid_for_months=12,
    )
    attendance.refresh_from_db()
    assert attendance.expires_on == date(2025, 1, 31)
    event = AuditEvent.objects.get(object_type="outcomes.Course", action=AuditEvent.Action.UPDATE)
    assert event.detail["changed"]["valid_for_months"] == ["24", "12"]


def test_an_email_already_in_the_councils_records_is_refused(world):
    Trainee.objects.create(
        council=world.council_a, name="Ida Sample", email="ida@example.org", role=MEMBER
    )
    with pytest.raises(TrainingRefused, match="has this email"):
        trainee_create(
            actor=actor_for(world.member),
            council=world.council_a,
            name="Ida Sample again",
            email="IDA@example.org",
            role=SOCIAL,
        )
    assert Trainee.objects.count() == 1


@pytest.mark.parametrize("count", [0, -3, 100_001, True])
def test_a_number_in_a_role_out_of_range_is_refused(world, count):
    with pytest.raises(TrainingRefused, match="Enter a whole number of people"):
        role_count_save(
            actor=actor_for(world.member),
            council=world.council_a,
            role=MEMBER,
            count=count,
            as_of=date(2024, 1, 1),
        )
    assert not RoleCount.objects.exists()

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from childrights.core.models import AuditEvent
from childrights.councils.demo import demo_council
from childrights.councils.models import Nation
from childrights.outcomes.certificates import certificate_pdf
from childrights.outcomes.demo.training import SURNAMES, training_demo_load
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
from childrights.outcomes.training.courses import attendance_record, course_create, course_update
from childrights.outcomes.training.coverage import Coverage, coverage, coverage_measurements_refresh
from childrights.outcomes.training.dates import quarter_end_on_or_before, quarter_ends
from childrights.outcomes.training.refusals import TrainingRefused
from childrights.outcomes.training.role_counts import role_count_remove, role_count_save
from childrights.outcomes.training.trainees import (
    attendance_record_new_trainee,
    needs_refreshing,
    trainee_create,
    trainee_update,
)
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_council, make_user

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


# Coverage, computed by hand ------------------------------------------------------------------


def test_coverage_counts_completions_out_of_the_latest_role_count(world):
    council = world.council_a
    course = _course(council)
    RoleCount.objects.create(council=council, role=MEMBER, count=40, as_of=date(2024, 5, 1))
    RoleCount.objects.create(council=council, role=MEMBER, count=48, as_of=date(2025, 5, 1))
    RoleCount.objects.create(council=council, role=MEMBER, count=60, as_of=date(2026, 5, 1))
    for n in range(7):
        _completed(course, _person(council, f"Member {n}"), on=date(2025, 1, 10))
    assert coverage(council=council, on=date(2025, 6, 30)) == [
        Coverage(MEMBER, "Elected member", 7, 48, Decimal("14.6"))  # 7/48 = 14.583
    ]
    assert _of(coverage(council=council, on=date(2025, 3, 31)), MEMBER).share == Decimal("17.5")


def test_coverage_rounds_half_up(world):
    council = world.council_a
    course = _course(council)
    RoleCount.objects.create(council=council, role=MEMBER, count=16, as_of=date(2024, 1, 1))
    _completed(course, _person(council, "Only one"), on=date(2024, 2, 1))
    # 1/16 = 6.25 exactly: half up gives 6.3 (banker's rounding would give 6.2)
    assert _of(coverage(council=council, on=date(2024, 3, 31)), MEMBER).share == Decimal("6.3")


def test_a_completion_after_the_date_does_not_count(world):
    council = world.council_a
    course = _course(council)
    RoleCount.objects.create(council=council, role=MEMBER, count=10, as_of=date(2024, 1, 1))
    _completed(course, _person(council, "Later"), on=date(2024, 4, 1))
    assert _of(coverage(council=council, on=date(2024, 3, 31)), MEMBER).trained == 0
    assert _of(coverage(council=council, on=date(2024, 4, 1)), MEMBER).trained == 1


def test_a_completion_counts_until_its_valid_until_date_and_not_after(world):
    council = world.council_a
    course = _course(council, months=24)
    RoleCount.objects.create(council=council, role=MEMBER, count=10, as_of=date(2024, 1, 1))
    _completed(course, _person(council, "Lapsed"), on=date(2024, 1, 15), expires=date(2026, 1, 15))
    assert _of(coverage(council=council, on=date(2026, 1, 15)), MEMBER).trained == 1
    assert _of(coverage(council=council, on=date(2026, 1, 16)), MEMBER).trained == 0


def test_a_person_who_left_stops_counting_from_the_day_they_left(world):
    council = world.council_a
    course = _course(council)
    RoleCount.objects.create(council=council, role=MEMBER, count=10, as_of=date(2024, 1, 1))
    _completed(course, _person(council, "Gone", left_on=date(2025, 5, 8)), on=date(2024, 2, 1))
    assert _of(coverage(council=council, on=date(2025, 5, 7)), MEMBER).trained == 1
    assert _of(coverage(council=council, on=date(2025, 5, 8)), MEMBER).trained == 0


def test_a_course_for_another_role_does_not_count(world):
    council = world.council_a
    members_course = _course(council, counts_for=MEMBER)
    RoleCount.objects.create(council=council, role=SOCIAL, count=20, as_of=date(2024, 1, 1))
    _completed(members_course, _person(council, "Social worker", role=SOCIAL), on=date(2024, 2, 1))
    found = coverage(council=council, on=date(2024, 3, 31))
    assert found == [Coverage(SOCIAL, "Social worker", 0, 20, Decimal("0.0"))]


def test_two_completions_by_one_person_count_once(world):
    council = world.council_a
    course = _course(council)
    RoleCount.objects.create(council=council, role=MEMBER, count=4, as_of=date(2024, 1, 1))
    person = _person(council, "Keen")
    _completed(course, person, on=date(2024, 2, 1))
    _completed(course, person, on=date(2024, 3, 1))
    assert _of(coverage(council=council, on=date(2024, 3, 31)), MEMBER).share == Decimal("25.0")


def test_a_role_with_trainees_but_no_total_has_no_share(world):
    council = world.council_a
    course = _course(council, counts_for=SOCIAL, title="Rights in social work")
    _completed(course, _person(council, "Uncounted", role=SOCIAL), on=date(2024, 2, 1))
    assert coverage(council=council, on=date(2024, 3, 31)) == [
        Coverage(SOCIAL, "Social worker", 1, None, None)
    ]


def test_a_role_count_after_the_date_is_not_used(world):
    council = world.council_a
    RoleCount.objects.create(council=council, role=MEMBER, count=10, as_of=date(2025, 1, 1))
    assert coverage(council=council, on=date(2024, 12, 31)) == []


def test_booked_and_attended_do_not_count(world):
    council = world.council_a
    course = _course(council)
    RoleCount.objects.create(council=council, role=MEMBER, count=10, as_of=date(2024, 1, 1))
    session = TrainingSession.objects.create(course=course, held_on=date(2024, 2, 1))
    Attendance.objects.create(session=session, trainee=_person(council, "Booked"))
    Attendance.objects.create(
        session=session, trainee=_person(council, "Sat in"), status=Attendance.Status.ATTENDED
    )
    assert _of(coverage(council=council, on=date(2024, 3, 31)), MEMBER).trained == 0


def test_roles_come_in_their_listed_order_and_another_council_is_not_counted(world):
    council = world.council_a
    RoleCount.objects.create(council=council, role=SOCIAL, count=5, as_of=date(2024, 1, 1))
    RoleCount.objects.create(council=council, role=MEMBER, count=5, as_of=date(2024, 1, 1))
    other = _course(world.council_b)
    RoleCount.objects.create(council=world.council_b, role=MEMBER, count=5, as_of=date(2024, 1, 1))
    _completed(other, _person(world.council_b, "Elsewhere"), on=date(2024, 2, 1))
    found = coverage(council=council, on=date(2024, 3, 31))
    assert [entry.role for entry in found] == [MEMBER, SOCIAL]
    assert [entry.trained for entry in found] == [0, 0]


# Writes --------------------------------------------------------------------------------------


@pytest.fixture
def session(world):
    course = _course(world.council_a, months=24)
    return TrainingSession.objects.create(course=course, held_on=date(2024, 1, 31))


def _record(world, session, trainee, status="completed", **extra):
    return attendance_record(
        actor=actor_for(world.member), session=session, trainee=trainee, status=status, **extra
    )


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


# Coverage as an indicator --------------------------------------------------------------------


def _values(council, slug="elected-members-trained"):
    return list(
        Measurement.objects.filter(council=council, indicator__slug=slug)
        .order_by("period_end")
        .values_list("period_end", "value", "note")
    )


def test_quarter_ends_run_from_the_quarter_of_the_first_date_to_the_last():
    assert quarter_ends(date(2024, 2, 10), date(2024, 12, 30)) == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
    ]
    assert quarter_end_on_or_before(date(2026, 11, 23)) == date(2026, 9, 30)
    assert quarter_end_on_or_before(date(2026, 12, 31)) == date(2026, 12, 31)


def test_the_coverage_indicator_is_computed_quarter_by_quarter_and_replaced(world):
    council = world.council_a
    course = _course(council, months=12)
    RoleCount.objects.create(council=council, role=MEMBER, count=8, as_of=date(2024, 1, 1))
    Measurement.objects.create(
        council=council,
        indicator=OutcomeIndicator.objects.get(slug="elected-members-trained"),
        period_end=date(2023, 12, 31),
        value=Decimal("99"),
    )
    _completed(
        course, _person(council, "Jo Example"), on=date(2024, 2, 10), expires=date(2025, 2, 10)
    )
    _completed(
        course, _person(council, "Kit Sample"), on=date(2024, 5, 1), expires=date(2025, 5, 1)
    )
    stored = coverage_measurements_refresh(council=council, role=MEMBER, today=date(2025, 4, 1))
    assert stored == 5
    note = "Computed from training records"
    assert _values(council) == [
        (date(2024, 3, 31), Decimal("12.5"), note),
        (date(2024, 6, 30), Decimal("25.0"), note),
        (date(2024, 9, 30), Decimal("25.0"), note),
        (date(2024, 12, 31), Decimal("25.0"), note),
        (date(2025, 3, 31), Decimal("12.5"), note),  # Jo's training ran out in February
    ]
    assert _values(world.council_b) == []


def test_a_quarter_without_a_number_in_the_role_gets_no_value(world):
    council = world.council_a
    course = _course(council)
    _completed(course, _person(council, "Lee Pretend"), on=date(2024, 2, 10))
    RoleCount.objects.create(council=council, role=MEMBER, count=4, as_of=date(2024, 7, 1))
    coverage_measurements_refresh(council=council, role=MEMBER, today=date(2024, 10, 1))
    assert [(end, value) for end, value, _ in _values(council)] == [
        (date(2024, 9, 30), Decimal("25.0"))
    ]


def test_recording_a_completion_stores_the_new_share_for_the_indicator(world, session):
    RoleCount.objects.create(council=world.council_a, role=MEMBER, count=4, as_of=date(2023, 1, 1))
    _record(world, session, _person(world.council_a, "Max Example"))
    values = dict((end, value) for end, value, _ in _values(world.council_a))
    assert values[date(2024, 3, 31)] == Decimal("25.0")
    assert max(values) <= timezone.localdate()


def test_a_person_leaving_lowers_the_stored_share_from_the_day_they_left(world, session):
    council = world.council_a
    RoleCount.objects.create(council=council, role=MEMBER, count=4, as_of=date(2023, 1, 1))
    person = _person(council, "Nat Sample")
    _record(world, session, person)
    trainee_update(
        actor=actor_for(world.member),
        trainee=person,
        name=person.name,
        role=MEMBER,
        left_on=date(2024, 5, 1),
    )
    values = dict((end, value) for end, value, _ in _values(council))
    assert values[date(2024, 3, 31)] == Decimal("25.0")
    assert values[date(2024, 6, 30)] == Decimal("0.0")


def test_removing_the_only_number_in_the_role_removes_the_computed_values(world, session):
    council = world.council_a
    saved = role_count_save(
        actor=actor_for(world.member),
        council=council,
        role=MEMBER,
        count=4,
        as_of=date(2023, 1, 1),
    )
    _record(world, session, _person(council, "Oli Madeup"))
    assert _values(council)
    role_count_remove(actor=actor_for(world.member), role_count=saved)
    assert _values(council) == []


def test_people_whose_training_runs_out_within_90_days_need_refreshing(world):
    council = world.council_a
    course = _course(council, months=24)
    on = date(2026, 1, 1)
    ran_out = _person(council, "Pat Example")
    _completed(course, ran_out, on=date(2023, 12, 1), expires=date(2025, 12, 1))
    soon = _person(council, "Quin Sample")
    _completed(course, soon, on=date(2024, 3, 1), expires=date(2026, 3, 1))
    refreshed = _person(council, "Ray Pretend")
    _completed(course, refreshed, on=date(2023, 12, 1), expires=date(2025, 12, 1))
    _completed(course, refreshed, on=date(2025, 11, 1), expires=date(2027, 11, 1))
    _completed(course, _person(council, "Sol Later"), on=date(2025, 1, 1), expires=date(2027, 1, 1))
    _completed(
        course,
        _person(council, "Tam Gone", left_on=date(2025, 6, 1)),
        on=date(2023, 12, 1),
        expires=date(2025, 12, 1),
    )
    found = needs_refreshing(council=council, on=on)
    assert [(item.trainee.name, item.expired) for item in found] == [
        ("Pat Example", True),
        ("Quin Sample", False),
    ]


# Pages ---------------------------------------------------------------------------------------


def test_a_member_records_a_completion_and_the_indicator_shows_the_new_share(
    world, signed_in, session
):
    council = world.council_a
    RoleCount.objects.create(council=council, role=MEMBER, count=8, as_of=date(2023, 1, 1))
    person = _person(council, "Uma Example")
    attendance = Attendance.objects.create(session=session, trainee=person)
    client = signed_in(world.member)
    response = client.post(
        f"/training/attendance/{attendance.pk}/", {"status": "completed", "completed_on": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/training/sessions/{session.pk}/"
    page = client.get(f"/councils/{council.pk}/indicators/elected-members-trained/").content
    assert "12.5%" in page.decode()
    # The course is valid for 24 months: by now it has run out and needs refreshing.
    overview = client.get(f"/councils/{council.pk}/training/").content.decode()
    assert "Uma Example" in overview
    assert "Ran out" in overview


def test_a_wrong_number_in_a_role_is_explained_and_nothing_saved(world, signed_in):
    client = signed_in(world.member)
    response = client.post(
        f"/councils/{world.council_a.pk}/training/numbers-in-roles/",
        {"action": "save", "role": MEMBER, "count": "0", "as_of": "2026-05-08"},
    )
    assert response.status_code == 200
    assert "Enter a number of at least 1" in response.content.decode()
    assert not RoleCount.objects.exists()


def test_an_existing_course_title_is_explained_on_the_form(world, signed_in):
    _course(world.council_a, title="Rights for members")
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/training/courses/new/",
        {"title_en": "Rights for members", "counts_for": MEMBER},
    )
    assert response.status_code == 200
    assert "The council already has a course with this title" in response.content.decode()
    assert Course.objects.count() == 1


def test_every_training_page_opens_for_a_member(world, signed_in, session):
    person = _person(world.council_a, "Val Example")
    attendance = _record(world, session, person)
    client = signed_in(world.member)
    council = world.council_a.pk
    for url in (
        f"/councils/{council}/training/",
        f"/councils/{council}/training/courses/",
        f"/councils/{council}/training/courses/new/",
        f"/councils/{council}/training/people/",
        f"/councils/{council}/training/people/new/",
        f"/councils/{council}/training/numbers-in-roles/",
        f"/training/courses/{session.course_id}/",
        f"/training/courses/{session.course_id}/edit/",
        f"/training/courses/{session.course_id}/sessions/new/",
        f"/training/sessions/{session.pk}/",
        f"/training/sessions/{session.pk}/people/new/",
        f"/training/attendance/{attendance.pk}/",
        f"/training/people/{person.pk}/",
        f"/training/people/{person.pk}/edit/",
    ):
        assert client.get(url).status_code == 200, url


def test_an_elected_member_reads_the_records_but_cannot_change_them(world, signed_in, session):
    reader = make_user(role="elected-member", council=world.council_a)
    client = signed_in(reader)
    assert client.get(f"/training/sessions/{session.pk}/").status_code == 200
    response = client.post(
        f"/councils/{world.council_a.pk}/training/numbers-in-roles/",
        {"action": "save", "role": MEMBER, "count": "48", "as_of": "2026-05-08"},
    )
    assert response.status_code == 403
    assert not RoleCount.objects.exists()


def test_an_outsider_gets_404_for_a_session_and_a_certificate(world, signed_in, session):
    attendance = _record(world, session, _person(world.council_a, "Wyn Example"))
    client = signed_in(world.outsider)
    assert client.get(f"/training/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/training/attendance/{attendance.pk}/certificate/").status_code == 404


# Certificates --------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_completed_attendance_has_a_certificate_pdf(world, signed_in, session):
    attendance = _record(world, session, _person(world.council_a, "Xan Example"))
    response = signed_in(world.member).get(f"/training/attendance/{attendance.pk}/certificate/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    code = attendance.certificate_code
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{code}.pdf"'
    text = _pdf_text(response.content)
    for expected in (
        "Certificate of completion",
        "Xan Example",
        "Rights for members",
        "31 January 2024",
        "31 January 2026",
        world.council_a.name,
        code,
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("status", ["booked", "attended", "absent"])
def test_there_is_no_certificate_unless_completed(world, signed_in, session, status):
    attendance = _record(world, session, _person(world.council_a, "Yas Example"), status=status)
    response = signed_in(world.member).get(f"/training/attendance/{attendance.pk}/certificate/")
    assert response.status_code == 404


def test_a_welsh_councils_certificate_is_in_english_then_welsh(db):
    council = make_council(name="Cyngor Enghraifft", nation=Nation.WALES)
    course = Course.objects.create(
        council=council,
        title_en="Rights for members",
        title_cy="Hawliau i aelodau",
        counts_for=MEMBER,
    )
    session = TrainingSession.objects.create(course=course, held_on=date(2025, 3, 3))
    attendance = Attendance.objects.create(
        session=session,
        trainee=_person(council, "Zed Example"),
        status="completed",
        completed_on=date(2025, 3, 3),
        certificate_code="ABCD-EFGH-JKLM",
    )
    text = _pdf_text(certificate_pdf(attendance, language="en-gb"))
    english, welsh = text.index("Rights for members"), text.index("Hawliau i aelodau")
    assert english < welsh
    assert "Mawrth" in text[welsh:]


# Demonstration data --------------------------------------------------------------------------


def test_the_demo_council_has_training_whose_coverage_rises_and_loads_once(db):
    first = training_demo_load()
    assert training_demo_load() == "demonstration training already loaded"
    assert "2 courses" in first
    council = demo_council()
    assert Course.objects.filter(council=council).count() == 2
    members = [
        _of(coverage(council=council, on=day), MEMBER)
        for day in (date(2024, 3, 31), date(2024, 12, 31), date(2025, 12, 31))
    ]
    assert [entry.total for entry in members] == [48, 48, 48]
    assert members[0].share < members[1].share < members[2].share
    social = _of(coverage(council=council, on=date(2026, 9, 30)), SOCIAL)
    assert social.total == 120
    assert social.share > Decimal("60")
    # Two members trained in February 2024 never refreshed: their training ran out in 2026.
    lapsed = needs_refreshing(council=council, on=date(2026, 11, 23))
    assert {"Councillor Dev Example", "Councillor Fay Example"} <= {
        item.trainee.name for item in lapsed if item.expired
    }
    assert _values(council)[0][0] == date(2024, 3, 31)
    assert _values(council, "social-workers-trained")
    assert all(
        name.startswith("Councillor ") or name.split()[1] in SURNAMES
        for name in Trainee.objects.filter(council=council).values_list("name", flat=True)
    )


@pytest.mark.parametrize("wanted", ["²", "x", ""])
def test_removing_a_number_that_is_not_there_is_not_found(world, signed_in, wanted):
    client = signed_in(world.member)
    response = client.post(
        f"/councils/{world.council_a.pk}/training/numbers-in-roles/",
        {"action": "remove", "role_count": wanted},
    )
    assert response.status_code == 404


def test_the_daily_refresh_adds_the_quarter_that_began_since_the_last_training_change(world):
    from childrights.outcomes.training.coverage import coverage_refresh_all

    council = world.council_a
    RoleCount.objects.create(council=council, role=MEMBER, count=4, as_of=date(2025, 1, 1))
    _completed(_course(council), _person(council, "Sam Madeup"), on=date(2025, 2, 1))
    coverage_refresh_all(today=date(2025, 5, 1))
    assert [end for end, _value, _note in _values(council)] == [date(2025, 3, 31)]
    stored = coverage_refresh_all(today=date(2025, 7, 2))
    assert stored == 2
    assert [(end, value) for end, value, _note in _values(council)] == [
        (date(2025, 3, 31), Decimal("25.0")),
        (date(2025, 6, 30), Decimal("25.0")),
    ]
    assert not Measurement.objects.filter(council=world.council_b).exists()

from datetime import date
from decimal import Decimal

from childrights.outcomes.models import (
    Attendance,
    Course,
    RoleCount,
    Trainee,
    TrainingRole,
    TrainingSession,
)
from childrights.outcomes.training import Coverage, coverage

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


def test_an_expired_completion_stops_counting_on_its_expiry_date(world):
    council = world.council_a
    course = _course(council, months=24)
    RoleCount.objects.create(council=council, role=MEMBER, count=10, as_of=date(2024, 1, 1))
    _completed(course, _person(council, "Lapsed"), on=date(2024, 1, 15), expires=date(2026, 1, 15))
    assert _of(coverage(council=council, on=date(2026, 1, 14)), MEMBER).trained == 1
    assert _of(coverage(council=council, on=date(2026, 1, 15)), MEMBER).trained == 0


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

"""Training coverage: the share of each role trained on a day, worked out by hand, and kept
quarter by quarter as an outcome indicator; the demonstration council's training."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from childrights.councils.demo import demo_council
from childrights.outcomes.demo.training import SURNAMES, training_demo_load
from childrights.outcomes.models import (
    Attendance,
    Course,
    Measurement,
    OutcomeIndicator,
    RoleCount,
    Trainee,
    TrainingSession,
)
from childrights.outcomes.tests.training_support import (
    MEMBER,
    SOCIAL,
    _completed,
    _course,
    _of,
    _person,
    _record,
)
from childrights.outcomes.training.coverage import Coverage, coverage, coverage_measurements_refresh
from childrights.outcomes.training.dates import quarter_end_on_or_before, quarter_ends
from childrights.outcomes.training.role_counts import role_count_remove, role_count_save
from childrights.outcomes.training.trainees import needs_refreshing, trainee_update
from childrights.testing.actors import actor_for

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

"""The board's report figures match counts worked out by hand: children's views before their
meetings from live records and the counts kept for deleted statements (never both), the topics,
safety alerts and the pledge's progress, under disclosure control, by the period's own dates."""

import datetime

import pytest

from childrights.myviews.models import Alert, Tally
from childrights.parenting.report.figures import board_figures, whole_months
from childrights.parenting.tests.report_support import (
    END,
    START,
    TODAY,
    a_child,
    a_meeting,
    an_alert,
    answered,
    at,
    views_sent,
)
from childrights.participation.models import Consultation
from childrights.testing.factories import make_user
from childrights.testing.myviews import CareWorld, make_care_world, make_team
from childrights.testing.wellbeing import answer_many, make_wellbeing_survey

JUNE = datetime.date(2025, 6, 2)  # a Monday: the answer is due 10 working days later, 16 June


def _figures(council):
    return board_figures(council=council, period_start=START, period_end=END, today=TODAY)


@pytest.fixture
def care(world):
    return make_care_world(world.council_a)


@pytest.fixture
def year(care):
    """Fourteen children with a review on 2 June 2025: twelve sent their views before it, one the
    day after, one sent none. Ten were answered (seven on time, three late); of those, seven felt
    listened to, two a bit, one not. Eight more children had a review in April 2025, whose views
    have been deleted: the counts kept say six were sent (all before the meeting), five answered
    (four on time), three children felt listened to, one a bit, one not."""
    children = [a_child(care, number) for number in range(1, 15)]
    for number, child in enumerate(children, start=1):
        meeting = a_meeting(care, child, JUNE)
        if number == 14:
            continue
        sent_on = JUNE + datetime.timedelta(days=1) if number == 13 else datetime.date(2025, 5, 30)
        topics = ("family-and-friends", "where-i-live") if number <= 10 else ("family-and-friends",)
        statement = views_sent(care, child, meeting, sent_on=sent_on, topics=topics)
        if number <= 10:
            on_time = number <= 7
            listened = "yes" if number <= 7 else "a_bit" if number <= 9 else "no"
            answered(
                care,
                statement,
                on=datetime.date(2025, 6, 10) if on_time else datetime.date(2025, 6, 20),
                listened=listened,
            )
    for number in range(15, 23):
        a_meeting(care, a_child(care, number), datetime.date(2025, 4, 14))
    Tally.objects.create(
        council=care.council,
        kind="review",
        month=datetime.date(2025, 4, 1),
        statements=6,
        sent_by_meeting=6,
        replied=5,
        replied_on_time=4,
        listened_yes=3,
        listened_a_bit=1,
        listened_no=1,
        topics={"health": 5, "where-i-live": 2},
    )
    # Outside the period: counted by nobody.
    for month in (datetime.date(2025, 3, 1), datetime.date(2026, 4, 1)):
        Tally.objects.create(
            council=care.council,
            kind="review",
            month=month,
            statements=40,
            replied=40,
            replied_on_time=40,
            listened_yes=40,
            topics={"health": 40},
        )
    return care


def test_views_before_meetings_match_the_counts_worked_out_by_hand(year):
    views = _figures(year.council)["views"]
    assert views["principles"] == ["express-views", "take-views-into-account"]
    # 14 June reviews and 8 April ones: 22 meetings, shown to the nearest 5.
    assert views["meetings"] == 20
    # 12 sent before their meeting, and 6 deleted statements counted as views: 18 of 22, but
    # the 4 without are fewer than 10, so no share.
    assert views["with_views"] is None
    # 13 live statements and 6 deleted: 19, shown as 20.
    assert views["statements"] == 20
    # Answered: 10 live and 5 deleted, 15 of 19: the 4 not answered are too few to show.
    assert views["answered"] is None
    # On time: 7 live and 4 deleted, 11 of 19: the 8 not on time are too few to show.
    assert views["on_time"] is None
    assert views["from_deleted"] is True


def test_felt_listened_to_counts_live_answers_and_kept_counts_once_each_under_suppression(year):
    listened = _figures(year.council)["views"]["listened"]
    # Yes 7 + 3, a bit 2 + 1, no 1 + 1: 15 children said, shown as 15.
    assert listened["total"] == 15
    # "A bit" (3) and "no" (2) are under 10 and together only 5: "yes" is hidden with them, or
    # it would give them away from the total.
    assert [(row["key"], row["count"], row["percent"]) for row in listened["rows"]] == [
        ("yes", None, None),
        ("a_bit", None, None),
        ("no", None, None),
    ]


def test_a_listened_answer_given_by_enough_children_is_shown_rounded_with_its_share(care):
    Tally.objects.create(
        council=care.council,
        kind="pathway",
        month=datetime.date(2025, 9, 1),
        statements=30,
        replied=30,
        replied_on_time=30,
        listened_yes=20,
        listened_a_bit=6,
        listened_no=4,
    )
    rows = _figures(care.council)["views"]["listened"]["rows"]
    assert [(row["key"], row["count"], row["percent"]) for row in rows] == [
        ("yes", 20, "67"),
        ("a_bit", None, None),
        ("no", None, None),
    ]


def test_topics_count_live_views_and_kept_counts_and_hide_small_ones(year):
    topics = _figures(year.council)["topics"]
    rows = [(row["slug"], row["count"]) for row in topics["rows"]]
    # Family and friends: 13 live. Where I live: 10 live + 2 kept = 12. Health: 5 kept.
    assert rows == [("family-and-friends", 15), ("where-i-live", 10), ("health", None)]
    titles = {row["slug"]: row["title"] for row in topics["rows"]}
    assert titles["where-i-live"] == {"en": "Where I live", "cy": "Lle rydw i'n byw"}


def test_fewer_than_ten_children_show_nothing_but_fewer_than_ten(care):
    child = a_child(care, 1)
    meeting = a_meeting(care, child, JUNE)
    statement = views_sent(care, child, meeting, sent_on=datetime.date(2025, 5, 30))
    answered(care, statement, on=datetime.date(2025, 6, 3), listened="yes")
    views = _figures(care.council)["views"]
    assert views["meetings"] is None
    assert views["with_views"] is None
    assert views["statements"] is None
    assert views["answered"] is None
    assert views["on_time"] is None
    assert views["listened"]["total"] is None
    assert all(row["count"] is None for row in views["listened"]["rows"])


def test_only_records_dated_inside_the_period_count(care):
    """Meetings on the first and last day count; the days either side do not. Kept counts count
    for months wholly inside the period only."""
    for number, on in enumerate(
        [START - datetime.timedelta(days=1), START, END, END + datetime.timedelta(days=1)]
    ):
        for extra in range(10):
            a_meeting(care, a_child(care, number * 100 + extra), on)
    assert _figures(care.council)["views"]["meetings"] == 20
    assert whole_months(datetime.date(2025, 4, 15), datetime.date(2025, 7, 15)) == (
        datetime.date(2025, 5, 1),
        datetime.date(2025, 6, 1),
    )
    assert whole_months(START, END) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 1))


def test_kept_counts_of_a_month_cut_by_the_period_are_left_out(care):
    Tally.objects.create(
        council=care.council, kind="review", month=datetime.date(2025, 5, 1), statements=30
    )
    inside = board_figures(
        council=care.council,
        period_start=datetime.date(2025, 5, 1),
        period_end=datetime.date(2025, 5, 31),
        today=TODAY,
    )
    cut = board_figures(
        council=care.council,
        period_start=datetime.date(2025, 5, 2),
        period_end=datetime.date(2025, 6, 30),
        today=TODAY,
    )
    assert inside["views"]["statements"] == 30
    assert cut["views"]["statements"] is None


def test_another_councils_records_never_count(world, care):
    worker = make_user(role="social-worker", council=world.council_b, email="sw@b.example")
    team = make_team(council=world.council_b)
    other = CareWorld(world.council_b, team, worker, worker, worker, worker, None, "")  # type: ignore[arg-type]
    for number in range(12):
        a_meeting(other, a_child(other, number), JUNE)
    Tally.objects.create(
        council=world.council_b, kind="review", month=JUNE.replace(day=1), statements=50
    )
    views = _figures(care.council)["views"]
    assert views["meetings"] is None
    assert views["statements"] is None


def test_safety_alerts_by_source_in_the_period_under_suppression(care):
    for number in range(12):
        an_alert(a_child(care, number), source=Alert.Source.BUTTON, raised_at=at(JUNE))
    for number in range(3):
        an_alert(a_child(care, 50 + number), source=Alert.Source.SCREENING, raised_at=at(JUNE))
    # Late on the evening before the period and after it, London time: not counted.
    before = a_child(care, 90)
    an_alert(
        before, source=Alert.Source.BUTTON, raised_at=at(START - datetime.timedelta(days=1), 23, 30)
    )
    an_alert(
        before, source=Alert.Source.BUTTON, raised_at=at(END + datetime.timedelta(days=1), 0, 10)
    )
    # Late on the last evening: counted.
    an_alert(a_child(care, 91), source=Alert.Source.BUTTON, raised_at=at(END, 23, 30))
    alerts = _figures(care.council)["alerts"]
    assert alerts["principles"] == ["safe-and-stable", "best-interests"]
    # 13 presses by 13 children: 15. Three screening alerts: fewer than 10.
    assert alerts["rows"] == [
        {"source": "button", "count": 15},
        {"source": "screening", "count": None},
    ]


def test_many_presses_by_few_children_are_not_shown(care):
    children = [a_child(care, number) for number in range(4)]
    for press in range(12):
        an_alert(children[press % 4], source=Alert.Source.BUTTON, raised_at=at(JUNE))
    assert _figures(care.council)["alerts"]["rows"][0] == {"source": "button", "count": None}


def test_the_wellbeing_section_shows_the_latest_survey_closed_by_the_end_of_the_period(world):
    """The 2025 survey closed inside the period: 12 yes, 6 not sure, 4 no is 12 of 22, 55%,
    beside 2024's 10 of 20. The 2026 survey closes after the period ends: not used."""
    council = world.council_a
    for year, answers, closes in (
        (2024, {"yes": 10, "no": 10}, datetime.date(2024, 3, 1)),
        (2025, {"yes": 12, "not-sure": 6, "no": 4}, datetime.date(2025, 6, 30)),
        (2026, {"yes": 12}, datetime.date(2026, 6, 30)),
    ):
        survey = make_wellbeing_survey(council=council, year=year)
        answer_many(survey, "trusted-adult", answers)
        Consultation.objects.filter(pk=survey.consultation_id).update(closes_on=closes)
    section = _figures(council)["wellbeing"]
    assert section["year"] == 2025
    assert section["principles"] == ["best-interests", "high-aspirations", "safe-and-stable"]
    row = next(row for row in section["rows"] if row["slug"] == "trusted-adult")
    assert row["title"] == {
        "en": "Has an adult they trust",
        "cy": "Mae ganddyn nhw oedolyn maen nhw'n ymddiried ynddo",
    }
    assert row["principles"] == ["best-interests", "safe-and-stable"]
    assert row["this_year"] == {"percent": "55", "children": 20, "councils": 1}
    assert row["last_year"] == {"percent": "50", "children": 20, "councils": 1}
    assert row["benchmark"] is None
    assert row["benchmark_not_shown"]["en"].startswith("Not enough councils to compare")
    assert row["benchmark_not_shown"]["cy"]
    assert row["benchmark_not_shown"]["cy"] != row["benchmark_not_shown"]["en"]


def test_a_survey_never_opened_is_not_the_latest_survey_closed(world):
    council = world.council_a
    last = make_wellbeing_survey(council=council, year=2024)
    answer_many(last, "trusted-adult", {"yes": 12})
    Consultation.objects.filter(pk=last.consultation_id).update(closes_on=datetime.date(2024, 6, 1))
    draft = make_wellbeing_survey(council=council, year=2025, opened=False)
    Consultation.objects.filter(pk=draft.consultation_id).update(
        opens_on=datetime.date(2025, 1, 10), closes_on=datetime.date(2025, 2, 21)
    )
    section = _figures(council)["wellbeing"]
    assert section["year"] == 2024
    row = next(row for row in section["rows"] if row["slug"] == "trusted-adult")
    assert row["this_year"] == {"percent": "100", "children": 10, "councils": 1}


def test_without_a_survey_by_the_end_of_the_period_the_wellbeing_section_says_so(care):
    section = _figures(care.council)["wellbeing"]
    assert section["year"] is None
    assert section["rows"] == []

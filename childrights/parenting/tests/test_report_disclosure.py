"""The board's report gives nothing away about one child: shares come from the counts as
published (rounded, with small cells and their complements hidden), "felt listened to" is
suppressed by the children behind each answer rather than their answers, and "I don't feel
safe" counts every press, by how many children."""

import datetime

import pytest

from childrights.myviews import services
from childrights.myviews.models import Alert
from childrights.parenting.report.figures import board_figures
from childrights.parenting.tests.report_support import (
    END,
    START,
    TODAY,
    a_child,
    a_meeting,
    answered,
    at,
    views_sent,
)
from childrights.testing.myviews import make_care_world

JUNE = datetime.date(2025, 6, 9)


@pytest.fixture
def care(world):
    return make_care_world(world.council_a)


def _figures(council, start=START, end=END):
    return board_figures(council=council, period_start=start, period_end=end, today=TODAY)


def _reviewed(care, number, listened, day=JUNE):
    child = a_child(care, number)
    meeting = a_meeting(care, child, day)
    statement = views_sent(care, child, meeting, sent_on=day - datetime.timedelta(days=3))
    answered(care, statement, on=day + datetime.timedelta(days=2), listened=listened)


def test_felt_listened_to_shares_are_worked_out_from_the_rounded_counts(care):
    # 17 yes, 12 a bit, 11 no: 40. Rounded: 15, 10, 10 of 40.
    number = 0
    for listened, many in (("yes", 17), ("a_bit", 12), ("no", 11)):
        for _ in range(many):
            number += 1
            _reviewed(care, number, listened)
    listened = _figures(care.council)["views"]["listened"]
    assert listened["total"] == 40
    assert [(row["key"], row["count"], row["percent"]) for row in listened["rows"]] == [
        ("yes", 15, "38"),  # 15 of 40, not 17 of 40 (43%)
        ("a_bit", 10, "25"),
        ("no", 10, "25"),
    ]


def test_a_share_with_fewer_than_ten_the_other_way_is_not_shown(care):
    # 12 children with a review; 11 sent their views before it, one did not.
    for number in range(11):
        _reviewed(care, number, "yes")
    a_meeting(care, a_child(care, 99), JUNE)
    views = _figures(care.council)["views"]
    assert views["meetings"] == 10
    assert views["with_views"] is None


def test_a_listened_answer_from_fewer_than_ten_children_is_hidden_however_many_times(care):
    # Ten children "yes" and ten "a bit" once each; three children "no" at four reviews each:
    # twelve answers from three children.
    number = 0
    for listened in ("yes", "a_bit"):
        for _ in range(10):
            number += 1
            _reviewed(care, number, listened)
    for _ in range(3):
        number += 1
        child = a_child(care, number)
        for month in (5, 7, 9, 11):
            day = datetime.date(2025, month, 12)
            meeting = a_meeting(care, child, day)
            statement = views_sent(care, child, meeting, sent_on=day - datetime.timedelta(days=3))
            answered(care, statement, on=day + datetime.timedelta(days=2), listened="no")
    rows = _figures(care.council)["views"]["listened"]["rows"]
    counts = {row["key"]: row["count"] for row in rows}
    assert counts["no"] is None
    # With "no" hidden, one more is hidden so that it cannot be worked out from the total.
    assert list(counts.values()).count(None) >= 2


def test_every_press_of_i_dont_feel_safe_is_counted_with_the_children_behind_them(care):
    children = [a_child(care, 300 + number) for number in range(10)]
    for child in children:
        for _ in range(3):
            services.alert_raise(child=child, source=Alert.Source.BUTTON)
    Alert.objects.update(raised_at=at(JUNE))
    assert Alert.objects.count() == 10  # presses while one waits are counted on it
    rows = _figures(care.council)["alerts"]["rows"]
    assert rows[0] == {"source": "button", "count": 30}


def test_the_share_answered_is_worked_out_from_the_rounded_counts(care):
    # 23 children sent views; 12 were answered (rounded 10 of 25: 40%, not 52%).
    for number in range(23):
        child = a_child(care, number)
        meeting = a_meeting(care, child, JUNE)
        statement = views_sent(care, child, meeting, sent_on=JUNE - datetime.timedelta(days=3))
        if number < 12:
            answered(care, statement, on=JUNE + datetime.timedelta(days=2))
    views = _figures(care.council)["views"]
    assert views["statements"] == 25
    assert views["answered"] == "40"


def test_a_share_not_shown_says_it_may_be_the_rest_that_is_too_few():
    from childrights.parenting.presenters.report import share_text

    assert share_text(None).text == "Not shown: fewer than 10 children in it, or in the rest"

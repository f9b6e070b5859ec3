"""The board's report of a past period says the same after "my views" deletes what it no longer
keeps: views sent after the meeting stay views sent after it, and uses of "I don't feel safe"
are still counted, by no more children than there were."""

import datetime

import pytest

from childrights.myviews.models import Alert, AlertTally, Meeting, Tally
from childrights.myviews.retention import purge_old_statements
from childrights.parenting.report.figures import board_figures
from childrights.parenting.tests.report_support import (
    END,
    START,
    TODAY,
    a_child,
    a_meeting,
    an_alert,
    at,
    views_sent,
)
from childrights.testing.myviews import make_care_world

REVIEW = datetime.date(2025, 6, 2)
LONG_AFTER = datetime.date(2026, 7, 1)


@pytest.fixture
def care(world):
    return make_care_world(world.council_a)


def _views(council):
    return board_figures(council=council, period_start=START, period_end=END, today=TODAY)["views"]


def test_views_sent_after_the_meeting_are_not_counted_as_before_it_once_deleted(care):
    # 24 reviews on 2 June 2025: 12 children sent views the day before, 12 the day after.
    for number in range(24):
        child = a_child(care, number)
        meeting = a_meeting(care, child, REVIEW)
        sent_on = REVIEW + datetime.timedelta(days=-1 if number < 12 else 1)
        views_sent(care, child, meeting, sent_on=sent_on)
    before = _views(care.council)
    assert before["with_views"] == "40"  # 12 of 24, rounded: 10 of 25
    purged = purge_old_statements(today=LONG_AFTER)
    assert purged.statements == 24
    assert Meeting.objects.filter(child__council=care.council).count() == 24
    tally = Tally.objects.get(council=care.council)
    assert (tally.statements, tally.sent_by_meeting) == (24, 12)
    assert _views(care.council)["with_views"] == before["with_views"]


def _decided_presses(care, children, day, presses=1):
    for child in children:
        alert = an_alert(child, source=Alert.Source.BUTTON, raised_at=at(day))
        Alert.objects.filter(pk=alert.pk).update(
            presses=presses,
            outcome=Alert.Outcome.CONTACTED,
            decided_at=at(day + datetime.timedelta(days=1)),
        )


def _alert_rows(council):
    return board_figures(council=council, period_start=START, period_end=END, today=TODAY)[
        "alerts"
    ]["rows"]


def test_i_dont_feel_safe_is_still_counted_after_its_alerts_are_deleted(care):
    _decided_presses(care, [a_child(care, 200 + number) for number in range(12)], REVIEW)
    before = _alert_rows(care.council)
    assert before[0] == {"source": "button", "count": 10}
    assert purge_old_statements(today=LONG_AFTER).alerts == 12
    assert not Alert.objects.exists()
    assert _alert_rows(care.council) == before


def test_children_are_never_added_up_across_months_once_deleted(care):
    # The same three children pressed in four months: twelve presses from three children.
    children = [a_child(care, 300 + number) for number in range(3)]
    for month in (5, 7, 9, 11):
        _decided_presses(care, children, datetime.date(2025, month, 12))
    assert _alert_rows(care.council)[0]["count"] is None
    purge_old_statements(today=datetime.date(2027, 1, 1))
    assert AlertTally.objects.filter(council=care.council).count() == 4
    assert _alert_rows(care.council)[0]["count"] is None

"""The board's report of a past period says the same after "my views" deletes what it no longer
keeps: views sent after the meeting stay views sent after it."""

import datetime

import pytest

from childrights.myviews.models import Meeting, Tally
from childrights.myviews.retention import purge_old_statements
from childrights.parenting.report.figures import board_figures
from childrights.parenting.tests.report_support import (
    END,
    START,
    TODAY,
    a_child,
    a_meeting,
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

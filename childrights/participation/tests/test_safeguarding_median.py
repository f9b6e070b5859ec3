"""The council's median time from a concern arriving to its first review, over the last 12
months, checked against times worked out by hand."""

import datetime

from django.utils import timezone

from childrights.participation.models import Concern
from childrights.participation.safeguarding import first_review_times
from childrights.testing.participation import make_consultation, make_response

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def _concern(consultation, *, arrived_ago, reviewed_after=None, now=NOW):
    make_response(consultation=consultation, text="I want to run away")
    concern = Concern.objects.latest("pk")
    arrived = now - arrived_ago
    Concern.objects.filter(pk=concern.pk).update(
        created_at=arrived,
        first_reviewed_at=arrived + reviewed_after if reviewed_after is not None else None,
    )
    return concern


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two(consultation):
    # Waits of 1, 3, 5 and 10 hours: the middle two are 3 and 5, so the median is 4 hours.
    for days_ago, wait in [(1, 1 * HOUR), (20, 3 * HOUR), (100, 5 * HOUR), (300, 10 * HOUR)]:
        _concern(consultation, arrived_ago=days_ago * DAY, reviewed_after=wait)
    times = first_review_times(council=consultation.council, now=NOW)
    assert times.median == 4 * HOUR
    assert times.reviewed == 4


def test_the_median_of_an_odd_number_is_the_middle_one(consultation):
    # Waits of 30 minutes, 2 hours and 7 hours: the median is 2 hours.
    for wait in [datetime.timedelta(minutes=30), 7 * HOUR, 2 * HOUR]:
        _concern(consultation, arrived_ago=2 * DAY, reviewed_after=wait)
    assert first_review_times(council=consultation.council, now=NOW).median == 2 * HOUR


def test_only_concerns_from_the_last_12_months_count(consultation):
    _concern(consultation, arrived_ago=10 * DAY, reviewed_after=2 * HOUR)
    _concern(consultation, arrived_ago=400 * DAY, reviewed_after=100 * HOUR)
    times = first_review_times(council=consultation.council, now=NOW)
    assert times.median == 2 * HOUR
    assert times.reviewed == 1


def test_concerns_not_yet_reviewed_are_counted_apart(consultation):
    _concern(consultation, arrived_ago=DAY, reviewed_after=6 * HOUR)
    _concern(consultation, arrived_ago=HOUR)
    times = first_review_times(council=consultation.council, now=NOW)
    assert times.median == 6 * HOUR
    assert (times.reviewed, times.not_reviewed) == (1, 1)


def test_other_councils_concerns_do_not_count(world, consultation):
    _concern(consultation, arrived_ago=DAY, reviewed_after=HOUR)
    other = make_consultation(council=world.council_b)
    _concern(other, arrived_ago=DAY, reviewed_after=50 * HOUR)
    assert first_review_times(council=world.council_a, now=NOW).median == HOUR


def test_no_reviews_means_no_median(consultation):
    _concern(consultation, arrived_ago=DAY)
    assert first_review_times(council=consultation.council, now=NOW).median is None


def test_the_queue_shows_the_median_and_how_many_concerns_it_covers(world, consultation, signed_in):
    for wait in [1 * HOUR, 3 * HOUR, 5 * HOUR, 10 * HOUR]:
        _concern(consultation, arrived_ago=3 * DAY, reviewed_after=wait, now=timezone.now())
    page = signed_in(consultation.safeguarding_lead).get(
        f"/councils/{world.council_a.pk}/safeguarding/"
    )
    text = " ".join(page.content.decode().split())
    assert "<strong>4 hours</strong>, across 4 reviewed concerns" in text

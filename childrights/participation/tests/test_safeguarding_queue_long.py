"""A long safeguarding queue comes a page at a time, most urgent first, in a fixed number of
queries however long it is."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from childrights.participation.models import Concern


def _waiting(consultation, count, priority=3):
    now = timezone.now()
    Concern.objects.bulk_create(
        Concern(
            council=consultation.council,
            consultation=consultation,
            priority=priority,
            categories=["neglect"],
            created_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )


def _queue(council):
    return f"/councils/{council.pk}/safeguarding/"


def test_a_long_queue_shows_fifty_at_a_time_with_the_most_urgent_first(
    world, consultation, signed_in
):
    _waiting(consultation, 59, priority=3)
    _waiting(consultation, 1, priority=1)
    urgent = Concern.objects.get(priority=1)
    client = signed_in(consultation.safeguarding_lead)
    page = client.get(_queue(world.council_a)).content.decode()
    assert "60 concerns are waiting" in page
    assert page.count('href="/concerns/') == 50
    assert f'href="/concerns/{urgent.pk}/"' in page
    assert 'href="?waiting=2"' in page
    second = client.get(_queue(world.council_a), {"waiting": 2}).content.decode()
    assert second.count('href="/concerns/') == 10
    assert f'href="/concerns/{urgent.pk}/"' not in second


def test_the_queue_takes_as_many_queries_for_500_concerns_as_for_5(
    world, consultation, signed_in, django_assert_max_num_queries
):
    client = signed_in(consultation.safeguarding_lead)
    _waiting(consultation, 5)
    client.get(_queue(world.council_a))  # sessions and caches settle
    with CaptureQueriesContext(connection) as few:
        client.get(_queue(world.council_a))
    _waiting(consultation, 495)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_queue(world.council_a)).content.decode()
    assert page.count('href="/concerns/') == 50

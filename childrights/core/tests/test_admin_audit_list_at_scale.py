"""The admin's list of audit events at national size: it counts no further than the pages it
can reach (a count of every event took 360 ms at 10,000,000), and says when there are more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.core.admin import CountedUpTo
from childrights.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST = "/admin/core/auditevent/"


def _events(count: int) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(action="view", actor_email=f"person{n}@example.org") for n in range(count)
    )


def test_a_long_log_is_counted_no_further_than_its_pages_and_says_there_are_more(
    world, signed_in, monkeypatch
):
    monkeypatch.setattr(CountedUpTo, "UP_TO", 3)
    _events(5)
    client = signed_in(world.programme)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "More than 3 audit events: the first 3 are in these pages." in page
    assert response.context["cl"].result_count == 3  # the pages reach the first 3
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    counts = [sql for sql in counts if "core_auditevent" in sql]
    assert counts
    assert all("LIMIT 4" in sql for sql in counts)  # never every event
    assert not any("ORDER BY" in sql.upper() for sql in counts)


def test_a_short_log_says_how_many_events_it_has(world, signed_in, monkeypatch):
    monkeypatch.setattr(CountedUpTo, "UP_TO", 3)
    _events(2)
    page = signed_in(world.programme).get(LIST).content.decode()
    assert "2 audit events" in page
    assert "More than" not in page


def test_the_search_finds_the_start_of_the_address_only(world, signed_in):
    AuditEvent.objects.bulk_create(
        AuditEvent(action="view", actor_email=email, object_repr=f"Seen by {email}")
        for email in ["person4@example.org", "jo.person4@example.org"]
    )
    page = signed_in(world.programme).get(LIST, {"q": "PERSON4"}).content.decode()
    assert "1 audit event" in page  # not jo.person4, whose address only holds it
    assert "The start of the person’s email address" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the prefix index is PostgreSQL's")
def test_the_search_is_answered_by_the_address_index_not_by_reading_every_event(world, signed_in):
    _events(500)
    client = signed_in(world.programme)
    with CaptureQueriesContext(connection) as captured:
        client.get(LIST, {"q": "person42@"})
    counted = [
        q["sql"]
        for q in captured.captured_queries
        if "COUNT(" in q["sql"].upper() and "LIKE" in q["sql"].upper()
    ]
    assert counted
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_auditevent")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {counted[0]}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "core_auditevent_actor_prefix" in plan

"""The audit log at national size: its council filter and its count read only what they show."""

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.core import audit_views
from childrights.core.actors import Actor
from childrights.core.models import AuditEvent
from childrights.core.selectors import (
    COUNCILS_IN_THE_LOG,
    AuditFilter,
    audit_councils,
    audit_events,
)


def _events(council_id: int, name: str, count: int) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(action="view", council_id=council_id, council_name=name) for _ in range(count)
    )


def test_the_council_filter_lists_each_council_once_by_the_name_last_recorded(world):
    _events(world.council_a.pk, "Aberfield", 3)
    _events(world.council_a.pk, "Aberfield City", 1)
    _events(world.council_b.pk, "Bramley", 2)
    AuditEvent.objects.create(action="login_failed")  # no council
    assert audit_councils() == [
        (world.council_a.pk, "Aberfield City"),
        (world.council_b.pk, "Bramley"),
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE is PostgreSQL's")
def test_the_council_filter_reads_a_few_index_entries_not_every_event(world):
    for number in range(3):
        _events(world.council_a.pk + number, f"Council {number}", 2_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_auditevent")
        sql = COUNCILS_IN_THE_LOG.format(table="core_auditevent")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def rows_read(node: dict[str, Any]) -> int:
        own = node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
        scans = "Scan" in node["Node Type"]
        return (own if scans else 0) + sum(rows_read(child) for child in node.get("Plans", []))

    # Three councils: a few index probes each, against 6,000 events.
    assert rows_read(plan[0]["Plan"]) < 100


def test_a_long_log_is_counted_no_further_than_the_pages_shown(world, signed_in, monkeypatch):
    monkeypatch.setattr(audit_views, "COUNT_LIMIT", 2)
    for _ in range(3):
        AuditEvent.objects.create(action="view", actor_email="someone@example.org")
    client = signed_in(world.programme)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/audit/").content.decode()
    assert "The newest 2 entries" in page
    assert "There are more than 2 entries" in page
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert all("LIMIT 3" in sql for sql in counts)


def test_a_short_log_says_how_many_entries_it_has(world, signed_in):
    from childrights.core.audit import audit_record

    audit_record(action=AuditEvent.Action.LOGIN, actor=Actor(person=world.owner))
    page = signed_in(world.programme).get("/audit/").content.decode()
    assert "1 entry" in page
    assert "There are more than" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the prefix index is PostgreSQL's")
def test_who_did_it_is_found_through_an_index_not_by_reading_every_event(world):
    AuditEvent.objects.bulk_create(
        AuditEvent(action="view", actor_email=f"person{n}@example.org") for n in range(500)
    )
    events = audit_events(filters=AuditFilter(actor="person42@"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_auditevent")
        # Reading the whole table, or all of an index, is what a long log cannot afford.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = events.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "core_auditevent_actor_prefix" in plan
    assert [event.actor_email for event in events] == ["person42@example.org"]


def test_who_did_it_matches_the_start_of_the_address_in_any_case(world):
    AuditEvent.objects.bulk_create(
        AuditEvent(action="view", actor_email=email)
        for email in ["person4@example.org", "person42@example.org", "jo.person4@example.org"]
    )

    def found(actor: str) -> list[str]:
        events = audit_events(filters=AuditFilter(actor=actor))
        return sorted(event.actor_email for event in events)

    assert found("person4") == sorted(["person4@example.org", "person42@example.org"])
    assert found("PERSON42@") == ["person42@example.org"]
    assert found("jo.") == ["jo.person4@example.org"]
    assert found("example.org") == []  # not the start of any address
    assert found("person_") == []  # the characters are themselves, not patterns
    assert found("%") == []


def test_the_who_field_says_it_matches_the_start_of_the_address(world, signed_in):
    client = signed_in(world.programme)
    page = client.get("/audit/").content.decode()
    assert "Who (email address starts with)" in page
    assert "The start of the person’s email address" in page
    client.cookies["language"] = "cy"
    page = client.get("/audit/").content.decode()
    assert "Pwy (cyfeiriad e-bost yn dechrau gyda)" in page


def test_the_log_is_counted_in_no_order(world, signed_in):
    AuditEvent.objects.create(action="view", actor_email="someone@example.org")
    with CaptureQueriesContext(connection) as captured:
        signed_in(world.programme).get("/audit/", {"actor": "someone"})
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert not any("ORDER BY" in sql.upper() for sql in counts)

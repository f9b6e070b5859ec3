import csv
import io

import pytest
from django.db import DatabaseError, transaction

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.testing.dates import date_parts


@pytest.fixture
def events(world):
    audit_record(
        action=AuditEvent.Action.LOGIN, actor=Actor(person=world.owner), council=world.council_a
    )
    audit_record(action=AuditEvent.Action.LOGIN_FAILED, actor_email='=HYPERLINK("x")')
    audit_record(
        action=AuditEvent.Action.CREATE, actor=Actor(person=world.outsider), council=world.council_b
    )


def test_the_programme_team_sees_every_event(world, signed_in, events):
    page = signed_in(world.programme).get("/audit/").content.decode()
    assert world.owner.email in page
    assert world.outsider.email in page
    assert "3 entries" in page


def test_the_log_can_be_filtered_by_council_and_action(world, signed_in, events):
    client = signed_in(world.programme)
    page = client.get("/audit/", {"council": world.council_b.pk}).content.decode()
    assert world.outsider.email in page
    assert world.owner.email not in page
    page = client.get("/audit/", {"action": "login_failed"}).content.decode()
    assert "1 entry" in page


def test_a_backwards_date_range_is_explained_and_shows_nothing(world, signed_in, events):
    client = signed_in(world.programme)
    query = {**date_parts("date_from", "2026-11-20"), **date_parts("date_to", "2026-11-01")}
    page = client.get("/audit/", query).content.decode()
    assert "There is a problem" in page
    assert "must be the same as or after" in page
    assert "0 entries" in page
    export = client.get("/audit/export.csv", query)
    assert export.status_code == 302
    assert export["Location"].startswith("/audit/?")


def test_the_export_is_a_csv_of_the_filtered_events_safe_to_open_in_a_spreadsheet(
    world, signed_in, events
):
    response = signed_in(world.programme).get("/audit/export.csv", {"action": "login_failed"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["when", "who", "action"]
    assert len(rows) == 2
    assert rows[1][1].startswith("'=")  # a formula is shown as text, never run


@pytest.mark.parametrize("path", ["/audit/", "/audit/export.csv"])
def test_council_staff_get_404_for_the_audit_log(world, signed_in, path):
    assert signed_in(world.owner).get(path).status_code == 404


def test_audit_events_cannot_be_changed_in_the_database(world, events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(actor_email="someone else")
    assert not AuditEvent.objects.filter(actor_email="someone else").exists()


def test_exports_are_themselves_audited(world, signed_in, events):
    client = signed_in(world.programme)
    b"".join(client.get("/audit/export.csv").streaming_content)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1

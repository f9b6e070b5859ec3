"""The audit log is append-only in the database itself, on both databases: no UPDATE, no DELETE,
no TRUNCATE, whatever code path asks."""

import pytest
from django.db import DatabaseError, connection, transaction

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent


@pytest.fixture
def events(world):
    audit_record(
        action=AuditEvent.Action.LOGIN, actor=Actor(person=world.owner), council=world.council_a
    )
    audit_record(
        action=AuditEvent.Action.CREATE, actor=Actor(person=world.outsider), council=world.council_b
    )


def test_events_cannot_be_changed(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(actor_email="someone else")
    assert not AuditEvent.objects.filter(actor_email="someone else").exists()


def test_events_cannot_be_deleted(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() >= 2


def test_events_cannot_be_deleted_in_raw_sql(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.count() >= 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_the_table_cannot_be_truncated(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditevent")
    assert AuditEvent.objects.count() >= 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncating_it_with_other_tables_is_refused_too(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_rateevent, core_auditevent CASCADE")
    assert AuditEvent.objects.count() >= 2

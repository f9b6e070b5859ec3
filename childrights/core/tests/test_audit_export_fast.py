"""The audit log's download at a national size: rows read as tuples of the columns it writes
(never the events' detail), written in pieces of many rows, every cell still made safe for a
spreadsheet exactly as before."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from childrights.accounts.models import Role
from childrights.core import csv_export
from childrights.core.audit import audit_record
from childrights.core.csv_export import CONTROL_CHARACTERS, FORMULA_STARTS, spreadsheet_safe
from childrights.core.models import AuditEvent
from childrights.testing.auth import sign_in
from childrights.testing.factories import make_user


def _as_it_was(value: object) -> str:
    """``spreadsheet_safe`` before it took the short way for plain cells."""
    text = CONTROL_CHARACTERS.sub("", "" if value is None else str(value))
    stripped = text.lstrip()
    if text[:1] in {"\t", "\r"} or stripped[:1] in FORMULA_STARTS:
        return f"'{text}"
    return text


CHARACTERS = [*[chr(code) for code in range(0x20)], "\x7f", " ", "a", "Z", "0", "é", "\u00a0"]
CHARACTERS += ["\u2003", "\u3000", "=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "'"]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(CHARACTERS), max_size=8).map("".join),
        st.text(max_size=8),
        st.integers(),
        st.none(),
    )
)
def test_a_cell_is_made_safe_exactly_as_before(value):
    assert spreadsheet_safe(value) == _as_it_was(value)


TRICKY = ['=HYPERLINK("x")', " +1", "\t-2", "a,b", 'say "hi"', "line\nbreak", "\x07bell", "é"]


@pytest.mark.django_db
def test_the_download_is_the_same_csv_as_event_by_event_in_pieces_of_many_rows(
    world, signed_in, monkeypatch
):
    for number, email in enumerate(TRICKY * 3):
        audit_record(
            action=AuditEvent.Action.LOGIN_FAILED,
            actor_email=email,
            detail={"words": "x" * number},
        )
    # Small pieces, so the rows cross from one piece to the next.
    monkeypatch.setattr(csv_export, "PIECE", 300)
    client = signed_in(world.programme)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/audit/export.csv", {"action": "login_failed"})
        pieces = list(response.streaming_content)

    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(
        [
            "when",
            "who",
            "action",
            "record_type",
            "record_id",
            "record",
            "council_id",
            "council",
            "from_address",
        ]
    )
    for event in AuditEvent.objects.filter(action="login_failed").order_by("-created_at", "-id"):
        row = [
            timezone.localtime(event.created_at).isoformat(),
            event.actor_email,
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            event.council_id,
            event.council_name,
            event.client_ip,
        ]
        writer.writerow([_as_it_was(cell) for cell in row])
    assert b"".join(pieces).decode() == expected.getvalue()
    rows = len(TRICKY) * 3 + 1
    assert 1 < len(pieces) < rows / 2  # many rows a piece, and more than one piece
    read = [q["sql"] for q in queries.captured_queries if "core_auditevent" in q["sql"]]
    assert read
    assert not any('"detail"' in sql for sql in read if sql.lstrip().startswith("SELECT"))


@pytest.mark.django_db(transaction=True)
def test_the_download_reads_its_rows_in_one_transaction(client, monkeypatch):
    """Outside a transaction PostgreSQL's server-side cursor is WITH HOLD, which reads every
    matching event before the first row is sent (8.7 s for the first 20,000 of 10,000,000)."""
    # An earlier test that emptied the database may have taken the reference data with it.
    if not Role.objects.exists():
        call_command("load_reference_data", verbosity=0)
    programme = make_user(role="programme-team", email="team@programme.example")
    for number in range(3):
        audit_record(action=AuditEvent.Action.LOGIN_FAILED, actor_email=f"p{number}@x.example")
    seen: list[bool] = []
    iterate = type(AuditEvent.objects.none()).iterator

    def watched(queryset, *args, **kwargs):
        seen.append(connection.in_atomic_block)
        return iterate(queryset, *args, **kwargs)

    monkeypatch.setattr(type(AuditEvent.objects.none()), "iterator", watched)
    response = sign_in(client, programme).get("/audit/export.csv", {"action": "login_failed"})
    body = response.getvalue().decode()

    assert body.count("login_failed") == 3
    assert seen == [True]

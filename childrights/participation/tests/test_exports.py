"""Downloads of responses: one row per child for the council, or disclosure-controlled tables
to share; CSV or Excel with the same cells; every download audited."""

import csv
import io

from django.utils import timezone
from openpyxl import load_workbook

from childrights.core.models import AuditEvent
from childrights.participation.models import Response
from childrights.participation.submission import withdraw
from childrights.testing.factories import make_membership, make_user
from childrights.testing.participation import (
    make_access_code,
    make_consultation,
    make_response,
)

HEADER_START = ["Response", "Date sent", "Age band", "Language", "Group"]


def _download(client, consultation, file_format="csv", protected="0"):
    response = client.get(
        f"/consultations/{consultation.pk}/export/",
        {"format": file_format, "protected": protected},
    )
    assert response.status_code == 200
    return response


def _csv(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def _xlsx(response):
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = [["" if value is None else str(value) for value in row] for row in sheet.values]
    # Empty cells are left empty, so a row may stop at its last value.
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def test_the_export_page_offers_a_format_and_disclosure_control(world, signed_in, consultation):
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/export/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="format"' in html
    assert 'name="protected"' in html
    assert "Apply disclosure control" in html
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_raw_export_has_one_row_per_response_in_order(world, signed_in, consultation):
    code = make_access_code(consultation=consultation, group_name="Year 6, Hillside Primary")
    make_response(consultation=consultation, pick=0, age_band="8-11", profile={"gender": "girl"})
    make_response(consultation=consultation, pick=2, age_band="12-15", access_code=code)
    rows = _csv(_download(signed_in(world.member), consultation))
    header = rows[0]
    today = timezone.localdate().isoformat()
    assert header == [
        *HEADER_START,
        "Which of these describes you?",
        "Are you, or have you been, in care?",
        "Which park do you go to most?",
        "How do you feel about your park?",
        "What would make it better?",
        "Do you feel safe there?",
        "Put these in order, most important first",
        "Is there anything else you want to tell us?",
    ]
    assert rows[1] == [
        "1",
        today,
        "8 to 11",
        "English",
        "public link",
        "Girl or young woman",
        "",
        "Riverside",
        "Very unhappy",
        "Swings",
        "Yes",
        "1. Play; 2. Sport; 3. Quiet",
        "",
    ]
    assert rows[2] == [
        "2",
        today,
        "12 to 15",
        "English",
        "Year 6, Hillside Primary",
        "",
        "",
        "None",
        "Not sure",
        "Swings; Toilets; Lights",
        "Not sure",
        "1. Quiet; 2. Play; 3. Sport",
        "",
    ]
    assert len(rows) == 3


def test_no_receipt_code_or_database_id_is_exported(world, signed_in, consultation):
    receipt = make_response(consultation=consultation).code
    rows = _csv(_download(signed_in(world.member), consultation))
    stored = Response.objects.get()
    assert receipt not in str(rows)
    assert rows[1][0] == "1"
    assert str(stored.submission_id) not in str(rows)


def test_written_answers_are_exported_except_those_held_for_safeguarding(
    world, signed_in, consultation
):
    make_response(consultation=consultation, text="More swings please")
    flagged = make_response(consultation=consultation, text="I want to run away from home")
    assert flagged.flagged
    rows = _csv(_download(signed_in(world.member), consultation))
    assert rows[1][-1] == "More swings please"
    # For staff who are not safeguarding leads, nothing tells which child raised a concern.
    assert rows[2][-1] == ""
    assert "held" not in str(rows)
    assert "run away" not in str(rows)


def test_a_safeguarding_lead_sees_which_answers_are_held(world, signed_in, consultation):
    make_response(consultation=consultation, text="I want to run away from home")
    lead = make_user(role="safeguarding-lead", council=world.council_a, email="dsl@a.example")
    make_membership(user=lead, council=world.council_a, role="council-staff")
    rows = _csv(_download(signed_in(lead), consultation))
    assert rows[1][-1] == "[held for the safeguarding lead]"
    assert "run away" not in str(rows)


def test_withdrawn_responses_are_left_out(world, signed_in, consultation):
    make_response(consultation=consultation, text="Keep me")
    withdraw(receipt=make_response(consultation=consultation, text="Take me out").code)
    rows = _csv(_download(signed_in(world.member), consultation))
    assert len(rows) == 2
    assert "Take me out" not in str(rows)


def test_names_are_exported_only_when_children_were_asked_for_them(world, signed_in):
    client = signed_in(world.member)
    anonymous = make_consultation(council=world.council_a)
    assert "Name" not in _csv(_download(client, anonymous))[0]
    identified = make_consultation(
        council=world.council_a, identified=True, identified_reason="To follow up"
    )
    make_response(consultation=identified)
    Response.objects.filter(consultation=identified).update(name="Sam")
    rows = _csv(_download(client, identified))
    assert rows[0][5] == "Name"
    assert rows[1][5] == "Sam"


def test_answers_cannot_run_as_spreadsheet_formulas(world, signed_in, consultation):
    make_response(consultation=consultation, text='=HYPERLINK("http://evil.example")')
    client = signed_in(world.member)
    assert _csv(_download(client, consultation))[1][-1].startswith("'=")
    assert _xlsx(_download(client, consultation, "xlsx"))[1][-1].startswith("'=")


def test_the_excel_file_has_the_same_cells_as_the_csv(world, signed_in, consultation):
    code = make_access_code(consultation=consultation)
    make_response(consultation=consultation, pick=1, age_band="12-15", profile={"care": "no"})
    make_response(consultation=consultation, pick=2, text="Lights by the gate", access_code=code)
    client = signed_in(world.member)
    for protected in ("0", "1"):
        as_csv = _csv(_download(client, consultation, "csv", protected))
        as_xlsx = _xlsx(_download(client, consultation, "xlsx", protected))
        assert as_xlsx == as_csv


def test_the_excel_file_is_a_workbook(world, signed_in, consultation):
    make_response(consultation=consultation)
    response = _download(signed_in(world.member), consultation, "xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in response["Content-Disposition"]


def test_every_download_is_audited_with_its_format_and_protection(world, signed_in, consultation):
    client = signed_in(world.member)
    b"".join(_download(client, consultation, "csv", "1").streaming_content)
    b"".join(_download(client, consultation, "xlsx", "0").streaming_content)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("pk")
    assert [event.detail for event in events] == [
        {"format": "csv", "protected": True},
        {"format": "xlsx", "protected": False},
    ]
    assert all(event.council_id == world.council_a.pk for event in events)
    assert all(event.actor_email == world.member.email for event in events)
    assert all(event.object_id == str(consultation.pk) for event in events)


def test_a_protected_export_has_no_row_per_child_and_no_written_answers(
    world, signed_in, consultation
):
    for pick, times in ((0, 12), (1, 11), (2, 3)):
        for _ in range(times):
            make_response(consultation=consultation, pick=pick, text="Secret words")
    rows = _csv(_download(signed_in(world.member), consultation, "csv", "1"))
    assert rows[0][:2] == ["Question", "Answer"]
    assert ["Children who responded", "All", "25"] in rows
    assert ["Which park do you go to most?", "Children who answered", "25"] in rows
    assert ["Which park do you go to most?", "Riverside", "10"] in rows
    assert ["Which park do you go to most?", "Hill Top", "not shown"] in rows
    assert ["Which park do you go to most?", "None", "not shown"] in rows
    assert "Secret words" not in str(rows)
    assert "Is there anything else you want to tell us?" not in str(rows)
    numbers = [int(row[2]) for row in rows[1:] if row[2].isdigit()]
    assert all(number >= 10 and number % 5 == 0 for number in numbers)


def test_a_protected_export_of_a_small_consultation_shows_no_numbers(
    world, signed_in, consultation
):
    for _ in range(4):
        make_response(consultation=consultation)
    rows = _csv(_download(signed_in(world.member), consultation, "csv", "1"))
    assert ["Children who responded", "All", "not shown"] in rows
    assert not any(row[2].isdigit() for row in rows[1:])


def test_the_form_sends_protected_as_a_checkbox(world, signed_in, consultation):
    for _ in range(10):
        make_response(consultation=consultation)
    response = signed_in(world.member).get(
        f"/consultations/{consultation.pk}/export/", {"format": "csv", "protected": "on"}
    )
    assert _csv(response)[0][0] == "Question"


def test_an_unknown_format_is_refused_with_a_message(world, signed_in, consultation):
    response = signed_in(world.member).get(
        f"/consultations/{consultation.pk}/export/", {"format": "pdf"}
    )
    assert response.status_code == 200
    assert "Choose a format" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_members_who_cannot_edit_get_403(world, signed_in, consultation):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    assert client.get(f"/consultations/{consultation.pk}/export/").status_code == 403
    response = client.get(
        f"/consultations/{consultation.pk}/export/", {"format": "csv", "protected": "0"}
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_people_outside_the_council_get_404(world, signed_in, consultation):
    response = signed_in(world.outsider).get(
        f"/consultations/{consultation.pk}/export/", {"format": "csv", "protected": "0"}
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_the_programme_team_outside_the_council_gets_404(world, signed_in, consultation):
    response = signed_in(world.programme).get(f"/consultations/{consultation.pk}/export/")
    assert response.status_code == 404


def test_responses_are_read_in_chunks_not_all_at_once(world, consultation, monkeypatch):
    from childrights.participation import exports

    for _ in range(5):
        make_response(consultation=consultation)
    monkeypatch.setattr(exports, "CHUNK", 2)
    chunks = []
    real = Response.objects.none().__class__.iterator

    def spy(queryset, chunk_size=None):
        chunks.append(chunk_size)
        return real(queryset, chunk_size=chunk_size)

    monkeypatch.setattr(Response.objects.none().__class__, "iterator", spy)
    rows = list(exports.raw_table(consultation).rows)
    assert len(rows) == 5
    assert chunks == [2]

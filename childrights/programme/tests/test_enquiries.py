import csv
import io

import pytest
from django.core import mail

from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.programme.models import Enquiry

GOOD = {
    "organisation": "Cardiff Council",
    "contact_name": "Rhian Jones",
    "role": "Head of children's services",
    "email": "rhian@cardiff.example",
    "message": "We would like to join the next cohort.",
    "agreed_to_contact": "on",
    "website": "",
}


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def _send(**changes):
        data = {**GOOD, "council": Council.objects.get(gss_code="W06000015").pk, **changes}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/join/", data, REMOTE_ADDR=changes.pop("address", "192.0.2.1"))

    return _send


def test_an_enquiry_reaches_the_teams_queue_and_the_enquirer_gets_a_confirmation(
    db, send, world, signed_in
):
    response = send()
    assert response["Location"] == "/join/sent/"
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.council.short_name == "Cardiff"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rhian@cardiff.example"]
    queue = signed_in(world.programme).get("/manage/enquiries/").content.decode()
    assert "Cardiff Council" in queue


def test_mistakes_are_explained_and_what_was_typed_is_kept(db, send):
    response = send(email="not-an-email", agreed_to_contact="", message="")
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter an email address in the correct format" in page
    assert "Agree to be contacted so that we can reply" in page
    assert "Enter your message" in page
    assert 'value="Rhian Jones"' in page
    assert not Enquiry.objects.exists()


def test_a_filled_hidden_field_is_held_back_not_lost_and_gets_no_email(db, send):
    response = send(website="http://spam.example")
    assert response["Location"] == "/join/sent/"
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.HELD
    assert mail.outbox == []


def test_one_email_address_cannot_flood_the_queue(db, send):
    for _ in range(4):
        send()
    statuses = list(Enquiry.objects.order_by("created_at").values_list("status", flat=True))
    assert statuses == ["new", "new", "new", "held"]


def test_colleagues_at_one_office_address_can_each_enquire(db, send):
    for n in range(6):
        send(email=f"person{n}@cardiff.example")
    assert Enquiry.objects.filter(status=Enquiry.Status.NEW).count() == 6


def test_the_team_records_status_and_notes_with_an_audit_trail(db, send, world, signed_in):
    send()
    enquiry = Enquiry.objects.get()
    client = signed_in(world.programme)
    response = client.post(
        f"/manage/enquiries/{enquiry.pk}/", {"status": "contacted", "note": "Called Rhian."}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted"
    assert enquiry.notes.get().text == "Called Rhian."
    event = AuditEvent.objects.filter(action="update", object_type="programme.Enquiry").get()
    assert event.detail["changed"]["status"] == ["new", "contacted"]


def test_the_queue_exports_as_csv(db, send, world, signed_in):
    send()
    response = signed_in(world.programme).get("/manage/enquiries/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "received"
    assert rows[1][2] == "Cardiff Council"


def test_council_staff_cannot_see_the_queue(db, world, signed_in):
    assert signed_in(world.owner).get("/manage/enquiries/").status_code == 404


def test_sending_the_same_form_twice_saves_one_enquiry_and_one_email(db, send):
    key = "7f0c8d9e-2a1b-4c3d-9e8f-0a1b2c3d4e5f"
    send(submission_key=key)
    send(submission_key=key)
    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_held_reason_is_shown_in_the_teams_language(db, send, world, signed_in):
    send(website="http://spam.example")
    enquiry = Enquiry.objects.get()
    client = signed_in(world.programme)
    client.cookies["language"] = "cy"
    page = client.get(f"/manage/enquiries/{enquiry.pk}/").content.decode()
    assert "hidden-field" not in page


def test_the_confirmation_repeats_nothing_the_sender_typed(db, send):
    """The form takes anyone's address: a confirmation that echoed the message, name or
    organisation would let a stranger send their words from us to anyone."""
    send(
        organisation="Prize draw: claim at http://evil.example",
        contact_name="Click http://evil.example now",
        message="Your account is locked, visit http://evil.example",
        email="victim@example.org",
    )
    [message] = mail.outbox
    assert message.to == ["victim@example.org"]
    assert "evil.example" not in f"{message.subject} {message.body}"
    assert "Thank you for your enquiry about joining the programme." in message.body
    assert "&amp;" not in message.body

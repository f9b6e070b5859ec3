"""An urgent safeguarding text that finally fails (Notify does not accept it, or its receipt says
it was not delivered) is not lost: the council's safeguarding leads are emailed, naming the
person it was for and nothing about the child. Against a fake Notify on loopback."""

import json

import pytest

from childrights.accounts.selectors import council_leads
from childrights.core import notify
from childrights.core.models import Delivery
from childrights.core.tasks import send_text
from childrights.testing.factories import make_user
from childrights.testing.notify import notify_on_loopback

LINK = "https://example.test/councils/1/alerts/"
NUMBER = "+447700900123"


@pytest.fixture
def fake_notify(settings, db, monkeypatch):
    monkeypatch.setattr(notify, "sleep", lambda seconds: None)
    settings.NOTIFY_CALLBACK_TOKEN = "callback-token"
    with notify_on_loopback(settings) as fake:
        yield fake


@pytest.fixture
def people(world):
    worker = make_user(
        role="social-worker",
        council=world.council_a,
        full_name="Sam Worker",
        mobile_number=NUMBER,
    )
    lead = make_user(role="safeguarding-lead", council=world.council_a, email="dsl@a.example")
    elsewhere = make_user(role="safeguarding-lead", council=world.council_b, email="dsl@b.example")
    return worker, lead, elsewhere


def _urgent_text(kind="safety_alert_text"):
    send_text.enqueue(
        kind=kind, body="Urgent safeguarding alert: " + LINK, to=[NUMBER], fields={"link": LINK}
    )


def _failure_emails(fake):
    return [
        request
        for request in fake.sent("email")
        if "could not be delivered" in request.body["personalisation"]["subject"]
    ]


def _receipt(client, delivery, status):
    return client.post(
        "/notify/delivery-receipts",
        data=json.dumps({"id": str(delivery.notify_id), "status": status}),
        content_type="application/json",
        headers={"Authorization": "Bearer callback-token"},
    )


def test_an_urgent_text_notify_does_not_accept_is_told_to_the_councils_leads(fake_notify, people):
    fake_notify.failures = [400]
    _urgent_text()
    [email] = _failure_emails(fake_notify)
    assert email.body["email_address"] == "dsl@a.example"
    body = email.body["personalisation"]["body"]
    assert "Sam Worker" in body
    assert "Aberfield" in body
    assert "dsl@b.example" not in [r.body["email_address"] for r in fake_notify.sent("email")]


def test_an_urgent_text_that_is_not_delivered_is_told_once(client, fake_notify, people):
    _urgent_text()
    delivery = Delivery.objects.get(kind="safety_alert_text")
    assert _failure_emails(fake_notify) == []
    assert _receipt(client, delivery, "permanent-failure").status_code == 204
    assert _receipt(client, delivery, "permanent-failure").status_code == 204
    [email] = _failure_emails(fake_notify)
    assert email.body["email_address"] == "dsl@a.example"


def test_a_delivered_urgent_text_tells_nobody(client, fake_notify, people):
    _urgent_text(kind="safeguarding_concern_text")
    _receipt(client, Delivery.objects.get(), "delivered")
    assert _failure_emails(fake_notify) == []


def test_a_council_without_another_safeguarding_lead_tells_its_council_leads(fake_notify, world):
    only = make_user(
        role="safeguarding-lead",
        council=world.council_a,
        full_name="Only Lead",
        mobile_number=NUMBER,
    )
    make_user(role="council-lead", council=world.council_a, email="lead@a.example")
    fake_notify.failures = [400]
    _urgent_text()
    emails = _failure_emails(fake_notify)
    addresses = {email.body["email_address"] for email in emails}
    assert "lead@a.example" in addresses
    assert addresses == set(council_leads(council=world.council_a).values_list("email", flat=True))
    assert only.email not in addresses
    assert all("Only Lead" in email.body["personalisation"]["body"] for email in emails)

"""A consultation response put in the safeguarding queue with urgent priority also sends a text
through GOV.UK Notify (a fake one on loopback) to the leads told who gave a mobile number: that
there is an urgent alert and the link to the queue, never the child's words or the consultation."""

import pytest

from childrights.core.models import Delivery
from childrights.participation.models import Concern, Phrase
from childrights.participation.screening import notify_leads
from childrights.testing.notify import notify_on_loopback
from childrights.testing.participation import make_response

WORDS = "The swings are fine but my stepdad hits me and I am scared to go home"


@pytest.fixture
def fake_notify(settings, db):
    with notify_on_loopback(settings) as fake:
        yield fake


@pytest.fixture
def lead(consultation):
    lead = consultation.safeguarding_lead
    lead.mobile_number = "+447700900123"
    lead.save()
    return lead


def test_an_urgent_concern_texts_the_lead_the_queue_and_nothing_else(
    consultation, lead, fake_notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_response(consultation=consultation, text=WORDS)
    concern = Concern.objects.get()
    fake_notify.received.clear()
    Delivery.objects.all().delete()
    Concern.objects.filter(pk=concern.pk).update(priority=Phrase.Priority.URGENT)
    concern.refresh_from_db()
    notify_leads(concern)
    [text] = fake_notify.sent("sms")
    assert text.body["phone_number"] == "+447700900123"
    personalisation = text.body["personalisation"]
    assert personalisation["link"].endswith(f"/councils/{consultation.council_id}/safeguarding/")
    assert set(personalisation) == {"body", "link"}
    said = str(personalisation)
    for words in ("stepdad", "hits me", "scared", "swings", consultation.title_en):
        assert words not in said
    assert Delivery.objects.filter(kind="safeguarding_concern_text").count() == 1


@pytest.mark.parametrize("priority", [Phrase.Priority.HIGH, Phrase.Priority.MEDIUM])
def test_a_concern_that_is_not_urgent_is_emailed_only(
    consultation, lead, fake_notify, django_capture_on_commit_callbacks, priority
):
    with django_capture_on_commit_callbacks(execute=True):
        make_response(consultation=consultation, text=WORDS)
    concern = Concern.objects.get()
    fake_notify.received.clear()
    Concern.objects.filter(pk=concern.pk).update(priority=priority)
    concern.refresh_from_db()
    notify_leads(concern)
    assert fake_notify.sent("email")
    assert not fake_notify.sent("sms")


def test_a_lead_without_a_mobile_number_is_emailed_only(
    consultation, fake_notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_response(consultation=consultation, text=WORDS)
    concern = Concern.objects.get()
    Concern.objects.filter(pk=concern.pk).update(priority=Phrase.Priority.URGENT)
    concern.refresh_from_db()
    notify_leads(concern)
    assert fake_notify.sent("email")
    assert not fake_notify.sent("sms")

"""'I don't feel safe' sends a text through GOV.UK Notify (a fake one on loopback) to each person
told who gave a mobile number: that there is an urgent alert and where to act, never the child's
name or words."""

import pytest

from childrights.core.models import Delivery
from childrights.myviews import services
from childrights.myviews.models import Alert
from childrights.participation.models import Phrase
from childrights.testing.factories import make_council, make_user
from childrights.testing.myviews import make_care_world, make_sent_statement
from childrights.testing.notify import notify_on_loopback


@pytest.fixture
def care(db):
    return make_care_world(make_council(name="Aberfield City Council", short_name="Aberfield"))


@pytest.fixture
def fake_notify(settings, db):
    with notify_on_loopback(settings) as fake:
        yield fake


def test_the_button_texts_the_lead_and_workers_with_a_number_without_the_name(
    care, fake_notify, django_capture_on_commit_callbacks
):
    make_user(role="safeguarding-lead", council=care.council, mobile_number="+447700900001")
    care.social_worker.mobile_number = "+447700900002"
    care.social_worker.save()
    with django_capture_on_commit_callbacks(execute=True):
        alert = services.alert_raise(child=care.child, source="button", submission="press-1")
    texts = {item.body["phone_number"]: item.body for item in fake_notify.sent("sms")}
    # The reviewing officer gave no number: emailed only.
    assert set(texts) == {"+447700900001", "+447700900002"}
    queue = f"/councils/{care.council.pk}/children/alerts/"
    lead_text = texts["+447700900001"]["personalisation"]
    assert lead_text["link"].endswith(queue)
    for text in texts.values():
        words = str(text["personalisation"])
        assert care.child.chosen_name not in words
        assert "Urgent" in text["personalisation"]["body"]
        assert text["personalisation"]["link"] in text["personalisation"]["body"]
    assert len(fake_notify.sent("email")) == 3
    assert Delivery.objects.filter(channel="sms", kind="safety_alert_text").count() == 2
    assert alert.source == Alert.Source.BUTTON


def test_the_text_is_in_the_persons_language(care, fake_notify, django_capture_on_commit_callbacks):
    make_user(
        role="safeguarding-lead",
        council=care.council,
        mobile_number="+447700900001",
        preferred_language="cy",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_raise(child=care.child, source="button", submission="press-1")
    [text] = fake_notify.sent("sms")
    assert "Rhybudd diogelu brys" in text.body["personalisation"]["body"]


def test_words_that_may_tell_of_harm_are_emailed_but_not_texted(
    care, fake_notify, django_capture_on_commit_callbacks
):
    Phrase.objects.create(phrase="hits me", priority=1, category="physical")
    make_user(role="safeguarding-lead", council=care.council, mobile_number="+447700900001")
    with django_capture_on_commit_callbacks(execute=True):
        make_sent_statement(care, text="My carer hits me")
    assert Alert.objects.get().source == Alert.Source.SCREENING
    assert fake_notify.sent("email")
    assert not fake_notify.sent("sms")

"""Moderating one written answer: suggestions highlighted, approval refused while anything that
could identify someone is left, and only the redacted text ever kept for publication."""

import json

import pytest

from childrights.core.models import AuditEvent
from childrights.participation import moderation
from childrights.participation.models import Quote, Response
from childrights.participation.tests.moderation_support import _answer, _url
from childrights.testing.actors import actor_for

PHONE = "Call me on 07700 900123 if the swings get fixed"


@pytest.mark.parametrize(
    ("text", "marked", "kind"),
    [
        ("Email me at sam.jones@example.org", "sam.jones@example.org", "email address"),
        (PHONE, "07700 900123", "phone number"),
        ("I live at 12 Station Road near the park", "12 Station Road", "street address"),
        # Suggested as a possible name for now: ``redaction`` misses capitalised school words
        # (approval is still refused: see the tests below).
        ("I go to Hillside Primary School", "Hillside Primary", None),
        ("The park is fine, Jordan Smith says so", "Jordan Smith", "possible name"),
    ],
)
def test_the_answer_is_shown_with_each_suggestion_highlighted(
    world, consultation, signed_in, text, marked, kind
):
    answer = _answer(consultation, text)
    page = signed_in(world.member).get(_url(answer)).content.decode()
    assert f"<mark>{marked}" in page
    if kind:
        assert f'<mark>{marked}<span class="govuk-visually-hidden"> ({kind})</span>' in page


def test_the_text_to_publish_starts_with_every_suggestion_removed(world, consultation, signed_in):
    answer = _answer(consultation, PHONE)
    page = signed_in(world.member).get(_url(answer)).content.decode()
    textarea = page[page.index("<textarea") : page.index("</textarea>")]
    assert "Call me on [removed] if the swings get fixed" in textarea
    assert "07700" not in textarea


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Email me at sam.jones@example.org", "sam.jones@example.org"),
        ("Call 07700 900123", "07700 900123"),
        ("We live at 12 Station Road", "12 Station Road"),
        ("I go to Hillside Primary School", "Hillside Primary School"),
        ("Dw i'n mynd i Ysgol Gymraeg Aberfield", "Ysgol Gymraeg Aberfield"),
    ],
)
def test_approval_is_refused_while_something_identifying_is_left(
    world, consultation, signed_in, text, named
):
    answer = _answer(consultation, PHONE)
    response = signed_in(world.member).post(_url(answer), {"status": "approved", "redacted": text})
    assert response.status_code == 200
    assert f"\u201c{named}\u201d before approving" in response.content.decode()
    assert not Quote.objects.exists()


def test_approval_of_empty_text_is_refused(world, consultation, signed_in):
    answer = _answer(consultation, PHONE)
    response = signed_in(world.member).post(_url(answer), {"status": "approved", "redacted": " "})
    assert "Enter the text to publish" in response.content.decode()
    assert not Quote.objects.exists()


def test_the_service_refuses_identifying_text_whatever_the_form_did(world, consultation):
    answer = _answer(consultation, PHONE)
    with pytest.raises(moderation.QuoteRefused):
        moderation.quote_decide(
            actor=actor_for(world.member), answer=answer, status="approved", redacted=PHONE
        )
    assert not Quote.objects.exists()


def test_approving_keeps_only_the_redacted_text_for_publishing(world, consultation, signed_in):
    answer = _answer(consultation, PHONE)
    client = signed_in(world.member)
    response = client.post(
        _url(answer), {"status": "approved", "redacted": "Call me on [removed] if they get fixed"}
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.status == Quote.Status.APPROVED
    assert quote.redacted == "Call me on [removed] if they get fixed"
    assert quote.decided_by == world.member
    assert list(moderation.approved_quotes(consultation)) == [quote]
    page = client.get(f"/consultations/{consultation.pk}/moderation/").content.decode()
    assert "Call me on [removed] if they get fixed" in page
    assert "07700" not in page


def test_not_publishing_keeps_no_text(world, consultation, signed_in):
    answer = _answer(consultation, PHONE)
    signed_in(world.member).post(_url(answer), {"status": "rejected", "redacted": PHONE})
    quote = Quote.objects.get()
    assert (quote.status, quote.redacted) == (Quote.Status.REJECTED, "")
    assert not moderation.approved_quotes(consultation).exists()


def test_deciding_again_replaces_the_earlier_decision_and_both_are_audited(
    world, consultation, signed_in
):
    answer = _answer(consultation, PHONE)
    client = signed_in(world.member)
    client.post(_url(answer), {"status": "approved", "redacted": "Fix the swings"})
    client.post(_url(answer), {"status": "rejected", "redacted": ""})
    quote = Quote.objects.get()
    assert quote.status == Quote.Status.REJECTED
    events = AuditEvent.objects.filter(object_id=str(answer.pk)).order_by("pk")
    assert [event.action for event in events] == ["create", "update"]
    assert [event.detail["status"] for event in events] == ["approved", "rejected"]
    for event in AuditEvent.objects.all():
        assert "swings" not in json.dumps(event.detail) + event.object_repr


def test_approved_quotes_leave_out_withdrawn_and_flagged_responses(world, consultation):
    kept = _answer(consultation, "More bins please")
    withdrawn = _answer(consultation, "More lights please")
    flagged = _answer(consultation, "My dad hits me")
    for answer in (kept, withdrawn, flagged):
        Quote.objects.create(
            answer=answer,
            consultation=consultation,
            status=Quote.Status.APPROVED,
            redacted=answer.text,
            decided_by=world.member,
        )
    Response.objects.filter(pk=withdrawn.response_id).update(
        withdrawn_at=withdrawn.response.created_at
    )
    assert [quote.answer for quote in moderation.approved_quotes(consultation)] == [kept]

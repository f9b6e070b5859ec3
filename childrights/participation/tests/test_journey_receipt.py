"""Coming back with a receipt code: see what changed, or take the answers back."""

import datetime
from typing import Any

import pytest
from django.test import Client

from childrights.core.models import AuditEvent
from childrights.core.ratelimit import Limit
from childrights.participation.journey import finding
from childrights.participation.models import Answer, Response
from childrights.testing.participation import make_consultation, make_response


@pytest.fixture
def consultation(world):
    return make_consultation(council=world.council_a)


@pytest.fixture
def receipt(consultation) -> str:
    return make_response(consultation=consultation).code


def _page(response: Any) -> str:
    return str(response.content.decode())


def test_the_receipt_code_is_asked_for_in_a_form_not_the_address(client, db):
    page = _page(client.get("/your-response/"))
    assert 'method="post" action="/your-response/"' in page
    assert 'name="receipt"' in page


def test_a_receipt_code_shows_the_consultation_and_the_way_to_what_changed(
    consultation, receipt, client
):
    typed = f"{receipt[:4].lower()} {receipt[4:]}"
    sent = client.post("/your-response/", {"receipt": typed})
    assert sent.status_code == 303
    assert sent["Location"] == "/your-response/found/"
    page = _page(client.get(sent["Location"]))
    assert "Our parks" in page
    assert "Aberfield City Council" in page
    assert f'href="/have-your-say/{consultation.link_key}/you-said-we-did/"' in page
    assert "Take my answers back" in page


def test_a_wrong_receipt_code_is_explained(client, db):
    page = _page(client.post("/your-response/", {"receipt": "ABCDEFGH"}))
    assert "We could not find that code." in page
    assert "govuk-error-summary" in page


def test_taking_answers_back_asks_first(receipt, client):
    page = _page(
        client.post("/your-response/", {"receipt": receipt, "action": "confirm"}, follow=True)
    )
    assert "Are you sure you want to take your answers back?" in page
    assert Response.objects.get().withdrawn_at is None


def test_a_child_takes_their_answers_back_with_their_receipt(receipt, client):
    page = _page(
        client.post("/your-response/", {"receipt": receipt, "action": "withdraw"}, follow=True)
    )
    assert "Your answers have been taken back" in page
    stored = Response.objects.get()
    assert stored.withdrawn_at is not None
    assert not Answer.objects.filter(response=stored).exists()
    event = AuditEvent.objects.get(object_type="participation.Response", action="delete")
    assert event.client_ip is None


def test_answers_taken_back_say_so_when_looked_up_again(receipt, client):
    client.post("/your-response/", {"receipt": receipt, "action": "withdraw"})
    page = _page(client.post("/your-response/", {"receipt": receipt}, follow=True))
    assert "Taken back on" in page
    assert "Take my answers back" not in page


def test_too_many_wrong_receipt_codes_are_refused_for_that_browser_only(
    receipt, client, monkeypatch
):
    monkeypatch.setattr(finding, "RECEIPT_GUESSES", _guesses(per_session=2, per_address=200))
    for _ in range(2):
        client.post("/your-response/", {"receipt": "ABCDEFGH"})
    refused = client.post("/your-response/", {"receipt": receipt})
    assert refused.status_code == 429
    classmate = Client(REMOTE_ADDR="127.0.0.1")
    found = classmate.post("/your-response/", {"receipt": receipt}, follow=True)
    assert "Our parks" in _page(found)


def test_dropping_the_cookie_does_not_start_the_count_again(receipt, db, monkeypatch):
    """Wrong guesses from one address are counted across browser sessions too."""
    monkeypatch.setattr(finding, "RECEIPT_GUESSES", _guesses(per_session=20, per_address=3))
    for _ in range(3):
        fresh = Client(REMOTE_ADDR="203.0.113.9")
        assert fresh.post("/your-response/", {"receipt": "ABCDEFGH"}).status_code == 200
    again = Client(REMOTE_ADDR="203.0.113.9")
    assert again.post("/your-response/", {"receipt": receipt}).status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert elsewhere.post("/your-response/", {"receipt": receipt}).status_code == 303


def _guesses(*, per_session: int, per_address: int) -> finding.Guesses:
    hour = datetime.timedelta(hours=1)
    return finding.Guesses(
        Limit("participation:receipt-guess", per_session, hour),
        Limit("participation:receipt-guess-address", per_address, hour),
    )


def test_a_right_receipt_code_does_not_count_as_a_wrong_guess(receipt, client, monkeypatch):
    monkeypatch.setattr(finding, "RECEIPT_GUESSES", _guesses(per_session=1, per_address=1))
    for _ in range(3):
        assert client.post("/your-response/", {"receipt": receipt}).status_code == 303


def test_a_child_has_half_an_hour_between_pages_to_answer(client, db):
    from childrights.participation.journey.drafts import CHILD_IDLE_SECONDS
    from childrights.testing.factories import make_council
    from childrights.testing.participation import make_consultation

    consultation = make_consultation(council=make_council())
    client.post(f"/have-your-say/{consultation.link_key}/", {"easy_read": ""})
    assert client.session.get_expiry_age() == CHILD_IDLE_SECONDS

"""Limits that are told before a child starts, and that strangers cannot use against children."""

import datetime
from typing import Any

from django.test import Client

from childrights.core.ratelimit import Limit
from childrights.participation import submission
from childrights.participation.journey import sending
from childrights.participation.models import Consultation, Response
from childrights.participation.submission import Draft
from childrights.participation.tests.test_journey_support import send, url
from childrights.testing.participation import (
    answers_for,
    make_access_code,
    make_response,
)


def _page(response: Any) -> str:
    return str(response.content.decode())


def _payload(consultation: Consultation, text: str = "") -> str:
    return Draft(age_band="8-11", answers=answers_for(consultation, text=text)).sign()


def test_a_full_group_code_is_refused_when_it_is_typed_in(consultation, client):
    code = make_access_code(consultation=consultation, responses_limit=1)
    make_response(consultation=consultation, access_code=code)
    page = _page(client.post("/have-your-say/code/", {"code": code.code}))
    assert "Everyone this code was for has already answered" in page
    assert "govuk-error-summary" in page


def test_a_full_public_link_says_so_before_the_child_starts(consultation, client):
    Consultation.objects.filter(pk=consultation.pk).update(responses_limit=1)
    make_response(consultation=consultation)
    page = _page(client.get(url(consultation)))
    assert "This survey cannot take more answers" in page
    assert "Start now" not in page


def test_replaying_one_payload_never_uses_up_the_link_for_other_children(
    consultation, client, monkeypatch
):
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link", 5, datetime.timedelta(minutes=1))
    )
    payload = _payload(consultation)
    for _ in range(30):
        replayed = send(client, consultation, payload, follow=False)
        assert replayed.status_code == 303
    assert Response.objects.count() == 1
    another_child = Client()
    sent = send(another_child, consultation, _payload(consultation), follow=False)
    assert sent.status_code == 303
    assert Response.objects.count() == 2


def test_a_payload_older_than_a_day_is_not_taken(consultation, client, monkeypatch):
    payload = _payload(consultation)
    later = datetime.datetime.now(tz=datetime.UTC).timestamp() + submission.PAYLOAD_MAX_AGE + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = send(client, consultation, payload)
    assert response.status_code == 400
    assert not Response.objects.exists()

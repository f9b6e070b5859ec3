"""Sending: stored once, a clear page for every refusal, limits per link or code (never per
network address), and a supportive page when a child may have told us of harm."""

import datetime
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from childrights.core.ratelimit import Limit
from childrights.participation import tallies
from childrights.participation.journey import finding, receipts, sending
from childrights.participation.models import Answer, Concern, Consultation, Response
from childrights.participation.submission import Draft
from childrights.participation.tests.test_journey_support import answer_all, payload_of, send
from childrights.testing.participation import (
    answers_for,
    make_access_code,
    make_consultation,
    make_response,
)


@pytest.fixture
def consultation(world):
    return make_consultation(council=world.council_a)


def _payload(consultation, **fields) -> str:
    fields.setdefault("age_band", "8-11")
    fields.setdefault("answers", answers_for(consultation))
    return Draft(**fields).sign()


def _page(response: Any) -> str:
    return str(response.content.decode())


def test_sending_shows_a_receipt_code_to_keep(consultation, client):
    response = send(client, consultation, _payload(consultation))
    receipt = Response.objects.get().receipt
    page = _page(response)
    assert response.status_code == 200
    assert f"{receipt[:4]} {receipt[4:]}" in page
    assert "Write it down or take a photo of it." in page
    assert 'href="/your-response/"' in page


def test_stored_answers_are_answered_with_a_redirect_to_the_receipt_page(consultation, client):
    response = send(client, consultation, _payload(consultation), follow=False)
    assert response.status_code == 303
    assert response["Location"] == f"/have-your-say/{consultation.link_key}/sent/"
    cookie = response.cookies[receipts.RECEIPT_COOKIE]
    assert cookie["path"] == f"/have-your-say/{consultation.link_key}/"
    assert cookie["httponly"]
    assert cookie["max-age"] == receipts.RECEIPT_SECONDS
    assert cookie.value.split(":")[1] == Response.objects.get().receipt


def test_a_refreshed_receipt_page_shows_the_same_receipt_and_sends_nothing(consultation, client):
    send(client, consultation, _payload(consultation))
    receipt = Response.objects.get().receipt
    again = client.get(f"/have-your-say/{consultation.link_key}/sent/")
    assert again.status_code == 200
    assert f"{receipt[:4]} {receipt[4:]}" in _page(again)
    assert "no-store" in again["Cache-Control"]
    assert Response.objects.count() == 1


def test_the_next_child_starting_on_the_same_browser_never_sees_the_last_receipt(
    consultation, client
):
    send(client, consultation, _payload(consultation))
    start = client.get(f"/have-your-say/{consultation.link_key}/")
    assert start.cookies[receipts.RECEIPT_COOKIE]["max-age"] == 0
    response = client.get(f"/have-your-say/{consultation.link_key}/sent/")
    assert response.status_code == 302
    assert Response.objects.get().receipt not in _page(client.get(response["Location"]))


def test_the_receipt_page_with_no_receipt_goes_back_to_the_start(consultation, client):
    response = client.get(f"/have-your-say/{consultation.link_key}/sent/")
    assert response.status_code == 302
    assert response["Location"] == f"/have-your-say/{consultation.link_key}/"


def test_a_receipt_kept_for_one_consultation_is_not_shown_for_another(world, consultation, client):
    send(client, consultation, _payload(consultation))
    other = make_consultation(council=world.council_a)
    response = client.get(f"/have-your-say/{other.link_key}/sent/")
    assert response.status_code == 302


def test_a_receipt_cookie_that_was_altered_shows_nothing(consultation, client):
    send(client, consultation, _payload(consultation))
    kept = client.cookies[receipts.RECEIPT_COOKIE].value
    client.cookies[receipts.RECEIPT_COOKIE] = kept.replace(kept.split(":")[1], "ABCDEFGH", 1)
    response = client.get(f"/have-your-say/{consultation.link_key}/sent/")
    assert response.status_code == 302


def test_a_send_costs_two_statements_once_the_consultation_is_read(
    consultation, client, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(finding, "SEND_READ_SECONDS", 60)
    send(client, consultation, _payload(consultation), follow=False)
    payload = _payload(consultation)
    with CaptureQueriesContext(connection) as queries:
        response = send(client, consultation, payload, follow=False)
    assert response.status_code == 303
    statements = [
        query["sql"].split()[:3]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert statements == [
        ["INSERT", "INTO", '"participation_sendrate"'],
        ["INSERT", "INTO", '"participation_response"'],
    ]


def test_a_closed_consultation_takes_no_answers_once_a_second_has_passed(
    consultation, client, monkeypatch
):
    send(client, consultation, _payload(consultation))
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    monkeypatch.setattr(finding, "SEND_READ_SECONDS", 0)
    response = send(client, consultation, _payload(consultation))
    assert response.status_code == 410
    assert Response.objects.count() == 1


def test_the_same_answers_sent_again_show_the_same_receipt_and_make_one_response(
    consultation, client
):
    payload = _payload(consultation)
    first = send(client, consultation, payload)
    again = send(client, consultation, payload)
    assert again.status_code == 200
    assert Response.objects.count() == 1
    receipt = Response.objects.get().receipt
    assert f"{receipt[:4]} {receipt[4:]}" in _page(first)
    assert f"{receipt[:4]} {receipt[4:]}" in _page(again)


def test_different_answers_with_the_same_submission_id_are_refused_and_store_nothing(
    consultation, client
):
    draft = Draft(age_band="8-11", answers=answers_for(consultation, pick=0))
    send(client, consultation, draft.sign())
    tallies.fold(consultation)
    stored = sorted(Answer.objects.values_list("choice_id", flat=True), key=str)
    changed = Draft.from_dict(draft.to_dict() | {"answers": answers_for(consultation, pick=1)})
    response = send(client, consultation, changed.sign())
    assert response.status_code == 409
    assert "These answers were already sent" in _page(response)
    assert f'href="/have-your-say/{consultation.link_key}/"' in _page(response)
    assert Response.objects.count() == 1
    tallies.fold(consultation)
    assert sorted(Answer.objects.values_list("choice_id", flat=True), key=str) == stored


def test_a_tampered_payload_is_refused_with_a_clear_message(consultation, client):
    payload = _payload(consultation)
    response = send(client, consultation, payload[:-3] + "abc")
    assert response.status_code == 400
    assert "Your answers could not be read" in _page(response)
    assert not Response.objects.exists()


def test_answers_that_do_not_fit_the_questions_are_refused_with_the_reason(consultation, client):
    response = send(client, consultation, _payload(consultation, answers={"999999": {"text": "x"}}))
    assert response.status_code == 400
    assert "Some answers are for questions that are not in this survey." in _page(response)
    assert not Response.objects.exists()


def test_sending_needs_a_post(consultation, client):
    assert client.get(f"/have-your-say/{consultation.link_key}/send/").status_code == 405


def test_sending_to_a_closed_consultation_says_it_has_closed(world, client):
    closed = make_consultation(council=world.council_a, status=Consultation.Status.CLOSED)
    response = send(client, closed, _payload(closed))
    assert response.status_code == 410
    assert "This survey has closed" in _page(response)
    assert not Response.objects.exists()


def test_answers_sent_before_closing_still_show_their_receipt_after(consultation, client):
    payload = _payload(consultation)
    send(client, consultation, payload)
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    again = send(client, consultation, payload)
    assert again.status_code == 200
    assert Response.objects.count() == 1


def test_a_code_revoked_while_the_child_answered_stores_nothing(consultation, client):
    code = make_access_code(consultation=consultation)
    payload = _payload(consultation, access_code_id=code.pk)
    code.revoked_at = timezone.now()
    code.save()
    response = send(client, consultation, payload)
    assert response.status_code == 409
    assert "code does not work any more" in _page(response)
    assert not Response.objects.exists()


def test_the_draft_is_forgotten_once_sent(consultation, client):
    page = answer_all(client, consultation)
    assert f"participation:{consultation.pk}" in client.session
    send(client, consultation, payload_of(page))
    assert f"participation:{consultation.pk}" not in client.session


# --- limits ------------------------------------------------------------------------------------


def test_a_group_code_with_all_its_responses_takes_no_more(consultation, client):
    code = make_access_code(consultation=consultation, responses_limit=1)
    make_response(consultation=consultation, access_code=code)
    response = send(client, consultation, _payload(consultation, access_code_id=code.pk))
    assert response.status_code == 429
    assert "This survey cannot take any more answers" in _page(response)
    assert Response.objects.count() == 1


def test_a_withdrawn_response_frees_its_place_under_the_codes_limit(consultation, client):
    from childrights.participation.submission import withdraw

    code = make_access_code(consultation=consultation, responses_limit=1)
    withdraw(receipt=make_response(consultation=consultation, access_code=code).code)
    response = send(client, consultation, _payload(consultation, access_code_id=code.pk))
    assert response.status_code == 200


def test_the_public_link_takes_no_more_than_its_limit(consultation, client):
    consultation.responses_limit = 1
    consultation.save()
    make_response(consultation=consultation)
    response = send(client, consultation, _payload(consultation))
    assert response.status_code == 429
    assert Response.objects.count() == 1


def test_the_links_limit_does_not_count_answers_through_group_codes(consultation, client):
    consultation.responses_limit = 1
    consultation.save()
    make_response(
        consultation=consultation, access_code=make_access_code(consultation=consultation)
    )
    assert send(client, consultation, _payload(consultation)).status_code == 200


def test_a_resend_of_stored_answers_gets_its_receipt_even_when_the_limit_is_reached(
    consultation, client
):
    consultation.responses_limit = 1
    consultation.save()
    payload = _payload(consultation)
    send(client, consultation, payload)
    again = send(client, consultation, payload)
    assert again.status_code == 200
    assert Response.objects.count() == 1


def test_a_link_sending_too_fast_is_asked_to_wait_and_can_try_the_same_answers_again(
    consultation, client, monkeypatch
):
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link", 1, datetime.timedelta(minutes=1))
    )
    send(client, consultation, _payload(consultation))
    payload = _payload(consultation)
    response = send(client, consultation, payload)
    assert response.status_code == 429
    assert "Lots of people are sending answers right now" in _page(response)
    assert f'value="{payload}"' in _page(response)
    assert Response.objects.count() == 1


def test_a_whole_class_on_one_network_address_is_not_blocked(consultation):
    for _ in range(30):
        child = Client(REMOTE_ADDR="203.0.113.7")
        assert send(child, consultation, _payload(consultation)).status_code == 200
    assert Response.objects.count() == 30


def test_one_groups_limit_does_not_block_another_child_on_the_same_address(
    consultation, monkeypatch
):
    monkeypatch.setattr(
        sending, "CODE_LIMIT", Limit("participation:code", 1, datetime.timedelta(minutes=1))
    )
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link", 1, datetime.timedelta(minutes=1))
    )
    first_group = make_access_code(consultation=consultation)
    second_group = make_access_code(consultation=consultation, group_name="Youth club")
    for code in (first_group, second_group):
        child = Client(REMOTE_ADDR="203.0.113.7")
        payload = _payload(consultation, access_code_id=code.pk)
        assert send(child, consultation, payload).status_code == 200
    by_link = Client(REMOTE_ADDR="203.0.113.7")
    assert send(by_link, consultation, _payload(consultation)).status_code == 200
    assert Response.objects.count() == 3


# --- safeguarding and a database that is down --------------------------------------------------


def test_a_child_who_may_have_told_of_harm_sees_a_supportive_page(consultation, client):
    response = send(
        client,
        consultation,
        _payload(consultation, answers=answers_for(consultation, text="my dad hits me")),
    )
    page = _page(response)
    assert response.status_code == 200
    assert Concern.objects.count() == 1
    assert "A person whose job is to keep children safe will read what you wrote." in page
    assert "0800 1111" in page
    assert 'href="/get-help/"' in page
    assert "flag" not in page.lower()
    receipt = Response.objects.get().receipt
    assert f"{receipt[:4]} {receipt[4:]}" in page


def test_an_ordinary_answer_does_not_show_the_supportive_words(consultation, client):
    page = _page(send(client, consultation, _payload(consultation)))
    assert "A person whose job is to keep children safe will read what you wrote." not in page


def test_a_database_that_is_down_gives_a_page_that_sends_the_same_answers_again(
    consultation, client, monkeypatch
):
    def unavailable(**kwargs):
        raise OperationalError("the database is not there")

    monkeypatch.setattr(sending, "answers_send", unavailable)
    payload = _payload(consultation)
    response = send(client, consultation, payload)
    assert response.status_code == 503
    assert f'value="{payload}"' in _page(response)

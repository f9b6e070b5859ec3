"""When the database is down as a child sends their answers, they get a page to try again that
still holds every answer."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client

from childrights.participation.journey import finding
from childrights.participation.submission import Draft


def _fail(*args, **kwargs):
    raise OperationalError("the database is not there")


@pytest.fixture
def child(db):
    client = Client(raise_request_exception=False)
    session = client.session
    session["participation:1"] = {"age_band": "8-11"}
    session.save()
    return client


def test_a_send_that_cannot_reach_the_database_keeps_the_answers(child, monkeypatch):
    payload = Draft(age_band="8-11", answers={"1": {"text": "More swings please"}}).sign()
    monkeypatch.setattr(SessionStore, "load", _fail)
    monkeypatch.setattr(SessionStore, "save", _fail)
    response = child.post("/have-your-say/abc123/send/", {"payload": payload})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert f'value="{payload}"' in page
    assert 'action="/have-your-say/abc123/send/"' in page
    assert "Try again" in page


def test_the_retry_page_is_in_welsh_for_a_welsh_child(child, monkeypatch):
    child.cookies["language"] = "cy"
    monkeypatch.setattr(SessionStore, "load", _fail)
    monkeypatch.setattr(SessionStore, "save", _fail)
    response = child.post("/have-your-say/abc123/send/", {"payload": "x"})
    assert response.status_code == 503
    assert 'lang="cy"' in response.content.decode()


def test_other_pages_that_fail_on_the_database_are_ordinary_errors(child, monkeypatch):
    monkeypatch.setattr(SessionStore, "load", _fail)
    response = child.post("/have-your-say/abc123/", {"payload": "x"})
    assert response.status_code == 500


def test_a_stored_childs_receipt_page_shows_without_the_database(db, monkeypatch):
    from childrights.participation.journey.receipts import receipt_remember
    from childrights.participation.submission import Receipt

    kept = HttpResponse()
    receipt_remember(
        kept, link_key="abc123", receipt=Receipt("ABCDEFGH", flagged=True, created=True)
    )
    child = Client(raise_request_exception=False)
    child.cookies.load({"participation_receipt": kept.cookies["participation_receipt"].value})
    session = child.session
    session["participation:1"] = {"age_band": "8-11"}
    session.save()
    monkeypatch.setattr(SessionStore, "load", _fail)
    monkeypatch.setattr(SessionStore, "save", _fail)
    monkeypatch.setattr(finding, "consultation_by_link", _fail)
    response = child.get("/have-your-say/abc123/sent/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "ABCD EFGH" in page
    assert "0800 1111" in page


def test_without_a_receipt_the_receipt_page_fails_on_the_database_as_any_page(child, monkeypatch):
    monkeypatch.setattr(SessionStore, "load", _fail)
    monkeypatch.setattr(SessionStore, "save", _fail)
    response = child.get("/have-your-say/abc123/sent/")
    assert response.status_code == 500

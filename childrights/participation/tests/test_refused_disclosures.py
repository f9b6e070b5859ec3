"""No refusal loses a disclosure: whatever stops a child's answers being stored, their written
words are still screened, a possible disclosure reaches the safeguarding queue with its priority,
the lead and deputy are told, and the child's page says a person will read it."""

import datetime
from typing import Any

import pytest
from django.core import mail

from childrights.core.ratelimit import Limit
from childrights.participation.journey import finding, sending
from childrights.participation.models import Concern, Consultation, Response
from childrights.participation.submission import Draft
from childrights.participation.tests.test_journey_support import send
from childrights.testing.participation import (
    answers_for,
    make_access_code,
    make_response,
)

DISCLOSURE = "my step dad hits me when mum is out"


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Send, and run what waits for the answers' transaction to commit (the alerts)."""

    def _send(client: Any, consultation: Consultation, payload: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return send(client, consultation, payload)

    return _send


def _payload(consultation: Consultation, text: str = DISCLOSURE, **fields: Any) -> str:
    fields.setdefault("age_band", "12-15")
    fields.setdefault("answers", answers_for(consultation, text=text))
    return Draft(**fields).sign()


def _page(response: Any) -> str:
    return str(response.content.decode())


def _held(response: Any, consultation: Consultation, refused: str) -> Concern:
    """The refusal page offers help; the concern is queued with the words; both leads told."""
    page = _page(response)
    assert "A person whose job is to keep children safe will read what you wrote." in page
    assert "0800 1111" in page
    concern = Concern.objects.get()
    assert concern.response is None
    assert concern.refused == refused
    assert concern.consultation == consultation
    assert (concern.held or {})["written"][0]["text"] == DISCLOSURE
    assert concern.age_band == "12-15"
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted(
        [consultation.safeguarding_lead.email, consultation.safeguarding_deputy.email]
    )
    assert all(DISCLOSURE not in message.body for message in mail.outbox)
    assert not Response.objects.exists()
    return concern


def test_a_group_code_that_is_full_still_passes_a_disclosure_to_the_lead(
    consultation, client, send_now
):
    code = make_access_code(consultation=consultation, responses_limit=1)
    payload = _payload(consultation, access_code_id=code.pk)
    make_response(consultation=consultation, access_code=code)  # the last place, taken meanwhile
    response = send_now(client, consultation, payload)
    assert response.status_code == 429
    page = _page(response)
    assert "A person whose job is to keep children safe will read what you wrote." in page
    concern = Concern.objects.get()
    assert concern.refused == Concern.Refused.FULL
    assert concern.group_name == code.group_name
    assert len(mail.outbox) == 2


def test_too_many_sends_at_once_still_pass_a_disclosure_to_the_lead(
    consultation, client, monkeypatch, send_now
):
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link", 0, datetime.timedelta(minutes=1))
    )
    response = send_now(client, consultation, _payload(consultation))
    assert response.status_code == 429
    _held(response, consultation, Concern.Refused.BUSY)


def test_a_survey_that_closed_while_the_child_answered_still_passes_on_a_disclosure(
    consultation, client, monkeypatch, send_now
):
    payload = _payload(consultation)
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    monkeypatch.setattr(finding, "SEND_READ_SECONDS", 0)
    response = send_now(client, consultation, payload)
    assert response.status_code == 410
    _held(response, consultation, Concern.Refused.CLOSED)


def test_a_stopped_group_code_still_passes_on_a_disclosure(consultation, client, send_now):
    code = make_access_code(consultation=consultation)
    payload = _payload(consultation, access_code_id=code.pk)
    code.revoked_at = datetime.datetime.now(tz=datetime.UTC)
    code.save()
    response = send_now(client, consultation, payload)
    assert response.status_code == 409
    _held(response, consultation, Concern.Refused.CODE_STOPPED)


def test_answers_that_do_not_fit_the_survey_still_pass_on_a_disclosure(
    consultation, client, send_now
):
    answers = answers_for(consultation, text=DISCLOSURE)
    answers["999999"] = {"choices": [1]}
    response = send_now(client, consultation, _payload(consultation, answers=answers))
    assert response.status_code == 400
    _held(response, consultation, Concern.Refused.INVALID)


def test_different_answers_sent_again_under_one_id_still_pass_on_a_disclosure(
    consultation, client, send_now
):
    first = Draft(age_band="12-15", answers=answers_for(consultation, text="More swings"))
    send_now(client, consultation, first.sign())
    mail.outbox.clear()
    again = Draft(
        submission_id=first.submission_id,
        age_band="12-15",
        answers=answers_for(consultation, text=DISCLOSURE),
    )
    response = send_now(client, consultation, again.sign())
    assert response.status_code == 409
    concern = Concern.objects.get()
    assert concern.refused == Concern.Refused.CONFLICT
    assert (concern.held or {})["written"][0]["text"] == DISCLOSURE
    assert len(mail.outbox) == 2


def test_the_same_refused_answers_sent_again_make_one_concern_and_one_alert(
    consultation, client, monkeypatch, send_now
):
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link", 0, datetime.timedelta(minutes=1))
    )
    payload = _payload(consultation)
    for _ in range(3):
        send_now(client, consultation, payload)
    assert Concern.objects.count() == 1
    assert len(mail.outbox) == 2


def test_answers_refused_then_accepted_keep_one_concern_pointing_at_the_response(
    consultation, client, monkeypatch, send_now
):
    busy = Limit("participation:link", 0, datetime.timedelta(minutes=1))
    monkeypatch.setattr(sending, "LINK_LIMIT", busy)
    payload = _payload(consultation)
    send_now(client, consultation, payload)
    monkeypatch.setattr(
        sending, "LINK_LIMIT", Limit("participation:link-2", 600, datetime.timedelta(minutes=1))
    )
    response = send_now(client, consultation, payload)
    assert "Your answers have been sent" in _page(response)
    concern = Concern.objects.get()
    assert concern.response == Response.objects.get()
    assert concern.refused == ""
    assert concern.held is None
    assert len(mail.outbox) == 2


def test_refused_answers_without_a_disclosure_leave_nothing_behind(consultation, client, send_now):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    finding._to_send.clear()
    response = send_now(client, consultation, _payload(consultation, text="More swings please"))
    assert response.status_code == 410
    assert "A person whose job" not in _page(response)
    assert not Concern.objects.exists()
    assert mail.outbox == []


def test_the_lead_reads_refused_answers_under_the_question_they_answered(
    consultation, client, signed_in, send_now
):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    finding._to_send.clear()
    send_now(client, consultation, _payload(consultation))
    concern = Concern.objects.get()
    page = _page(signed_in(consultation.safeguarding_lead).get(f"/concerns/{concern.pk}/"))
    assert "These answers were not accepted" in page
    assert "hits me" in page
    assert consultation.questions.get(kind="text").text_en in page
    queue = _page(
        signed_in(consultation.safeguarding_lead).get(
            f"/councils/{consultation.council_id}/safeguarding/"
        )
    )
    assert "Answers not accepted" in queue

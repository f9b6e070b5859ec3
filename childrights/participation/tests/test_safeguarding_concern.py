"""One concern: the child's words with the matched phrases marked, every view audited, the first
review recorded once, and decisions recorded with a reason and a time."""

import datetime
import json

import pytest
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.participation.models import Concern, Decision
from childrights.participation.submission import withdraw
from childrights.testing.dates import datetime_parts
from childrights.testing.participation import (
    make_response,
    make_safeguarding_lead,
)

WORDS = "The swings are fine but my stepdad hits me and I am scared to go home"


@pytest.fixture
def concern(consultation):
    make_response(consultation=consultation, text=WORDS)
    return Concern.objects.get()


@pytest.fixture
def lead(consultation):
    return consultation.safeguarding_lead


def _url(concern):
    return f"/concerns/{concern.pk}/"


def _decide(client, concern, *, when=None, **changes):
    data = {
        "outcome": "social_care",
        "reason": "Spoke to the school's designated lead; referred the same day.",
        **datetime_parts("decided_at", timezone.localtime()),
    }
    if when is not None:
        data.update(datetime_parts("decided_at", when))
    data.update(changes)
    return client.post(_url(concern), data)


def test_the_lead_sees_the_words_with_the_matched_phrases_marked(concern, lead, signed_in):
    page = signed_in(lead).get(_url(concern)).content.decode()
    assert "<mark>hits me" in page
    assert "<mark>scared to go home" in page
    assert "The swings are fine but my stepdad " in page


def test_the_lead_sees_the_closed_answers_for_context(concern, lead, signed_in):
    page = signed_in(lead).get(_url(concern)).content.decode()
    assert "Which park do you go to most?" in page
    assert "Riverside" in page


@pytest.mark.parametrize(
    "who",
    ["council lead", "council staff", "safeguarding lead of another council", "programme team"],
)
def test_nobody_else_can_open_a_concern_or_decide(world, concern, signed_in, who):
    person = {
        "council lead": world.owner,
        "council staff": world.member,
        "safeguarding lead of another council": make_safeguarding_lead(world.council_b),
        "programme team": world.programme,
    }[who]
    client = signed_in(person)
    assert client.get(_url(concern)).status_code == 404
    assert _decide(client, concern).status_code == 404
    assert not Decision.objects.exists()
    concern.refresh_from_db()
    assert concern.first_reviewed_at is None


def test_every_view_is_audited(concern, lead, signed_in):
    client = signed_in(lead)
    client.get(_url(concern))
    client.get(_url(concern))
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(concern.pk))
    assert views.count() == 2
    assert {event.actor_email for event in views} == {lead.email}
    assert {event.council_id for event in views} == {concern.council_id}


def test_opening_a_concern_is_recorded_but_is_not_a_review(consultation, concern, signed_in):
    lead, deputy = consultation.safeguarding_lead, consultation.safeguarding_deputy
    signed_in(lead).get(_url(concern))
    concern.refresh_from_db()
    opened = concern.first_opened_at
    assert opened is not None
    assert concern.first_reviewed_at is None
    signed_in(deputy).get(_url(concern))
    concern.refresh_from_db()
    assert concern.first_opened_at == opened


def test_the_lead_says_when_they_have_reviewed_it_and_the_first_time_is_kept(
    consultation, concern, signed_in
):
    lead, deputy = consultation.safeguarding_lead, consultation.safeguarding_deputy
    answer = signed_in(lead).post(_url(concern), {"action": "reviewed"})
    assert answer.status_code == 302
    concern.refresh_from_db()
    first = concern.first_reviewed_at
    assert first is not None
    assert concern.first_reviewed_by == lead
    signed_in(deputy).post(_url(concern), {"action": "reviewed"})
    concern.refresh_from_db()
    assert (concern.first_reviewed_at, concern.first_reviewed_by) == (first, lead)
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE, object_id=str(concern.pk)
        ).count()
        == 1
    )


def test_a_decision_is_recorded_and_audited_without_the_childs_words(concern, lead, signed_in):
    response = _decide(signed_in(lead), concern)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.outcome == "social_care"
    assert decision.decided_by == lead
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE)
    assert event.detail["outcome"] == "social_care"
    assert event.council_id == concern.council_id
    for logged in AuditEvent.objects.all():
        written = json.dumps(logged.detail) + logged.object_repr
        assert "hits me" not in written
        assert "stepdad" not in written


def test_a_decision_needs_a_reason(concern, lead, signed_in):
    response = _decide(signed_in(lead), concern, reason="   ")
    assert response.status_code == 200
    assert "Enter the reason for the decision" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_decision_needs_a_known_outcome(concern, lead, signed_in):
    response = _decide(signed_in(lead), concern, outcome="wait and see")
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_a_decision_cannot_be_in_the_future(concern, lead, signed_in):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    response = _decide(signed_in(lead), concern, when=tomorrow)
    assert "cannot be in the future" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_decision_cannot_be_before_the_concern_arrived(concern, lead, signed_in):
    before = timezone.localtime(concern.created_at) - datetime.timedelta(days=1)
    response = _decide(signed_in(lead), concern, when=before)
    assert "before the concern arrived" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_decision_time_is_typed_as_a_time_and_a_missing_one_is_named(concern, lead, signed_in):
    Concern.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    page = _decide(signed_in(lead), concern, when=yesterday, decided_at_time="").content.decode()
    assert "The date of the decision must include a time" in page
    _decide(signed_in(lead), concern, when=yesterday, decided_at_time="2:05pm")
    decided = timezone.localtime(Decision.objects.get().decided_at)
    assert (decided.date(), decided.hour, decided.minute) == (yesterday.date(), 14, 5)


def test_a_decision_keeps_the_time_it_was_made(concern, lead, signed_in):
    Concern.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    when = timezone.localtime() - datetime.timedelta(minutes=30)
    _decide(signed_in(lead), concern, when=when)
    assert Decision.objects.get().decided_at == when.replace(second=0, microsecond=0)


def test_a_later_decision_is_kept_beside_the_earlier_one(concern, lead, signed_in):
    client = signed_in(lead)
    _decide(client, concern, outcome="nfa", reason="Nothing further at first.")
    _decide(client, concern, outcome="hub", reason="The school raised more worries.")
    assert list(Decision.objects.values_list("outcome", flat=True)) == ["nfa", "hub"]
    page = client.get(_url(concern)).content.decode()
    assert "No further action" in page
    assert "Referral to the multi-agency safeguarding hub" in page


def test_the_lead_sees_when_the_child_withdrew_the_response(concern, lead, signed_in):
    withdraw(receipt=concern.response.receipt)
    page = signed_in(lead).get(_url(concern)).content.decode()
    assert "The child withdrew this response on" in page
    assert "<mark>hits me" in page

"""What a designated safeguarding lead does with a concern from an anonymous survey: decisions
that fit (the child cannot be identified, passed to the group that holds the code), who looks
after it, follow-ups by a date, and withdrawn answers marked in the queue."""

import pytest
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.participation.models import Concern, Decision, FollowUp
from childrights.participation.submission import withdraw
from childrights.testing.dates import datetime_parts
from childrights.testing.factories import make_user
from childrights.testing.participation import make_response

WORDS = "my stepdad hits me and I am scared to go home"


@pytest.fixture
def concern(consultation):
    make_response(consultation=consultation, text=WORDS)
    return Concern.objects.get()


def _url(concern: Concern) -> str:
    return f"/concerns/{concern.pk}/"


@pytest.mark.parametrize(
    "outcome", ["cannot_identify", "group", "early_help", "second_opinion", "social_care"]
)
def test_a_lead_records_the_decisions_anonymous_disclosures_need(
    concern, consultation, signed_in, outcome
):
    answer = signed_in(consultation.safeguarding_lead).post(
        _url(concern),
        {
            "action": "decision",
            "outcome": outcome,
            "reason": "No way to identify the child; the school's lead has been told.",
            **datetime_parts("decided_at", timezone.localtime()),
        },
    )
    assert answer.status_code == 302
    assert Decision.objects.get().outcome == outcome


def test_a_concern_is_given_to_a_named_lead(concern, consultation, signed_in):
    deputy = consultation.safeguarding_deputy
    answer = signed_in(consultation.safeguarding_lead).post(
        _url(concern), {"action": "assign", "lead": str(deputy.pk)}
    )
    assert answer.status_code == 302
    concern.refresh_from_db()
    assert concern.assigned_to == deputy
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, detail__assigned_to=deputy.pk
    ).exists()
    queue = signed_in(deputy).get(f"/councils/{concern.council_id}/safeguarding/")
    assert f"Looked after by {deputy}" in queue.content.decode()


def test_only_a_safeguarding_lead_can_be_given_a_concern(concern, consultation, signed_in, world):
    answer = signed_in(consultation.safeguarding_lead).post(
        _url(concern), {"action": "assign", "lead": str(world.member.pk)}
    )
    assert answer.status_code == 200
    concern.refresh_from_db()
    assert concern.assigned_to is None


def test_a_follow_up_needs_to_say_what_needs_doing(concern, consultation, signed_in):
    lead = signed_in(consultation.safeguarding_lead)
    page = lead.post(
        _url(concern),
        {"action": "follow_up", "due_on_day": "3", "due_on_month": "2", "due_on_year": "2027"},
    ).content.decode()
    assert "Enter what needs doing" in page
    assert not FollowUp.objects.exists()


def test_a_follow_up_with_its_date_is_kept_and_done_once(concern, consultation, signed_in):
    lead = signed_in(consultation.safeguarding_lead)
    posted = lead.post(
        _url(concern),
        {
            "action": "follow_up",
            "what": "Ask the school's lead to speak to Year 9",
            "due_on_day": "3",
            "due_on_month": "2",
            "due_on_year": "2027",
        },
    )
    assert posted.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.due_on.isoformat() == "2027-02-03"
    assert follow_up.created_by == consultation.safeguarding_lead
    page = lead.get(_url(concern)).content.decode()
    assert "Ask the school&#x27;s lead to speak to Year 9" in page
    assert "Due by 3 February 2027" in page
    lead.post(_url(concern), {"action": "follow_up_done", "follow_up": str(follow_up.pk)})
    follow_up.refresh_from_db()
    done_at = follow_up.done_at
    assert done_at is not None
    lead.post(_url(concern), {"action": "follow_up_done", "follow_up": str(follow_up.pk)})
    follow_up.refresh_from_db()
    assert follow_up.done_at == done_at


def test_a_follow_up_date_that_is_not_real_is_explained(concern, consultation, signed_in):
    lead = signed_in(consultation.safeguarding_lead)
    page = lead.post(
        _url(concern),
        {"action": "follow_up", "due_on_day": "31", "due_on_month": "2", "due_on_year": "2027"},
    ).content.decode()
    assert "The date it is due must be a real date, like 27 3 2027" in page


def test_a_withdrawn_response_is_marked_in_the_queue(concern, consultation, signed_in):
    withdraw(receipt=concern.response.receipt)
    page = signed_in(consultation.safeguarding_lead).get(
        f"/councils/{concern.council_id}/safeguarding/"
    )
    assert "Withdrawn by the child" in page.content.decode()


def test_other_staff_cannot_reach_the_lead_tools(concern, signed_in, world):
    staff = make_user(role="council-lead", council=world.council_a, email="lead2@a.example")
    answer = signed_in(staff).post(_url(concern), {"action": "reviewed"})
    assert answer.status_code == 404
    concern.refresh_from_db()
    assert concern.first_reviewed_at is None

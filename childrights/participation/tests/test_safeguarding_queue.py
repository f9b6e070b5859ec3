"""The safeguarding queue: a possible disclosure lands there at once, and only the council's
safeguarding leads can see it."""

import datetime

import pytest
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.participation import safeguarding
from childrights.participation.models import Concern, Decision
from childrights.testing.factories import make_membership
from childrights.testing.participation import (
    make_consultation,
    make_response,
    make_safeguarding_lead,
)


def _queue(council):
    return f"/councils/{council.pk}/safeguarding/"


def _concern_link(concern):
    return f'href="/concerns/{concern.pk}/"'


def test_a_disclosure_phrase_lands_in_the_queue_and_the_safeguarding_lead_sees_it(
    world, consultation, signed_in
):
    make_response(consultation=consultation, text="My stepdad hits me and I am scared to go home")
    concern = Concern.objects.get(council=world.council_a)
    response = signed_in(consultation.safeguarding_lead).get(_queue(world.council_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert _concern_link(concern) in page
    assert "Our parks" in page
    assert "Urgent" in page
    assert "Abuse" in page
    assert "8 to 11" in page


@pytest.mark.parametrize(
    "who",
    ["council lead", "council staff", "safeguarding lead of another council", "programme team"],
)
def test_nobody_else_can_see_the_queue(world, consultation, signed_in, who):
    make_response(consultation=consultation, text="My stepdad hits me")
    person = {
        "council lead": world.owner,
        "council staff": world.member,
        "safeguarding lead of another council": make_safeguarding_lead(world.council_b),
        "programme team": world.programme,
    }[who]
    assert signed_in(person).get(_queue(world.council_a)).status_code == 404


def test_the_programme_team_sees_the_queue_when_it_holds_the_role_in_that_council(
    world, consultation, signed_in
):
    make_membership(user=world.programme, role="safeguarding-lead", council=world.council_a)
    assert signed_in(world.programme).get(_queue(world.council_a)).status_code == 200


def test_a_refusal_is_audited(world, consultation, signed_in):
    signed_in(world.owner).get(_queue(world.council_a))
    refusal = AuditEvent.objects.get(action=AuditEvent.Action.ACCESS_DENIED)
    assert refusal.actor_email == world.owner.email
    assert refusal.council_id == world.council_a.pk


def test_viewing_the_queue_is_audited(world, consultation, signed_in):
    lead = consultation.safeguarding_lead
    signed_in(lead).get(_queue(world.council_a))
    viewed = AuditEvent.objects.get(action=AuditEvent.Action.VIEW)
    assert viewed.actor_email == lead.email
    assert viewed.council_id == world.council_a.pk


def test_a_lead_sees_only_their_own_councils_concerns(world, consultation, signed_in):
    other = make_consultation(council=world.council_b, title_en="Bramley youth clubs")
    make_response(consultation=other, text="I want to kill myself")
    page = signed_in(consultation.safeguarding_lead).get(_queue(world.council_a)).content
    assert b"Bramley youth clubs" not in page
    assert b"Nothing is waiting for a decision." in page


def _concern(consultation, text, *, hours_ago):
    make_response(consultation=consultation, text=text)
    concern = Concern.objects.latest("pk")
    Concern.objects.filter(pk=concern.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours_ago)
    )
    concern.refresh_from_db()
    return concern


def test_undecided_concerns_come_first_most_urgent_then_oldest(world, consultation, signed_in):
    medium = _concern(consultation, "My mum drinks too much", hours_ago=50)
    urgent_new = _concern(consultation, "I want to kill myself", hours_ago=1)
    urgent_old = _concern(consultation, "My dad hits me", hours_ago=5)
    high = _concern(consultation, "I want to run away", hours_ago=30)
    decided = _concern(consultation, "I am scared to go home", hours_ago=70)
    Decision.objects.create(
        concern=decided, outcome="nfa", reason="Spoke to school", decided_by=world.owner
    )
    page = signed_in(consultation.safeguarding_lead).get(_queue(world.council_a)).content.decode()
    places = [
        page.index(_concern_link(concern))
        for concern in (urgent_old, urgent_new, high, medium, decided)
    ]
    assert places == sorted(places)


def test_the_queue_shows_how_long_each_concern_has_waited(world, consultation, signed_in):
    _concern(consultation, "My dad hits me", hours_ago=3)
    _concern(consultation, "I want to run away", hours_ago=53)
    page = signed_in(consultation.safeguarding_lead).get(_queue(world.council_a)).content.decode()
    assert "3 hours" in page
    assert "2 days" in page


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (datetime.timedelta(minutes=40), "40 minutes"),
        (datetime.timedelta(minutes=61), "1 hour"),
        (datetime.timedelta(hours=47, minutes=59), "47 hours"),
        (datetime.timedelta(days=2, hours=5), "2 days"),
        (datetime.timedelta(days=15), "15 days"),
    ],
)
def test_time_waiting_reads_at_a_glance(delta, words):
    assert safeguarding.waited(delta) == words


def test_the_queue_shows_the_latest_decision(world, consultation, signed_in):
    concern = _concern(consultation, "My dad hits me", hours_ago=10)
    lead = consultation.safeguarding_lead
    earlier = timezone.now() - datetime.timedelta(hours=5)
    Decision.objects.create(
        concern=concern, outcome="nfa", reason="First look", decided_by=lead, decided_at=earlier
    )
    Decision.objects.create(
        concern=concern, outcome="police", reason="More came to light", decided_by=lead
    )
    page = signed_in(lead).get(_queue(world.council_a)).content.decode()
    decided = page[page.index("Latest decision") :]
    assert "Referral to the police" in decided
    assert "No further action" not in decided


def test_views_can_be_found_in_the_audit_log(world, consultation, signed_in):
    signed_in(consultation.safeguarding_lead).get(_queue(world.council_a))
    page = signed_in(world.programme).get("/audit/", {"action": "view"})
    assert page.status_code == 200
    assert consultation.safeguarding_lead.email in page.content.decode()
    assert "Viewed" in page.content.decode()


def test_only_safeguarding_leads_get_a_link_to_the_queue_on_their_dashboard(world, signed_in):
    lead = make_safeguarding_lead(world.council_a)
    queue = f"/councils/{world.council_a.pk}/safeguarding/"
    assert queue in signed_in(lead).get("/councils/").content.decode()
    assert queue not in signed_in(world.owner).get("/councils/").content.decode()

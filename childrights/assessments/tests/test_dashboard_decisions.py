"""The council records its decisions, each linked to an impact assessment of its own or none."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from childrights.assessments import dashboard
from childrights.assessments.models import DecisionRecord
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.dates import date_parts


def test_a_decision_is_recorded_with_its_assessment_and_audited(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    decision = dashboard.decision_create(
        actor=actor_for(world.member),
        council=world.council_a,
        title="Open one youth hub",
        decided_on=datetime.date(2026, 10, 1),
        kind="service_change",
        assessment=assessment,
    )
    assert decision.assessment == assessment
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(decision.pk))
    assert event.council_id == world.council_a.pk


def test_an_assessment_of_another_council_cannot_be_linked(world):
    elsewhere = make_assessment(council=world.council_b)
    with pytest.raises(ValidationError):
        dashboard.decision_create(
            actor=actor_for(world.member),
            council=world.council_a,
            title="Open one youth hub",
            decided_on=datetime.date(2026, 10, 1),
            kind="service_change",
            assessment=elsewhere,
        )
    assert not DecisionRecord.objects.exists()


def test_recording_a_decision_from_the_page(world, signed_in):
    assessment = make_assessment(council=world.council_a, author=world.member)
    client = signed_in(world.member)
    response = client.post(
        f"/councils/{world.council_a.pk}/decisions/",
        {
            "title": "Open one youth hub",
            **date_parts("decided_on", "2026-10-01"),
            "kind": "service_change",
            "assessment": assessment.pk,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Open one youth hub" in page
    assert assessment.reference in page


def test_the_page_offers_only_this_councils_assessments(world, signed_in):
    elsewhere = make_assessment(council=world.council_b, title="Bramley bus passes")
    client = signed_in(world.member)
    page = client.get(f"/councils/{world.council_a.pk}/decisions/").content.decode()
    assert "Bramley bus passes" not in page
    refused = client.post(
        f"/councils/{world.council_a.pk}/decisions/",
        {
            "title": "Open one youth hub",
            **date_parts("decided_on", "2026-10-01"),
            "kind": "service_change",
            "assessment": elsewhere.pk,
        },
    )
    assert refused.status_code == 200
    assert "govuk-error-summary" in refused.content.decode()
    assert not DecisionRecord.objects.exists()


def test_a_decision_needs_a_title_a_real_date_and_a_type(world, signed_in):
    page = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/decisions/",
        {"decided_on_day": "31", "decided_on_month": "6", "decided_on_year": "2026"},
    )
    text = page.content.decode()
    assert "Enter the decision" in text
    assert "The date of the decision must be a real date, like 27 3 2027" in text
    assert "Choose the type of decision" in text


def test_changing_a_decision_links_it_to_an_assessment_and_is_audited(world, signed_in):
    decision = DecisionRecord.objects.create(
        council=world.council_a, title="Close a library", decided_on="2026-10-01", kind="budget"
    )
    assessment = make_assessment(council=world.council_a, author=world.member)
    response = signed_in(world.member).post(
        f"/decisions/{decision.pk}/",
        {
            "title": "Close a library",
            **date_parts("decided_on", "2026-10-01"),
            "kind": "budget",
            "assessment": assessment.pk,
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.assessment == assessment
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(decision.pk))
    assert "assessment" in event.detail["changed"]

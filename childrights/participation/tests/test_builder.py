"""Building a consultation: its details, the council's list, the overview, and who may do what."""

import datetime

import pytest
from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.builder import rules as builder_rules
from childrights.participation.models import Consultation
from childrights.participation.submission import withdraw
from childrights.testing.actors import actor_for
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_partnership, make_pilot, make_user
from childrights.testing.participation import (
    make_access_code,
    make_consultation,
    make_response,
    make_safeguarding_lead,
)

TODAY = timezone.localdate()


@pytest.fixture
def leads(world):
    return (
        make_safeguarding_lead(world.council_a, full_name="Sam Lead"),
        make_safeguarding_lead(world.council_a, full_name="Dee Deputy"),
    )


def _details(leads, **changes):
    lead, deputy = leads
    data = {
        "title_en": "Our parks",
        "title_cy": "Ein parciau",
        "purpose_en": "Tell us what you think of the parks near you.",
        "purpose_cy": "Dywed wrthym beth rwyt ti'n ei feddwl o'r parciau.",
        "pilot": "",
        "about_en": "The parks strategy",
        "about_cy": "",
        "age_bands": ["12-15", "8-11"],
        "languages": "both",
        **date_parts("opens_on", TODAY.isoformat()),
        **date_parts("closes_on", (TODAY + datetime.timedelta(days=30)).isoformat()),
        "identified": "no",
        "identified_reason": "",
        "safeguarding_lead": lead.pk,
        "safeguarding_deputy": deputy.pk,
        "about_you": ["care", "gender"],
        "responses_limit": "",
    }
    data.update(changes)
    return data


def _new_url(world):
    return f"/councils/{world.council_a.pk}/consultations/new/"


def test_a_council_lead_creates_a_draft_consultation(world, signed_in, leads):
    client = signed_in(world.owner)
    response = client.post(_new_url(world), _details(leads))
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/consultations/{consultation.pk}/"
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.council == world.council_a
    assert consultation.created_by == world.owner
    assert consultation.age_bands == ["8-11", "12-15"]
    assert consultation.about_you == ["gender", "care"]
    assert not consultation.identified
    assert (consultation.safeguarding_lead, consultation.safeguarding_deputy) == leads
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="participation.Consultation"
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title_en": "", "title_cy": ""}, "Enter a title in English or Welsh"),
        ({"purpose_en": " ", "purpose_cy": ""}, "Enter what it is for in English or Welsh"),
        ({"age_bands": []}, "Choose at least one age band"),
        ({"languages": ""}, "Choose the languages children can answer in"),
        (
            {"opens_on_day": "31", "opens_on_month": "2", "opens_on_year": "2026"},
            "The opening date must be a real date, like 27 3 2027",
        ),
        (
            {"closes_on_day": "23", "closes_on_month": "", "closes_on_year": "2026"},
            "The closing date must include a month",
        ),
        (
            {**date_parts("closes_on", (TODAY - datetime.timedelta(days=1)).isoformat())},
            "The closing date must be the same as or after the opening date",
        ),
        ({"identified": "yes"}, "Enter why children need to give their name"),
        ({"responses_limit": "0"}, "The most responses must be 1 or more"),
        ({"about_you": ["shoe-size"]}, "Choose “about you” questions from the list"),
    ],
)
def test_bad_details_are_explained_and_nothing_is_saved(world, signed_in, leads, changes, message):
    response = signed_in(world.owner).post(_new_url(world), _details(leads, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page
    assert not Consultation.objects.exists()


def test_the_lead_and_deputy_must_be_different_people(world, signed_in, leads):
    lead, _ = leads
    response = signed_in(world.owner).post(
        _new_url(world), _details(leads, safeguarding_deputy=lead.pk)
    )
    assert "The deputy must be a different person from the lead" in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_reason_is_kept_when_children_give_their_name(world, signed_in, leads):
    signed_in(world.owner).post(
        _new_url(world),
        _details(leads, identified="yes", identified_reason="To invite them to the panel"),
    )
    consultation = Consultation.objects.get()
    assert consultation.identified
    assert consultation.identified_reason == "To invite them to the panel"


def test_a_draft_can_be_saved_before_the_safeguarding_leads_are_chosen(world, signed_in, leads):
    signed_in(world.owner).post(
        _new_url(world), _details(leads, safeguarding_lead="", safeguarding_deputy="")
    )
    assert Consultation.objects.get().safeguarding_lead is None


def test_only_the_councils_own_pilots_can_be_chosen(world, signed_in, leads):
    ours = make_pilot(partnership=make_partnership(council=world.council_a))
    theirs = make_pilot(partnership=make_partnership(council=world.council_b))
    client = signed_in(world.owner)
    page = client.get(_new_url(world)).content.decode()
    pilots = page.split('name="pilot"', 1)[1].split("</select>", 1)[0]
    assert f'value="{ours.pk}"' in pilots
    assert f'value="{theirs.pk}"' not in pilots
    refused = client.post(_new_url(world), _details(leads, pilot=theirs.pk)).content.decode()
    assert "Choose a pilot from the list" in refused
    client.post(_new_url(world), _details(leads, pilot=ours.pk))
    assert Consultation.objects.get().pilot == ours


def test_safeguarding_leads_are_chosen_from_active_members_with_the_safeguarding_role(
    world, signed_in, leads
):
    gone = make_safeguarding_lead(world.council_a, is_active=False)
    elsewhere = make_safeguarding_lead(world.council_b)
    client = signed_in(world.owner)
    page = client.get(_new_url(world)).content.decode()
    people = page.split('name="safeguarding_lead"', 1)[1].split("</select>", 1)[0]
    assert leads[0].email in people
    assert leads[1].email in people
    for person in (world.member, world.owner, gone, elsewhere):
        assert person.email not in people
    refused = client.post(
        _new_url(world), _details(leads, safeguarding_lead=world.member.pk)
    ).content.decode()
    assert "Choose a safeguarding lead from the list" in refused
    assert not Consultation.objects.exists()


def test_the_list_shows_each_consultation_with_its_responses_not_withdrawn(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    make_response(consultation=consultation)
    make_response(consultation=consultation)
    withdraw(receipt=make_response(consultation=consultation).code)
    make_consultation(council=world.council_b, title_en="Not ours")
    response = signed_in(world.member).get(f"/councils/{world.council_a.pk}/consultations/")
    rows = response.context["rows"]
    assert [row.consultation for row in rows] == [consultation]
    assert rows[0].responses == 2
    assert rows[0].state.label == "Open"
    assert "Not ours" not in response.content.decode()


def test_the_list_shows_closed_once_the_closing_date_has_passed(world, signed_in):
    make_consultation(
        council=world.council_a,
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    response = signed_in(world.member).get(f"/councils/{world.council_a.pk}/consultations/")
    assert response.context["rows"][0].state.label == "Closed"
    assert "Closed" in response.content.decode()


def test_the_overview_shows_the_public_link_questions_codes_and_pages(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    make_access_code(consultation=consultation, group_name="Year 6")
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/").content.decode()
    assert f"http://testserver/have-your-say/{consultation.link_key}/" in page
    assert "Which park do you go to most?" in page
    assert "Faces rating scale" in page
    for name in ("preview", "results", "moderation", "feedback"):
        assert f'/consultations/{consultation.pk}/{name}/"' in page
    assert f"/consultations/{consultation.pk}/codes/" in page
    assert "1 working code" in page


def test_only_people_with_the_safeguarding_role_see_the_link_to_concerns(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    concerns = f"/councils/{world.council_a.pk}/safeguarding/"
    assert (
        concerns
        not in signed_in(world.member).get(f"/consultations/{consultation.pk}/").content.decode()
    )
    lead = consultation.safeguarding_lead
    assert concerns in signed_in(lead).get(f"/consultations/{consultation.pk}/").content.decode()


def test_the_overview_of_a_draft_says_what_is_missing_before_it_can_open(world, signed_in):
    consultation = make_consultation(
        council=world.council_a,
        status=Consultation.Status.DRAFT,
        questions=False,
        safeguarding_deputy=None,
    )
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/").content.decode()
    assert "Before it can open" in page
    assert "Choose a deputy safeguarding lead" in page
    assert "Add at least one question" in page


def test_an_open_consultation_warns_when_its_safeguarding_lead_has_left(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    consultation.safeguarding_lead.memberships.all().delete()
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/").content.decode()
    assert "Possible disclosures of harm need someone to go to" in page
    assert "choose another safeguarding lead" in page


def test_changes_to_the_details_are_saved_and_audited_with_before_and_after(
    world, signed_in, leads
):
    consultation = make_consultation(
        council=world.council_a, status=Consultation.Status.DRAFT, title_en="Old title"
    )
    response = signed_in(world.member).post(
        f"/consultations/{consultation.pk}/edit/", _details(leads, title_en="New title")
    )
    assert response["Location"] == f"/consultations/{consultation.pk}/"
    consultation.refresh_from_db()
    assert consultation.title_en == "New title"
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.UPDATE, object_type="participation.Consultation"
    )
    assert event.detail["changed"]["title_en"] == ["Old title", "New title"]


def test_once_open_the_title_dates_and_leads_change_but_not_what_children_are_asked(
    world, signed_in, leads
):
    consultation = make_consultation(council=world.council_a)
    closes = TODAY + datetime.timedelta(days=60)
    signed_in(world.member).post(
        f"/consultations/{consultation.pk}/edit/",
        _details(
            leads,
            title_en="Parks and play",
            **date_parts("closes_on", closes),
            age_bands=["4-7"],
            languages="en",
            about_you=[],
            identified="yes",
            identified_reason="To say thank you",
        ),
    )
    consultation.refresh_from_db()
    assert consultation.title_en == "Parks and play"
    assert consultation.closes_on == closes
    assert consultation.safeguarding_lead == leads[0]
    assert consultation.age_bands == ["8-11", "12-15"]
    assert consultation.languages == Consultation.Languages.BOTH
    assert consultation.about_you == ["gender", "care"]
    assert not consultation.identified


def test_the_edit_page_of_an_open_consultation_leaves_out_what_children_are_asked(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/edit/").content.decode()
    assert 'name="title_en"' in page
    assert 'name="closes_on_day"' in page
    for frozen in ("age_bands", "languages", "about_you", "identified"):
        assert f'name="{frozen}"' not in page


def test_the_service_refuses_to_change_the_age_bands_of_an_open_consultation(world):
    consultation = make_consultation(council=world.council_a)
    actor = actor_for(world.member)
    with pytest.raises(builder_rules.NotADraft):
        builder_consultations.consultation_update(
            actor=actor, consultation=consultation, values={"age_bands": ["4-7"]}
        )
    consultation.refresh_from_db()
    assert consultation.age_bands == ["8-11", "12-15"]


def test_the_dashboard_links_to_each_councils_consultations(world, signed_in):
    page = signed_in(world.member).get("/councils/").content.decode()
    assert f"/councils/{world.council_a.pk}/consultations/" in page


def test_people_without_the_edit_capability_see_but_cannot_create(world, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    page = client.get(f"/councils/{world.council_a.pk}/consultations/").content.decode()
    assert "Create a consultation" not in page
    assert client.get(_new_url(world)).status_code == 403

"""Opening a consultation to children: only when everything that keeps them safe is in place."""

import datetime

import pytest
from django.utils import timezone

from childrights.accounts.models import Membership
from childrights.core.models import AuditEvent
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.builder import reads as builder_reads
from childrights.participation.models import Choice, Consultation, Question, Wording
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation, make_safeguarding_lead

TODAY = timezone.localdate()


@pytest.fixture
def draft(world):
    return make_consultation(council=world.council_a, status=Consultation.Status.DRAFT)


def _problems(consultation):
    consultation.refresh_from_db()
    return builder_reads.opening_problems(consultation)


def test_a_complete_draft_has_nothing_stopping_it(draft):
    assert _problems(draft) == []


def test_it_cannot_open_without_a_lead_and_a_deputy(world, signed_in, draft):
    Consultation.objects.filter(pk=draft.pk).update(
        safeguarding_lead=None, safeguarding_deputy=None
    )
    response = signed_in(world.member).post(f"/consultations/{draft.pk}/open/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a designated safeguarding lead" in page
    assert "Choose a deputy safeguarding lead" in page
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.DRAFT
    assert draft.opened_at is None


def test_it_cannot_open_with_a_lead_but_no_deputy(draft):
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_deputy=None)
    assert _problems(draft) == ["Choose a deputy safeguarding lead"]


def test_the_lead_must_hold_the_safeguarding_role_in_this_council(world, draft):
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_lead=world.member)
    assert _problems(draft) == [
        f"{world.member} is not an active member of this council with the safeguarding role: "
        "choose another safeguarding lead"
    ]


def test_the_deputy_must_hold_the_safeguarding_role_in_this_council_not_another(world, draft):
    elsewhere = make_safeguarding_lead(world.council_b)
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_deputy=elsewhere)
    assert _problems(draft) == [
        f"{elsewhere} is not an active member of this council with the safeguarding role: "
        "choose another deputy"
    ]


def test_a_lead_whose_role_was_removed_stops_it_opening(draft):
    Membership.objects.filter(user=draft.safeguarding_lead).delete()
    assert len(_problems(draft)) == 1


def test_a_deactivated_deputy_stops_it_opening(draft):
    deputy = draft.safeguarding_deputy
    deputy.is_active = False
    deputy.save()
    assert "choose another deputy" in _problems(draft)[0]


def test_the_lead_and_deputy_must_be_different_people(draft):
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_deputy=draft.safeguarding_lead)
    assert _problems(draft) == ["The safeguarding lead and deputy must be different people"]


def test_a_councillor_cannot_be_the_safeguarding_lead(world, draft):
    councillor = make_user(role="elected-member", council=world.council_a)
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_lead=councillor)
    assert len(_problems(draft)) == 1


def test_it_needs_at_least_one_question(world):
    empty = make_consultation(
        council=world.council_a, status=Consultation.Status.DRAFT, questions=False
    )
    assert _problems(empty) == ["Add at least one question"]


def test_every_question_with_answers_to_choose_needs_at_least_two(draft):
    single = draft.questions.get(kind=Question.Kind.SINGLE)
    Choice.objects.filter(question=single).exclude(pk=single.choices.first().pk).delete()
    assert _problems(draft) == ["Question 1 needs at least 2 answers"]


def test_the_closing_date_must_be_today_or_later(draft):
    Consultation.objects.filter(pk=draft.pk).update(
        opens_on=TODAY - datetime.timedelta(days=10), closes_on=TODAY - datetime.timedelta(days=1)
    )
    assert _problems(draft) == [
        "The closing date has passed: choose a closing date of today or later"
    ]
    Consultation.objects.filter(pk=draft.pk).update(closes_on=TODAY)
    assert _problems(draft) == []


def test_welsh_is_needed_for_everything_children_read_when_welsh_is_offered(draft):
    Consultation.objects.filter(pk=draft.pk).update(purpose_cy="")
    faces = draft.questions.get(kind=Question.Kind.FACES)
    Question.objects.filter(pk=faces.pk).update(text_cy="", hint_en="Pick a face")
    Choice.objects.filter(question__kind=Question.Kind.RANKING, position=2).update(label_cy="")
    Wording.objects.create(question=faces, audience="8-11", text_en="How is your park?")
    assert _problems(draft) == [
        "Add what it is for in Welsh",
        "Add question 2 in Welsh",
        "Add the hint for question 2 in Welsh",
        "Add the wording of question 2 for 8 to 11 in Welsh",
        "Add the answers to question 5 in Welsh",
    ]


def test_welsh_is_not_needed_when_only_english_is_offered(draft):
    Consultation.objects.filter(pk=draft.pk).update(
        languages=Consultation.Languages.ENGLISH, title_cy="", purpose_cy=""
    )
    Question.objects.filter(consultation=draft).update(text_cy="")
    assert _problems(draft) == []


def test_english_is_needed_when_english_is_offered(draft):
    Consultation.objects.filter(pk=draft.pk).update(title_en="")
    assert _problems(draft) == ["Add the title in English"]
    Consultation.objects.filter(pk=draft.pk).update(languages=Consultation.Languages.WELSH)
    assert _problems(draft) == []


def test_a_reason_is_needed_when_children_give_their_name(draft):
    Consultation.objects.filter(pk=draft.pk).update(identified=True, identified_reason=" ")
    assert _problems(draft) == ["Give the reason children need to give their name"]


def test_the_open_page_lists_what_is_missing(world, signed_in, draft):
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_deputy=None)
    page = signed_in(world.member).get(f"/consultations/{draft.pk}/open/").content.decode()
    assert "It cannot open yet" in page
    assert "Choose a deputy safeguarding lead" in page


def test_a_ready_consultation_opens_and_the_opening_is_audited(world, signed_in, draft):
    client = signed_in(world.member)
    page = client.get(f"/consultations/{draft.pk}/open/").content.decode()
    assert "Open the consultation?" in page
    response = client.post(f"/consultations/{draft.pk}/open/")
    assert response["Location"] == f"/consultations/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.OPEN
    assert draft.opened_at is not None
    event = AuditEvent.objects.get(object_type="participation.Consultation")
    assert event.detail == {"status": ["draft", "open"]}
    assert event.actor == world.member


def test_the_open_service_returns_the_problems_and_changes_nothing(world, draft):
    Consultation.objects.filter(pk=draft.pk).update(safeguarding_lead=None)
    actor = actor_for(world.member)
    problems = builder_consultations.consultation_open(actor=actor, consultation=draft)
    assert problems == ["Choose a designated safeguarding lead"]
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.DRAFT
    assert not AuditEvent.objects.exists()


def test_closing_sets_the_status_and_the_time_and_is_audited(world, signed_in):
    consultation = make_consultation(council=world.council_a)
    client = signed_in(world.member)
    assert (
        "Close the consultation?"
        in client.get(f"/consultations/{consultation.pk}/close/").content.decode()
    )
    client.post(f"/consultations/{consultation.pk}/close/")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CLOSED
    assert consultation.closed_at is not None
    assert not consultation.is_accepting()
    assert AuditEvent.objects.get(object_type="participation.Consultation").detail == {
        "status": ["open", "closed"]
    }


def test_a_draft_cannot_be_closed(world, signed_in, draft):
    response = signed_in(world.member).post(f"/consultations/{draft.pk}/close/", follow=True)
    assert "Only an open consultation can be closed." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.DRAFT


def test_each_thing_to_put_right_links_to_the_field_where_it_is_put_right(draft, world, signed_in):
    Consultation.objects.filter(pk=draft.pk).update(purpose_cy="")
    faces = draft.questions.get(kind=Question.Kind.FACES)
    Wording.objects.create(question=faces, audience="8-11", text_en="How is your park?")
    page = signed_in(world.member).get(f"/consultations/{draft.pk}/").content.decode()
    edit = f"/consultations/{draft.pk}/edit/#id_purpose_cy"
    assert f'<a class="govuk-link" href="{edit}">Add what it is for in Welsh</a>' in page
    wording = f"/questions/{faces.pk}/#id_8-11-text_cy"
    assert (
        f'<a class="govuk-link" href="{wording}">Add the wording of question 2 for 8 to 11 in '
        "Welsh</a>"
    ) in page

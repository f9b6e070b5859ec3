"""Sign-off is by an accountable officer of the council who had no hand in the version: not the
author, not the maker of the version, nobody who changed its answers."""

import pytest

from childrights.assessments.models import Assessment, Change, Transition
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_membership, make_user


@pytest.fixture
def officer(world):
    return make_user(role="accountable-officer", council=world.council_a, full_name="Ola Officer")


@pytest.fixture
def submitted(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    return assessment


def test_a_second_user_with_the_accountable_officer_role_signs_it_off(world, officer, submitted):
    version = workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=submitted)
    submitted.refresh_from_db()
    assert submitted.state == Assessment.State.SIGNED_OFF
    assert version.signed_off_by == officer
    assert version.signed_off_at is not None
    assert version.is_locked
    move = Transition.objects.filter(assessment=submitted).last()
    assert (move.from_state, move.to_state, move.by) == ("awaiting_sign_off", "signed_off", officer)
    assert AuditEvent.objects.filter(detail__step="sign_off", actor_email=officer.email).exists()


def test_sign_off_relates_the_articles_and_principles_with_an_impact(officer, submitted):
    version = workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=submitted)
    assert sorted(version.articles.values_list("number", flat=True)) == [2, 31]
    assert list(version.principles.values_list("slug", flat=True)) == ["participation"]


def test_an_author_cannot_sign_off_their_own_assessment_even_as_an_accountable_officer(world):
    author = make_user(role="accountable-officer", council=world.council_a)
    assessment = make_assessment(council=world.council_a, author=author)
    workflow_writes.assessment_submit(actor=actor_for(author), assessment=assessment)
    with pytest.raises(workflow_rules.NotAllowedToSignOff) as refused:
        workflow_writes.assessment_sign_off(actor=actor_for(author), assessment=assessment)
    assert "your own assessment" in refused.value.problems[0]
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.AWAITING_SIGN_OFF
    assert assessment.versions.get().signed_off_at is None
    denied = AuditEvent.objects.get(action=AuditEvent.Action.ACCESS_DENIED)
    assert denied.actor_email == author.email
    assert denied.detail["step"] == "sign_off"


def test_someone_who_changed_the_version_cannot_sign_it_off(world, officer):
    assessment = make_assessment(council=world.council_a, author=world.member)
    Change.objects.create(
        version=assessment.versions.get(),
        question_key="proposal",
        before="Close two clubs",
        after="Close two youth clubs and open one larger hub",
        changed_by=officer,
    )
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    with pytest.raises(workflow_rules.NotAllowedToSignOff) as refused:
        workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)
    assert "You changed answers in this version" in refused.value.problems[0]


def test_the_maker_of_an_amended_version_cannot_sign_it_off(world, officer, submitted):
    other = make_user(role="accountable-officer", council=world.council_a)
    workflow_writes.assessment_sign_off(actor=actor_for(other), assessment=submitted)
    workflow_writes.assessment_amend(
        actor=actor_for(officer), assessment=submitted, reason="New attendance figures"
    )
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=submitted)
    with pytest.raises(workflow_rules.NotAllowedToSignOff) as refused:
        workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=submitted)
    assert "You made this version" in refused.value.problems[0]
    assert (
        workflow_writes.assessment_sign_off(actor=actor_for(other), assessment=submitted).number
        == 2
    )


@pytest.mark.parametrize("who", ["staff", "owner", "programme", "outsider"])
def test_people_without_the_sign_off_role_in_the_council_cannot_sign_off(world, submitted, who):
    person = (
        make_user(role="council-staff", council=world.council_a)
        if who == "staff"
        else getattr(world, who)
    )
    with pytest.raises(workflow_rules.NotAllowedToSignOff) as refused:
        workflow_writes.assessment_sign_off(actor=actor_for(person), assessment=submitted)
    assert "Only an accountable officer" in refused.value.problems[0]
    assert Assessment.objects.get(pk=submitted.pk).state == Assessment.State.AWAITING_SIGN_OFF


@pytest.mark.parametrize("who", ["staff", "owner", "programme"])
def test_the_sign_off_page_refuses_people_without_the_role(world, submitted, signed_in, who):
    person = (
        make_user(role="council-staff", council=world.council_a)
        if who == "staff"
        else getattr(world, who)
    )
    page = signed_in(person).get(f"/impact-assessments/{submitted.pk}/sign-off/")
    assert page.status_code == 403
    assert "Only an accountable officer of Aberfield City Council" in page.content.decode()


def test_an_accountable_officer_of_another_council_cannot_sign_off(world, submitted):
    elsewhere = make_user(role="accountable-officer", council=world.council_b)
    make_membership(user=elsewhere, role="council-staff", council=world.council_a)
    with pytest.raises(workflow_rules.NotAllowedToSignOff):
        workflow_writes.assessment_sign_off(actor=actor_for(elsewhere), assessment=submitted)


def test_a_draft_cannot_be_signed_off(world, officer):
    assessment = make_assessment(council=world.council_a, author=world.member)
    with pytest.raises(workflow_rules.Refused) as refused:
        workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)
    assert "Draft" in refused.value.problems[0]
    assert assessment.versions.get().signed_off_at is None


def test_the_sign_off_page_shows_what_is_signed_and_who_wrote_it(
    world, officer, submitted, signed_in
):
    page = signed_in(officer).get(f"/impact-assessments/{submitted.pk}/sign-off/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "You are not its author" in text
    assert str(world.member) in text
    assert "Close two youth clubs and open one larger hub" in text
    assert "A free accessible minibus from each closed club" in text


def test_the_author_opening_the_sign_off_page_is_refused_and_it_is_audited(
    world, submitted, signed_in
):
    client = signed_in(world.member)
    for method in ("get", "post"):
        page = getattr(client, method)(f"/impact-assessments/{submitted.pk}/sign-off/")
        assert page.status_code == 403
        assert "You cannot sign off your own assessment" in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_DENIED).count() == 2
    assert Assessment.objects.get(pk=submitted.pk).state == Assessment.State.AWAITING_SIGN_OFF


def test_signing_off_from_the_page(officer, submitted, signed_in):
    response = signed_in(officer).post(f"/impact-assessments/{submitted.pk}/sign-off/")
    assert response.status_code == 302
    assert Assessment.objects.get(pk=submitted.pk).state == Assessment.State.SIGNED_OFF


def test_an_officer_sends_it_back_to_draft_saying_what_must_change(world, officer, submitted):
    workflow_writes.assessment_return_to_draft(
        actor=actor_for(officer), assessment=submitted, note="Add the bus timetable as evidence"
    )
    submitted.refresh_from_db()
    assert submitted.state == Assessment.State.DRAFT
    assert submitted.versions.get().submitted_at is None
    move = Transition.objects.filter(assessment=submitted).last()
    assert (move.to_state, move.note, move.by) == (
        "draft",
        "Add the bus timetable as evidence",
        officer,
    )
    assert AuditEvent.objects.filter(detail__step="return_to_draft").exists()


def test_sending_back_needs_a_note_and_the_sign_off_role(world, officer, submitted, signed_in):
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_return_to_draft(
            actor=actor_for(officer), assessment=submitted, note=" "
        )
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_return_to_draft(
            actor=actor_for(world.member), assessment=submitted, note="Please change"
        )
    empty = signed_in(officer).post(f"/impact-assessments/{submitted.pk}/return/", {"note": ""})
    assert "Say what needs to change before it can be signed off" in empty.content.decode()
    assert Assessment.objects.get(pk=submitted.pk).state == Assessment.State.AWAITING_SIGN_OFF


def test_council_staff_cannot_open_the_send_back_page(world, submitted, signed_in):
    response = signed_in(world.member).get(f"/impact-assessments/{submitted.pk}/return/")
    assert response.status_code == 403

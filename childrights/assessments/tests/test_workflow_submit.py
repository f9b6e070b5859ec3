"""An assessment goes to sign-off only when it is complete and every negative impact has a
mitigation; the refusal lists what is missing."""

import copy

import pytest

from childrights.assessments.models import Assessment, Transition
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core.models import AuditEvent
from childrights.framework.models import Article
from childrights.testing.actors import actor_for
from childrights.testing.assessments import COMPLETE_FULL, COMPLETE_SCREENING, make_assessment
from childrights.testing.factories import make_user


def _unmitigated_answers():
    full = copy.deepcopy(COMPLETE_FULL)
    full["articles"]["2"]["mitigation"] = ""
    return (
        COMPLETE_SCREENING
        | {"full_needed": {"answer": "yes", "reasons": "It changes a service"}}
        | full
    )


def test_an_assessment_with_an_unmitigated_negative_impact_cannot_be_submitted(world):
    assessment = make_assessment(
        council=world.council_a, author=world.member, answers=_unmitigated_answers()
    )
    with pytest.raises(workflow_rules.Refused) as refused:
        workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    assert any("mitigation" in problem and "2" in problem for problem in refused.value.problems)
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.DRAFT
    assert assessment.versions.get().submitted_at is None
    assert not Transition.objects.exists()


def test_an_incomplete_screening_cannot_be_submitted(world):
    answers = COMPLETE_SCREENING | {"full_needed": {"answer": "no", "reasons": "Small change"}}
    del answers["decision_owner"]
    assessment = make_assessment(council=world.council_a, author=world.member, answers=answers)
    with pytest.raises(workflow_rules.Refused) as refused:
        workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    assert refused.value.problems == ["Answer “Who owns the decision”"]


def test_a_complete_draft_is_sent_for_sign_off_recorded_and_audited(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.AWAITING_SIGN_OFF
    assert assessment.versions.get().submitted_at is not None
    move = Transition.objects.get(assessment=assessment)
    assert (move.from_state, move.to_state, move.by, move.version_number) == (
        "draft",
        "awaiting_sign_off",
        world.member,
        1,
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(assessment.pk))
    assert event.detail["step"] == "submit"
    assert event.actor_email == world.member.email
    assert event.council_id == world.council_a.pk


def test_only_a_draft_can_be_submitted(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    assert Transition.objects.count() == 1


def test_the_submit_page_lists_the_problems_and_offers_no_button(world, signed_in):
    assessment = make_assessment(
        council=world.council_a, author=world.member, answers=_unmitigated_answers()
    )
    page = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/submit/")
    assert page.status_code == 200
    text = page.content.decode()
    article = Article.objects.get(number=2)
    field = f"/impact-assessments/{assessment.pk}/stages/full/#id_articles__2__mitigation"
    assert (
        f'<a class="govuk-link" href="{field}">Add a mitigation for the negative impact on '
        f"article 2 ({article.title_en})</a>"
    ) in text
    assert "govuk-error-summary" in text
    assert "<button" not in text.split("<main", 1)[1]


def test_posting_a_refused_submission_shows_the_problems_and_changes_nothing(world, signed_in):
    assessment = make_assessment(
        council=world.council_a, author=world.member, answers=_unmitigated_answers()
    )
    page = signed_in(world.member).post(f"/impact-assessments/{assessment.pk}/submit/")
    assert page.status_code == 200
    assert "negative impact on article 2 (" in page.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


def test_submitting_from_the_page_names_the_officer_and_goes_to_the_history(world, signed_in):
    officer = make_user(
        role="accountable-officer", council=world.council_a, full_name="Ola Officer"
    )
    assessment = make_assessment(council=world.council_a, author=world.member)
    url = f"/impact-assessments/{assessment.pk}/submit/"
    client = signed_in(world.member)
    page = client.get(url).content.decode()
    assert "Ola Officer" in page
    assert "Confirm and send for sign-off" in page
    response = client.post(url, {"officer": officer.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/impact-assessments/{assessment.pk}/history/"
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.AWAITING_SIGN_OFF
    assert assessment.sign_off_officer == officer


def test_sending_for_sign_off_asks_which_officer_and_offers_only_those_who_did_not_write_it(
    world, signed_in
):
    author = make_user(role="accountable-officer", council=world.council_a, full_name="Ann Author")
    make_user(role="accountable-officer", council=world.council_a, full_name="Ola Officer")
    elsewhere = make_user(
        role="accountable-officer", council=world.council_b, full_name="Bea Bramley"
    )
    assessment = make_assessment(council=world.council_a, author=author)
    url = f"/impact-assessments/{assessment.pk}/submit/"
    client = signed_in(author)
    page = client.get(url).content.decode()
    form = page.split("<main", 1)[1]
    assert "Ola Officer" in form
    assert "Ann Author (" not in form
    assert "Bea Bramley" not in form
    refused = client.post(url).content.decode()
    assert 'href="#id_officer"' in refused
    assert "Choose the accountable officer to sign it off" in refused
    client.post(url, {"officer": elsewhere.pk})
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


def test_the_service_refuses_an_officer_who_wrote_it(world):
    author = make_user(role="accountable-officer", council=world.council_a)
    assessment = make_assessment(council=world.council_a, author=author)
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_submit(
            actor=actor_for(author), assessment=assessment, officer=author
        )
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


def test_a_read_only_member_cannot_submit(world, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    assessment = make_assessment(council=world.council_a, author=world.member)
    response = signed_in(councillor).post(f"/impact-assessments/{assessment.pk}/submit/")
    assert response.status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT

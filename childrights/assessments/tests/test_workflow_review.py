"""Stage 3: once published, the assessment is reviewed against what actually happened, and
closed when every review question is answered."""

import pytest

from childrights.assessments.models import Assessment, Review, Transition
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user

REVIEW = {
    "actual_impact": "Attendance rose by a fifth; disabled young people use the minibus",
    "unintended": "Older young people stopped coming on Fridays",
    "learnt": "Ask young people about evening transport earlier",
}


@pytest.fixture
def published(world):
    officer = make_user(role="accountable-officer", council=world.council_a)
    assessment = make_assessment(council=world.council_a, author=world.member)
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)
    workflow_writes.assessment_publish(
        actor=actor_for(officer), assessment=assessment, summary_en="One hub.", summary_cy=""
    )
    return assessment


def test_the_review_starts_from_a_published_assessment(world, published):
    review = workflow_writes.review_start(actor=actor_for(world.member), assessment=published)
    published.refresh_from_db()
    assert published.state == Assessment.State.IN_REVIEW
    assert review.answers == {}
    assert Transition.objects.filter(assessment=published).last().to_state == "in_review"


def test_a_draft_cannot_be_reviewed(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.review_start(actor=actor_for(world.member), assessment=assessment)
    assert not Review.objects.exists()


def test_review_answers_are_saved_for_the_review_questions_only(world, published):
    workflow_writes.review_start(actor=actor_for(world.member), assessment=published)
    review = workflow_writes.review_save(
        actor=actor_for(world.member),
        assessment=published,
        values={"actual_impact": REVIEW["actual_impact"], "proposal": "Something else"},
    )
    assert review.answers == {"actual_impact": REVIEW["actual_impact"]}
    assert published.versions.get().answers["proposal"] != "Something else"
    assert AuditEvent.objects.filter(
        object_type="assessments.Review", detail__changed=["actual_impact"]
    ).exists()


def test_the_assessment_closes_only_when_every_review_answer_is_in(world, published):
    workflow_writes.review_start(actor=actor_for(world.member), assessment=published)
    workflow_writes.review_save(
        actor=actor_for(world.member),
        assessment=published,
        values={"actual_impact": REVIEW["actual_impact"]},
    )
    with pytest.raises(workflow_rules.Refused) as refused:
        workflow_writes.review_complete(actor=actor_for(world.member), assessment=published)
    assert refused.value.problems == ["Answer “Unintended effects”", "Answer “What was learnt”"]
    workflow_writes.review_save(actor=actor_for(world.member), assessment=published, values=REVIEW)
    review = workflow_writes.review_complete(actor=actor_for(world.member), assessment=published)
    published.refresh_from_db()
    assert published.state == Assessment.State.CLOSED
    assert review.completed_by == world.member
    assert review.completed_at is not None
    assert AuditEvent.objects.filter(detail__step="review_complete").exists()


def test_a_closed_assessment_cannot_be_amended(world, published):
    workflow_writes.review_start(actor=actor_for(world.member), assessment=published)
    workflow_writes.review_save(actor=actor_for(world.member), assessment=published, values=REVIEW)
    workflow_writes.review_complete(actor=actor_for(world.member), assessment=published)
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_amend(
            actor=actor_for(world.member), assessment=published, reason="Late news"
        )


def test_the_review_through_its_pages(world, published, signed_in):
    client = signed_in(world.member)
    url = f"/impact-assessments/{published.pk}/review/"
    start = client.get(url)
    assert "Start the review" in start.content.decode()
    assert client.post(url).status_code == 302
    form = client.get(url)
    assert "Actual impact against the impact anticipated" in form.content.decode()
    assert client.post(url, {"actual_impact": REVIEW["actual_impact"]}).status_code == 302
    refused = client.post(f"/impact-assessments/{published.pk}/close/")
    field = f"/impact-assessments/{published.pk}/review/#id_unintended"
    assert f'<a class="govuk-link" href="{field}">Answer “Unintended effects”</a>' in (
        refused.content.decode()
    )
    assert client.post(url, REVIEW).status_code == 302
    closing = client.get(f"/impact-assessments/{published.pk}/close/")
    assert REVIEW["learnt"] in closing.content.decode()
    assert client.post(f"/impact-assessments/{published.pk}/close/").status_code == 302
    assert Assessment.objects.get(pk=published.pk).state == Assessment.State.CLOSED


def test_a_read_only_member_cannot_review(world, published, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    response = signed_in(councillor).post(f"/impact-assessments/{published.pk}/review/")
    assert response.status_code == 403
    assert Assessment.objects.get(pk=published.pk).state == Assessment.State.PUBLISHED

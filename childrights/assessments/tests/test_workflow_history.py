"""The history of an assessment: versions, every move of state, every answer changed, and
comments, newest first; every step recorded and audited."""

import datetime

import pytest
from django.utils import timezone

from childrights.assessments import editor
from childrights.assessments.models import Comment, Transition
from childrights.assessments.workflow import history as workflow_history
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user

REVIEW = {"actual_impact": "As expected", "unintended": "None seen", "learnt": "Ask earlier"}


@pytest.fixture
def officer(world):
    return make_user(role="accountable-officer", council=world.council_a, full_name="Ola Officer")


@pytest.fixture
def assessment(world):
    return make_assessment(council=world.council_a, author=world.member)


def test_every_step_from_draft_to_closed_is_recorded_and_audited(world, officer, assessment):
    member, other = actor_for(world.member), actor_for(officer)
    workflow_writes.assessment_submit(actor=member, assessment=assessment)
    workflow_writes.assessment_return_to_draft(
        actor=other, assessment=assessment, note="Add figures"
    )
    workflow_writes.assessment_submit(actor=member, assessment=assessment)
    workflow_writes.assessment_sign_off(actor=other, assessment=assessment)
    workflow_writes.assessment_publish(
        actor=other, assessment=assessment, summary_en="Hub.", summary_cy=""
    )
    workflow_writes.assessment_amend(actor=member, assessment=assessment, reason="New figures")
    workflow_writes.assessment_submit(actor=member, assessment=assessment)
    workflow_writes.assessment_sign_off(
        actor=actor_for(make_user(role="accountable-officer", council=world.council_a)),
        assessment=assessment,
    )
    workflow_writes.assessment_publish(
        actor=other, assessment=assessment, summary_en="Hub.", summary_cy=""
    )
    workflow_writes.review_start(actor=member, assessment=assessment)
    workflow_writes.review_save(actor=member, assessment=assessment, values=REVIEW)
    workflow_writes.review_complete(actor=member, assessment=assessment)

    moves = list(
        Transition.objects.filter(assessment=assessment).values_list("from_state", "to_state")
    )
    assert moves == [
        ("draft", "awaiting_sign_off"),
        ("awaiting_sign_off", "draft"),
        ("draft", "awaiting_sign_off"),
        ("awaiting_sign_off", "signed_off"),
        ("signed_off", "published"),
        ("published", "draft"),
        ("draft", "awaiting_sign_off"),
        ("awaiting_sign_off", "signed_off"),
        ("signed_off", "published"),
        ("published", "in_review"),
        ("in_review", "closed"),
    ]
    steps = list(
        AuditEvent.objects.filter(object_id=str(assessment.pk), detail__has_key="step")
        .order_by("pk")
        .values_list("detail__step", flat=True)
    )
    assert steps == [
        "submit",
        "return_to_draft",
        "submit",
        "sign_off",
        "publish",
        "amend",
        "submit",
        "sign_off",
        "publish",
        "review_start",
        "review_complete",
    ]


def test_a_comment_is_kept_against_the_current_version_and_audited(world, assessment):
    comment = workflow_writes.comment_add(
        actor=actor_for(world.member), assessment=assessment, text="  Check the bus times  "
    )
    assert (comment.text, comment.version_number, comment.author) == (
        "Check the bus times",
        1,
        world.member,
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="assessments.Comment"
    ).exists()


def test_an_empty_comment_is_refused(world, assessment, signed_in):
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.comment_add(actor=actor_for(world.member), assessment=assessment, text=" ")
    page = signed_in(world.member).post(
        f"/impact-assessments/{assessment.pk}/comments/", {"text": ""}
    )
    assert page.status_code == 200
    assert "Enter your comment" in page.content.decode()
    assert not Comment.objects.exists()


def test_commenting_from_the_history_page(world, assessment, signed_in):
    client = signed_in(world.member)
    response = client.post(
        f"/impact-assessments/{assessment.pk}/comments/", {"text": "Check the bus times"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Check the bus times" in page
    assert "Your comment has been added." in page


def test_a_read_only_member_reads_the_history_but_cannot_comment(world, assessment, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    page = client.get(f"/impact-assessments/{assessment.pk}/history/")
    assert page.status_code == 200
    assert "Add the comment" not in page.content.decode()
    refused = client.post(f"/impact-assessments/{assessment.pk}/comments/", {"text": "Hello"})
    assert refused.status_code == 403
    assert not Comment.objects.exists()


def test_the_history_shows_moves_changes_and_comments_newest_first(
    world, officer, assessment, signed_in
):
    editor.answers_save(
        version=assessment.versions.get(),
        stage="screening",
        answers={"decision_owner": "Head of Youth Services"},
        actor=actor_for(world.member),
    )
    workflow_writes.comment_add(
        actor=actor_for(world.member), assessment=assessment, text="Ready for a look"
    )
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    workflow_writes.assessment_return_to_draft(
        actor=actor_for(officer), assessment=assessment, note="Add the bus timetable"
    )
    page = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/history/")
    assert page.status_code == 200
    text = page.content.decode().split('id="timeline"', 1)[1]
    returned = text.index("From “Awaiting sign-off” to “Draft”")
    submitted = text.index("From “Draft” to “Awaiting sign-off”")
    commented = text.index("Ready for a look")
    changed = text.index("Answer changed: Who owns the decision")
    started = text.index("Version 1 started")
    assert returned < submitted < commented < changed < started
    assert "Add the bus timetable" in text
    assert "Ola Officer" in text
    assert "Director of Children&#x27;s Services" in text
    assert "Head of Youth Services" in text


def test_history_events_are_sorted_by_time_newest_first(world, assessment):
    workflow_writes.comment_add(actor=actor_for(world.member), assessment=assessment, text="First")
    later = workflow_writes.comment_add(
        actor=actor_for(world.member), assessment=assessment, text="Later"
    )
    later.created_at = timezone.now() + datetime.timedelta(minutes=5)
    later.save()
    events = workflow_history.history(assessment)
    assert [event.note for event in events if event.kind == "comment"] == ["Later", "First"]
    assert events[-1].kind == "version"


def test_a_version_page_shows_the_answers_and_who_signed_it(world, officer, assessment, signed_in):
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)
    page = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/versions/1/")
    text = page.content.decode()
    assert "Ola Officer" in text
    assert "Article 2: " in text
    assert "Negative, Indirect, Short term" in text
    assert "Mitigation: A free accessible minibus from each closed club" in text
    assert "1 September 2027" in text
    assert f"/impact-assessments/{assessment.pk}/versions/1/pdf/" in text

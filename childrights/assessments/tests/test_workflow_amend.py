"""A signed version never changes: writes to its answers are refused, and an amendment is a new
version with a reason, while the earlier versions stay readable as they were."""

import pytest

from childrights.assessments import editor
from childrights.assessments.models import Assessment, AssessmentVersion, Transition
from childrights.assessments.selectors import published_version
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user


@pytest.fixture
def officer(world):
    return make_user(role="accountable-officer", council=world.council_a)


@pytest.fixture
def assessment(world):
    return make_assessment(council=world.council_a, author=world.member)


def _sign(assessment, author, officer):
    workflow_writes.assessment_submit(actor=actor_for(author), assessment=assessment)
    return workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)


def _publish(assessment, officer, summary="We are opening one youth hub."):
    return workflow_writes.assessment_publish(
        actor=actor_for(officer), assessment=assessment, summary_en=summary, summary_cy=""
    )


def test_a_draft_version_is_editable_and_stops_being_so_when_submitted(world, assessment):
    version = assessment.versions.get()
    assert workflow_rules.version_is_editable(version)
    workflow_writes.assessment_submit(actor=actor_for(world.member), assessment=assessment)
    version.refresh_from_db()
    version.assessment.refresh_from_db()
    assert not workflow_rules.version_is_editable(version)


def test_a_signed_version_cannot_be_taken_for_editing(world, assessment, officer):
    version = _sign(assessment, world.member, officer)
    with pytest.raises(workflow_rules.VersionLocked):
        workflow_rules.version_for_edit(version_id=version.pk)


def test_the_editing_service_refuses_to_change_a_signed_version(world, assessment, officer):
    version = _sign(assessment, world.member, officer)
    before = dict(version.answers)
    with pytest.raises(editor.NotEditable):
        editor.answers_save(
            version=version,
            stage="screening",
            answers={"proposal": "Close every youth club"},
            actor=actor_for(world.member),
        )
    assert AssessmentVersion.objects.get(pk=version.pk).answers == before


def test_an_amendment_is_a_new_draft_version_copying_the_answers_with_its_reason(
    world, assessment, officer
):
    first = _sign(assessment, world.member, officer)
    _publish(assessment, officer)
    second = workflow_writes.assessment_amend(
        actor=actor_for(world.member), assessment=assessment, reason="New attendance figures"
    )
    assessment.refresh_from_db()
    first.refresh_from_db()
    assert assessment.state == Assessment.State.DRAFT
    assert second.number == 2
    assert second.answers == first.answers
    assert second.amendment_reason == "New attendance figures"
    assert second.summary_for_children_en == "We are opening one youth hub."
    assert second.created_by == world.member
    assert second.signed_off_at is None
    assert second.published_at is None
    assert workflow_rules.version_is_editable(second)
    assert not workflow_rules.version_is_editable(first)
    move = Transition.objects.filter(assessment=assessment).last()
    assert (move.from_state, move.to_state, move.note, move.version_number) == (
        "published",
        "draft",
        "New attendance figures",
        2,
    )
    assert AuditEvent.objects.filter(detail__step="amend").exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(second.pk)
    ).exists()


def test_the_published_version_stays_public_until_a_newer_one_is_published(
    world, assessment, officer
):
    first = _sign(assessment, world.member, officer)
    _publish(assessment, officer)
    workflow_writes.assessment_amend(
        actor=actor_for(world.member), assessment=assessment, reason="New figures"
    )
    assert published_version(assessment) == first
    _sign(assessment, world.member, make_user(role="accountable-officer", council=world.council_a))
    assert published_version(assessment) == first
    second = _publish(assessment, officer, summary="We changed the bus times.")
    assert published_version(assessment) == second


def test_the_earlier_version_stays_readable_and_unchanged(world, assessment, officer, signed_in):
    first = _sign(assessment, world.member, officer)
    workflow_writes.assessment_amend(
        actor=actor_for(world.member), assessment=assessment, reason="New figures"
    )
    second = assessment.versions.get(number=2)
    editor.answers_save(
        version=second,
        stage="screening",
        answers={"proposal": "Open two hubs instead"},
        actor=actor_for(world.member),
    )
    page = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/versions/1/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Close two youth clubs and open one larger hub" in text
    assert "Open two hubs instead" not in text
    assert "This is an earlier version" in text
    assert str(officer) in text
    assert AssessmentVersion.objects.get(pk=first.pk).answers["proposal"] == (
        "Close two youth clubs and open one larger hub"
    )
    newer = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/versions/2/")
    assert "Open two hubs instead" in newer.content.decode()
    assert "New figures" in newer.content.decode()


def test_an_amendment_needs_a_reason(world, assessment, officer, signed_in):
    _sign(assessment, world.member, officer)
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_amend(
            actor=actor_for(world.member), assessment=assessment, reason=""
        )
    page = signed_in(world.member).post(
        f"/impact-assessments/{assessment.pk}/amend/", {"reason": ""}
    )
    assert "Enter why the assessment is being amended" in page.content.decode()
    assert assessment.versions.count() == 1


def test_a_draft_cannot_be_amended(world, assessment):
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_amend(
            actor=actor_for(world.member), assessment=assessment, reason="Why not"
        )
    assert assessment.versions.count() == 1


def test_amending_from_the_page(world, assessment, officer, signed_in):
    _sign(assessment, world.member, officer)
    response = signed_in(world.member).post(
        f"/impact-assessments/{assessment.pk}/amend/", {"reason": "The bus route changed"}
    )
    assert response.status_code == 302
    assert assessment.versions.get(number=2).amendment_reason == "The bus route changed"


def test_an_unknown_version_number_is_not_found(world, assessment, signed_in):
    response = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/versions/7/")
    assert response.status_code == 404

"""Publication needs the sign-off and a summary for children, in Welsh too where the council
works in Welsh; a screening that finds no full assessment needed is published as well."""

import datetime

import pytest

from childrights.assessments.models import Assessment, Transition
from childrights.assessments.workflow import rules as workflow_rules
from childrights.assessments.workflow import writes as workflow_writes
from childrights.councils.models import Nation
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_user


def _signed(council, author=None, **kwargs):
    author = author or make_user(role="council-staff", council=council)
    officer = make_user(role="accountable-officer", council=council)
    assessment = make_assessment(council=council, author=author, **kwargs)
    workflow_writes.assessment_submit(actor=actor_for(author), assessment=assessment)
    workflow_writes.assessment_sign_off(actor=actor_for(officer), assessment=assessment)
    return assessment, officer


def test_publishing_keeps_the_summary_and_takes_the_review_date(world):
    assessment, officer = _signed(world.council_a)
    version = workflow_writes.assessment_publish(
        actor=actor_for(officer),
        assessment=assessment,
        summary_en="  We are opening one youth hub, with a free bus.  ",
        summary_cy="",
    )
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.PUBLISHED
    assert version.published_at is not None
    assert version.summary_for_children_en == "We are opening one youth hub, with a free bus."
    assert assessment.review_due_on == datetime.date(2027, 9, 1)
    move = Transition.objects.filter(assessment=assessment).last()
    assert (move.from_state, move.to_state, move.by) == ("signed_off", "published", officer)


def test_publishing_needs_the_summary_for_children(world):
    assessment, officer = _signed(world.council_a)
    with pytest.raises(workflow_rules.Refused) as refused:
        workflow_writes.assessment_publish(
            actor=actor_for(officer), assessment=assessment, summary_en=" ", summary_cy=""
        )
    assert refused.value.problems == ["Write the summary for children in English"]
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.SIGNED_OFF
    assert assessment.versions.get().published_at is None


def test_a_welsh_council_publishes_its_summary_in_welsh_too(db):
    council = make_council(nation=Nation.WALES, name="Cyngor Abertawe", short_name="Abertawe")
    assessment, officer = _signed(council)
    with pytest.raises(workflow_rules.Refused) as refused:
        workflow_writes.assessment_publish(
            actor=actor_for(officer),
            assessment=assessment,
            summary_en="We are opening one youth hub.",
            summary_cy="",
        )
    assert refused.value.problems == ["Write the summary for children in Welsh"]
    version = workflow_writes.assessment_publish(
        actor=actor_for(officer),
        assessment=assessment,
        summary_en="We are opening one youth hub.",
        summary_cy="Rydyn ni'n agor un hwb ieuenctid.",
    )
    assert version.summary_for_children_cy == "Rydyn ni'n agor un hwb ieuenctid."


def test_the_publish_page_asks_for_welsh_in_a_welsh_council(db, signed_in):
    council = make_council(nation=Nation.WALES)
    assessment, officer = _signed(council)
    client = signed_in(officer)
    page = client.post(
        f"/impact-assessments/{assessment.pk}/publish/",
        {"summary_en": "We are opening one youth hub.", "summary_cy": ""},
    )
    assert page.status_code == 200
    assert '<a href="#id_summary_cy">Write the summary for children in Welsh</a>' in (
        page.content.decode()
    )
    done = client.post(
        f"/impact-assessments/{assessment.pk}/publish/",
        {"summary_en": "We are opening one youth hub.", "summary_cy": "Un hwb ieuenctid."},
    )
    assert done.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.PUBLISHED


def test_an_english_council_may_leave_the_welsh_summary_empty(world, signed_in):
    assessment, officer = _signed(world.council_a)
    page = signed_in(officer).get(f"/impact-assessments/{assessment.pk}/publish/")
    assert "Summary for children (Welsh, optional)" in page.content.decode()


def test_only_a_signed_off_assessment_can_be_published(world, signed_in):
    assessment = make_assessment(council=world.council_a, author=world.member)
    with pytest.raises(workflow_rules.Refused):
        workflow_writes.assessment_publish(
            actor=actor_for(world.member),
            assessment=assessment,
            summary_en="We are opening one youth hub.",
            summary_cy="",
        )
    page = signed_in(world.member).get(f"/impact-assessments/{assessment.pk}/publish/")
    assert "This cannot be done while the assessment is “Draft”" in page.content.decode()
    assert assessment.versions.get().published_at is None


def test_a_screening_that_finds_no_full_assessment_needed_is_signed_off_and_published(world):
    assessment, officer = _signed(world.council_a, author=world.member, full_needed=False)
    version = workflow_writes.assessment_publish(
        actor=actor_for(officer),
        assessment=assessment,
        summary_en="This change does not affect children much, so we did not look further.",
        summary_cy="",
    )
    assessment.refresh_from_db()
    assert version.signed_off_by == officer
    assert assessment.state == Assessment.State.PUBLISHED
    assert assessment.review_due_on is None
    assert "articles" not in version.answers

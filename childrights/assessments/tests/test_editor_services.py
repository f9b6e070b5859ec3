"""Starting an assessment and saving its answers: references, templates, history, locks."""

import copy

import pytest
from django.urls import reverse
from django.utils import timezone

from childrights.assessments import templates_data
from childrights.assessments.answers import questions
from childrights.assessments.editor import (
    NotEditable,
    UnknownTemplate,
    answers_save,
    assessment_create,
    council_settings_save,
    template_for,
)
from childrights.assessments.models import Assessment, Change, Template
from childrights.assessments.selectors import current_version
from childrights.assessments.templates_data import templates_load
from childrights.core.models import AuditEvent
from childrights.councils.models import Nation
from childrights.framework.models import Theme
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council

NEGATIVE = {
    "impact": "negative",
    "directness": "direct",
    "term": "short",
    "explanation": "Fewer places",
    "mitigation": "A bus",
}


def start(world, council=None, title="Youth clubs: one new hub") -> Assessment:
    return assessment_create(
        council=council or world.council_a,
        title=title,
        kind=Assessment.Kind.SERVICE_CHANGE,
        themes=Theme.objects.filter(slug="commissioning"),
        actor=actor_for(world.member),
    )


def test_a_new_assessment_is_a_draft_with_an_empty_first_version(world):
    assessment = start(world)
    version = current_version(assessment)
    assert assessment.state == Assessment.State.DRAFT
    assert assessment.template == Template.objects.get(slug="default", is_current=True)
    assert [theme.slug for theme in assessment.themes.all()] == ["commissioning"]
    assert (version.number, version.answers, version.created_by) == (1, {}, world.member)
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(assessment.pk))
    assert event.council_id == world.council_a.pk


def test_references_count_up_each_year_within_each_council(world):
    year = timezone.localdate().year
    first, second = start(world), start(world)
    elsewhere = start(world, council=world.council_b)
    assert first.reference == f"CRIA-{year}-001"
    assert second.reference == f"CRIA-{year}-002"
    assert elsewhere.reference == f"CRIA-{year}-001"


@pytest.mark.parametrize(
    ("nation", "slug"),
    [
        (Nation.ENGLAND, "default"),
        (Nation.SCOTLAND, "scotland"),
        (Nation.WALES, "wales"),
        (Nation.NORTHERN_IRELAND, "northern-ireland"),
    ],
)
def test_a_council_starts_on_its_nations_template_until_it_chooses(world, nation, slug):
    council = make_council(nation=nation)
    assert start(world, council=council).template.slug == slug


def test_a_councils_choice_of_template_applies_to_new_assessments_only(world):
    before = start(world)
    council_settings_save(
        council=world.council_a,
        template_slug="generic",
        extra_groups=[],
        actor=actor_for(world.owner),
    )
    after = start(world)
    before.refresh_from_db()
    assert before.template.slug == "default"
    assert after.template.slug == "generic"
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="assessments.CouncilSettings"
    ).exists()


def test_a_template_that_does_not_exist_cannot_be_chosen(world):
    with pytest.raises(UnknownTemplate):
        council_settings_save(
            council=world.council_a,
            template_slug="nowhere",
            extra_groups=[],
            actor=actor_for(world.owner),
        )


def test_the_councils_groups_are_kept_once_each_without_blanks(world):
    chosen = council_settings_save(
        council=world.council_a,
        template_slug="default",
        extra_groups=["Young parents", " ", "young  parents", "Children of armed forces families"],
        actor=actor_for(world.owner),
    )
    assert chosen.extra_groups == ["Young parents", "Children of armed forces families"]


def test_a_new_template_version_never_changes_an_assessment_started_on_the_old_one(
    world, monkeypatch, signed_in
):
    old = start(world)
    files = templates_data.template_files()
    first = next(each for each in files if each["slug"] == "default")
    newer = copy.deepcopy(first) | {"version": first["version"] + 1}
    newer["stages"][0]["questions"][0]["label"]["en"] = "What is the plan?"
    newer["stages"][0]["questions"].insert(
        1,
        {
            "key": "budget_code",
            "kind": "text",
            "required": True,
            "label": {"en": "Budget code", "cy": "Cod cyllideb"},
        },
    )
    monkeypatch.setattr(templates_data, "template_files", lambda: [*files, newer])
    templates_load()

    new = start(world)
    old.refresh_from_db()
    assert new.template.version == first["version"] + 1
    assert old.template == Template.objects.get(slug="default", version=first["version"])
    old_keys = [question.key for question in questions(old.template, "screening")]
    assert "budget_code" not in old_keys
    assert next(questions(old.template, "screening")).label() == "Describe what is proposed"
    assert "budget_code" in [question.key for question in questions(new.template, "screening")]
    assert template_for(world.council_a).version == first["version"] + 1
    client = signed_in(world.member)
    old_page = client.get(reverse("assessments:stage", args=[old.pk, "screening"])).content
    new_page = client.get(reverse("assessments:stage", args=[new.pk, "screening"])).content
    assert b"Describe what is proposed" in old_page
    assert b"Budget code" not in old_page
    assert b"What is the plan?" in new_page
    assert b"Budget code" in new_page


def test_a_change_row_is_kept_for_each_answer_that_changed_and_no_other(world):
    assessment = start(world)
    version = current_version(assessment)
    answers_save(
        version=version,
        stage="screening",
        answers={"proposal": "One hub", "decision_owner": "", "children_indirect": ""},
        actor=actor_for(world.member),
    )
    assert [(c.question_key, c.before, c.after) for c in Change.objects.all()] == [
        ("proposal", None, "One hub")
    ]
    changed = answers_save(
        version=version,
        stage="screening",
        answers={"proposal": "One hub", "decision_owner": "Director"},
        actor=actor_for(world.owner),
    )
    assert changed == ["decision_owner"]
    latest = Change.objects.last()
    assert (latest.question_key, latest.before, latest.after) == (
        "decision_owner",
        None,
        "Director",
    )
    assert latest.changed_by == world.owner
    assert Change.objects.count() == 2


def test_saving_reads_only_the_stages_own_questions(world):
    assessment = start(world)
    version = current_version(assessment)
    answers_save(
        version=version,
        stage="screening",
        answers={"proposal": "One hub", "conclusion": "Sneaked in"},
        actor=actor_for(world.member),
    )
    version.refresh_from_db()
    assert version.answers == {"proposal": "One hub"}


def test_saving_is_audited_with_the_questions_that_changed(world):
    assessment = start(world)
    answers_save(
        version=current_version(assessment),
        stage="screening",
        answers={"proposal": "One hub"},
        actor=actor_for(world.member),
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(assessment.pk))
    assert event.detail == {"version": 1, "stage": "screening", "changed": ["proposal"]}
    assert event.actor_email == world.member.email


def test_the_versions_articles_and_principles_are_the_impacts_that_are_not_none(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    version = current_version(assessment)
    answers_save(
        version=version,
        stage="full",
        answers={
            "articles": {
                "2": NEGATIVE,
                "31": {**NEGATIVE, "impact": "positive"},
                "12": {**NEGATIVE, "impact": "none"},
            },
            "principles": {"participation": NEGATIVE, "dignity": {"impact": "none"}},
        },
        actor=actor_for(world.member),
    )
    assert sorted(version.articles.values_list("number", flat=True)) == [2, 31]
    assert list(version.principles.values_list("slug", flat=True)) == ["participation"]


def test_a_signed_off_version_refuses_new_answers(world):
    assessment = make_assessment(council=world.council_a, author=world.member)
    version = current_version(assessment)
    version.signed_off_at = timezone.now()
    version.save()
    with pytest.raises(NotEditable):
        answers_save(
            version=version,
            stage="screening",
            answers={"proposal": "Else"},
            actor=actor_for(world.member),
        )
    version.refresh_from_db()
    assert version.answers["proposal"] != "Else"
    assert not Change.objects.exists()


@pytest.mark.parametrize(
    "state",
    [Assessment.State.AWAITING_SIGN_OFF, Assessment.State.PUBLISHED, Assessment.State.CLOSED],
)
def test_an_assessment_that_has_left_draft_refuses_new_answers(world, state):
    assessment = make_assessment(council=world.council_a, author=world.member, state=state)
    with pytest.raises(NotEditable):
        answers_save(
            version=current_version(assessment),
            stage="screening",
            answers={"proposal": "Else"},
            actor=actor_for(world.member),
        )
    assert not Change.objects.exists()


def test_the_review_stage_is_not_answered_here(world):
    assessment = start(world)
    with pytest.raises(ValueError, match="not answered here"):
        answers_save(
            version=current_version(assessment),
            stage="review",
            answers={"learnt": "A lot"},
            actor=actor_for(world.member),
        )

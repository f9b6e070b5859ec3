"""Commissioning projects: items made at creation, checks saved, stages closed in order only when
every mandatory item is met or has a reason, links kept to the council's own records, all audited.
"""

import pytest

from childrights.assessments import commissioning
from childrights.assessments.commissioning import CheckInput
from childrights.assessments.models import Check, Project, StageClosure
from childrights.core.models import AuditEvent
from childrights.testing.actors import actor_for
from childrights.testing.assessments import make_assessment
from childrights.testing.participation import make_consultation


@pytest.fixture
def project(world):
    return commissioning.project_create(
        actor=actor_for(world.member),
        council=world.council_a,
        title="Young people's substance misuse service",
        description="Recommissioning from April",
    )


def _meet_all(project, user, stage=None, *, but=()):
    for check in project.checks.filter(stage=stage or project.stage):
        if check.item_key not in but:
            commissioning.check_save(actor=actor_for(user), check=check, met=True, evidence="Done")


def _mandatory_keys(stage):
    return [item.key for item in commissioning.checklist().stages[stage] if item.mandatory]


def test_a_new_project_starts_at_analyse_with_every_item_of_every_stage(world, project):
    words = commissioning.checklist()
    assert project.stage == Project.Stage.ANALYSE
    assert project.checklist_version == words.version
    assert project.created_by == world.member
    made = set(project.checks.values_list("stage", "item_key"))
    assert made == {(item.stage, item.key) for item in words.items()}
    assert len(made) == len(words.items()) > 0
    assert not project.checks.filter(met=True).exists()


def test_creating_a_project_is_audited(world, project):
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(project.pk))
    assert event.actor == world.member
    assert event.council_id == world.council_a.pk
    assert event.detail["checklist_version"] == project.checklist_version


def test_saving_a_check_records_met_evidence_and_who(world, project):
    check = project.checks.get(item_key="needs-data-by-group")

    commissioning.check_save(
        actor=actor_for(world.member),
        check=check,
        met=True,
        evidence="  Needs analysis 2026, tables 3-5  ",
    )

    check.refresh_from_db()
    assert check.met
    assert check.evidence == "Needs analysis 2026, tables 3-5"
    assert check.updated_by == world.member
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(check.pk))
    assert event.council_id == world.council_a.pk
    assert event.detail["changed"]["met"] == ["False", "True"]


def test_a_reason_is_kept_while_unmet_and_dropped_once_met(world, project):
    check = project.checks.get(item_key="rights-impact-screening")
    commissioning.check_save(
        actor=actor_for(world.member), check=check, met=False, reason_unmet="Not started"
    )
    check.refresh_from_db()
    assert check.reason_unmet == "Not started"

    commissioning.check_save(actor=actor_for(world.member), check=check, met=True)

    check.refresh_from_db()
    assert check.met
    assert check.reason_unmet == ""


def test_saving_the_same_values_again_writes_nothing_to_the_audit_log(world, project):
    check = project.checks.get(item_key="needs-data-by-group")
    commissioning.check_save(actor=actor_for(world.member), check=check, met=True)
    before = AuditEvent.objects.count()

    commissioning.check_save(actor=actor_for(world.member), check=check, met=True)

    assert AuditEvent.objects.count() == before


def test_only_the_current_stage_can_change(world, project):
    later = project.checks.get(item_key="children-on-tender-panel")

    with pytest.raises(commissioning.StageNotCurrent):
        commissioning.check_save(actor=actor_for(world.member), check=later, met=True)
    with pytest.raises(commissioning.StageNotCurrent):
        commissioning.stage_checks_save(
            actor=actor_for(world.member),
            project=project,
            stage="do",
            values={"children-on-tender-panel": CheckInput(met=True)},
        )

    later.refresh_from_db()
    assert not later.met


def test_a_stage_saves_at_once_and_reports_what_changed(world, project):
    changed = commissioning.stage_checks_save(
        actor=actor_for(world.member),
        project=project,
        stage="analyse",
        values={
            "needs-data-by-group": CheckInput(met=True, evidence="JSNA"),
            "children-views-on-needs": CheckInput(met=False, reason_unmet="Planned for May"),
            "rights-impact-screening": CheckInput(met=False),
        },
    )

    assert changed == ["needs-data-by-group", "children-views-on-needs"]
    assert project.checks.get(item_key="needs-data-by-group").evidence == "JSNA"


def test_a_stage_cannot_close_with_a_mandatory_item_unmet_and_no_reason(world, project):
    _meet_all(project, world.member, but=("children-views-on-needs",))

    with pytest.raises(commissioning.StageNotReady) as refused:
        commissioning.stage_close(actor=actor_for(world.member), project=project)

    assert [item.key for item in refused.value.blocking] == ["children-views-on-needs"]
    project.refresh_from_db()
    assert project.stage == Project.Stage.ANALYSE
    assert not StageClosure.objects.filter(project=project).exists()


def test_a_blank_reason_is_no_reason(world, project):
    _meet_all(project, world.member, but=("children-views-on-needs",))
    Check.objects.filter(project=project, item_key="children-views-on-needs").update(
        reason_unmet="   "
    )

    with pytest.raises(commissioning.StageNotReady):
        commissioning.stage_close(actor=actor_for(world.member), project=project)


def test_every_mandatory_item_unmet_without_a_reason_is_listed(world, project):
    with pytest.raises(commissioning.StageNotReady) as refused:
        commissioning.stage_close(actor=actor_for(world.member), project=project)

    assert [item.key for item in refused.value.blocking] == _mandatory_keys("analyse")


def test_a_stage_closes_with_a_mandatory_item_unmet_when_the_reason_is_recorded(world, project):
    _meet_all(project, world.member, but=("children-views-on-needs", "services-mapped-to-uncrc"))
    check = project.checks.get(item_key="children-views-on-needs")
    commissioning.check_save(
        actor=actor_for(world.member),
        check=check,
        met=False,
        reason_unmet="The youth forum meets after the deadline; views gathered in plan instead",
    )

    closure = commissioning.stage_close(actor=actor_for(world.owner), project=project)

    project.refresh_from_db()
    assert project.stage == Project.Stage.PLAN
    assert closure.stage == "analyse"
    assert closure.closed_by == world.owner
    assert set(closure.unmet) == {"children-views-on-needs", "services-mapped-to-uncrc"}
    assert closure.unmet["children-views-on-needs"]["reason"].startswith("The youth forum")
    assert closure.unmet["children-views-on-needs"]["mandatory"] is True
    assert closure.unmet["services-mapped-to-uncrc"]["mandatory"] is False
    shown = commissioning.closure_unmet(project, closure)
    assert [item.key for item in shown] == ["children-views-on-needs", "services-mapped-to-uncrc"]
    assert shown[0].label_en == (
        "Children and young people's views on what they need have been gathered"
    )


def test_an_optional_item_unmet_without_a_reason_does_not_stop_a_stage(world, project):
    _meet_all(project, world.member, but=("services-mapped-to-uncrc", "risks-to-development"))

    commissioning.stage_close(actor=actor_for(world.member), project=project)

    assert project.stage == Project.Stage.PLAN


def test_stages_advance_in_order_to_closed(world, project):
    seen = [project.stage]
    for _ in commissioning.STAGES:
        _meet_all(project, world.member)
        commissioning.stage_close(actor=actor_for(world.member), project=project)
        project.refresh_from_db()
        seen.append(project.stage)

    assert seen == ["analyse", "plan", "do", "review", "closed"]
    assert list(project.closures.order_by("pk").values_list("stage", flat=True)) == list(
        commissioning.STAGES
    )
    with pytest.raises(commissioning.ProjectClosed):
        commissioning.stage_close(actor=actor_for(world.member), project=project)


def test_closing_a_stage_freezes_its_checklist(world, project):
    _meet_all(project, world.member)
    commissioning.stage_close(actor=actor_for(world.member), project=project)
    earlier = project.checks.get(item_key="needs-data-by-group")

    with pytest.raises(commissioning.StageNotCurrent):
        commissioning.check_save(actor=actor_for(world.member), check=earlier, met=False)


def test_closing_a_stage_is_audited(world, project):
    _meet_all(project, world.member, but=("services-mapped-to-uncrc",))

    commissioning.stage_close(actor=actor_for(world.owner), project=project)

    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_id=str(project.pk), actor=world.owner
    ).get()
    assert event.detail == {
        "stage_closed": "analyse",
        "stage": "plan",
        "unmet": ["services-mapped-to-uncrc"],
    }


def test_progress_counts_met_items_of_the_current_stage_only(world, project):
    _meet_all(project, world.member, but=("services-mapped-to-uncrc",))
    total = len(commissioning.checklist().stages["analyse"])

    assert commissioning.progress([project]) == {project.pk: (total - 1, total)}


def test_links_to_the_councils_own_assessments_and_consultations(world, project):
    assessment = make_assessment(council=world.council_a)
    consultation = make_consultation(council=world.council_a)

    commissioning.links_save(
        actor=actor_for(world.member),
        project=project,
        assessment_ids=[assessment.pk],
        consultation_ids=[consultation.pk],
    )

    project.refresh_from_db()
    assert list(project.assessments.all()) == [assessment]
    assert project.consultation_ids == [consultation.pk]
    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_id=str(project.pk)
    ).get()
    assert event.detail["assessments"] == [[], [assessment.pk]]
    assert event.detail["consultations"] == [[], [consultation.pk]]


@pytest.mark.parametrize("kind", ["assessment", "consultation"])
def test_another_councils_assessment_or_consultation_is_refused(world, project, kind):
    own = make_assessment(council=world.council_a)
    other = (
        make_assessment(council=world.council_b)
        if kind == "assessment"
        else make_consultation(council=world.council_b)
    )
    commissioning.links_save(
        actor=actor_for(world.member),
        project=project,
        assessment_ids=[own.pk],
        consultation_ids=[],
    )

    with pytest.raises(commissioning.LinkRefused):
        commissioning.links_save(
            actor=actor_for(world.member),
            project=project,
            assessment_ids=[own.pk, other.pk] if kind == "assessment" else [own.pk],
            consultation_ids=[other.pk] if kind == "consultation" else [],
        )

    project.refresh_from_db()
    assert list(project.assessments.all()) == [own]
    assert project.consultation_ids == []


def test_an_id_that_does_not_exist_is_refused(world, project):
    with pytest.raises(commissioning.LinkRefused):
        commissioning.links_save(
            actor=actor_for(world.member),
            project=project,
            assessment_ids=[],
            consultation_ids=[999_999],
        )

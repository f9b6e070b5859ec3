"""The commissioning checklist is versioned data, and a project keeps the version it started on."""

import json

import pytest

from childrights.assessments import commissioning
from childrights.assessments.models import Check
from childrights.framework.models import Principle
from childrights.testing.actors import actor_for


def _definition(version, keys_by_stage):
    return {
        "version": version,
        "stages": {
            stage: [
                {
                    "key": key,
                    "principle": "participation",
                    "mandatory": True,
                    "label": {"en": f"{key} label", "cy": f"{key} label (cy)"},
                    "hint": {"en": f"{key} hint", "cy": f"{key} hint (cy)"},
                }
                for key in keys
            ]
            for stage, keys in keys_by_stage.items()
        },
    }


ALL_STAGES_V2 = {
    "analyse": ["v2-analyse"],
    "plan": ["v2-plan"],
    "do": ["v2-do"],
    "review": ["v2-review"],
}


def test_the_shipped_checklist_is_valid():
    definition = json.loads(commissioning.CHECKLIST_FILE.read_text(encoding="utf-8"))
    assert commissioning.checklist_problems(definition) == []


@pytest.mark.django_db
def test_every_item_names_a_real_principle():
    slugs = set(Principle.objects.values_list("slug", flat=True))
    assert len(slugs) == 7
    used = {item.principle for item in commissioning.checklist().items()}
    assert used <= slugs
    assert used == slugs, "every one of the seven principles has at least one item"


def test_each_stage_has_mandatory_items_the_issue_asks_for():
    words = commissioning.checklist()
    mandatory = {item.key for item in words.items() if item.mandatory}
    assert {
        "needs-data-by-group",
        "children-views-on-needs",
        "rights-impact-screening",
        "children-on-tender-panel",
        "children-score-weight-recorded",
        "outcome-measures-in-contract",
    } <= mandatory
    for stage in commissioning.STAGES:
        assert any(item.mandatory for item in words.stages[stage]), stage


def test_a_checklist_with_a_key_used_twice_or_missing_welsh_is_refused():
    definition = _definition(1, ALL_STAGES_V2 | {"plan": ["v2-analyse"]})
    definition["stages"]["do"][0]["label"]["cy"] = ""
    problems = commissioning.checklist_problems(definition)
    assert any("used twice" in problem for problem in problems)
    assert any("English and Welsh" in problem for problem in problems)
    with pytest.raises(commissioning.ChecklistError):
        commissioning.checklist_from(definition)


def test_a_checklist_without_every_stage_is_refused():
    definition = _definition(1, {"analyse": ["a"], "plan": ["b"], "do": ["c"]})
    assert commissioning.checklist_problems(definition)


@pytest.fixture
def publish_version_two(tmp_path, monkeypatch):
    """Make version 2 the live checklist, keeping a copy of version 1 as the docstring of the
    commissioning module asks."""

    def publish():
        archive = tmp_path / "archive"
        archive.mkdir()
        (archive / "v1.json").write_text(
            commissioning.CHECKLIST_FILE.read_text(encoding="utf-8"), encoding="utf-8"
        )
        current = tmp_path / "commissioning_checklist.json"
        current.write_text(json.dumps(_definition(2, ALL_STAGES_V2)), encoding="utf-8")
        monkeypatch.setattr(commissioning, "CHECKLIST_FILE", current)
        monkeypatch.setattr(commissioning, "ARCHIVE_FOLDER", archive)

    return publish


def test_a_project_keeps_its_checklist_when_a_new_version_is_published(world, publish_version_two):
    started = commissioning.project_create(
        actor=actor_for(world.member), council=world.council_a, title="Youth service"
    )
    first_keys = set(started.checks.values_list("item_key", flat=True))

    publish_version_two()
    later = commissioning.project_create(
        actor=actor_for(world.member), council=world.council_a, title="Play service"
    )

    started.refresh_from_db()
    assert started.checklist_version == 1
    assert set(started.checks.values_list("item_key", flat=True)) == first_keys
    assert later.checklist_version == 2
    assert set(later.checks.values_list("item_key", flat=True)) == {
        "v2-analyse",
        "v2-plan",
        "v2-do",
        "v2-review",
    }
    # The old project still reads its own words, from the kept copy of version 1.
    labels = [row.item.label_en for row in commissioning.stage_rows(started, "analyse")]
    assert labels[0] == "Needs data is broken down by group of children"
    assert commissioning.blocking_items(started)[0].key == "needs-data-by-group"


def test_without_a_kept_copy_an_old_item_is_still_shown_and_still_mandatory(
    world, publish_version_two
):
    publish_version_two()
    project = commissioning.project_create(
        actor=actor_for(world.member), council=world.council_a, title="Youth service"
    )
    Check.objects.create(project=project, stage="analyse", item_key="gone-from-the-file")
    project.checklist_version = 7
    project.save()

    rows = commissioning.stage_rows(project, "analyse")

    assert [row.item.key for row in rows] == ["v2-analyse", "gone-from-the-file"]
    assert rows[1].item.label_en == "gone-from-the-file"
    assert rows[1].item.mandatory

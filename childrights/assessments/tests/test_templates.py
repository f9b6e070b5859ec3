"""Templates are versioned data: a loaded version never changes under assessments using it."""

import copy

import pytest

from childrights.assessments import templates_data
from childrights.assessments.models import Template
from childrights.assessments.templates_data import TemplateError, template_problems, templates_load


def test_every_shipped_template_is_right_and_loaded(db):
    for definition in templates_data.template_files():
        assert template_problems(definition) == []
        assert Template.objects.filter(slug=definition["slug"], is_current=True).exists()


def test_loading_twice_adds_nothing(db):
    before = Template.objects.count()
    templates_load()
    assert Template.objects.count() == before


def test_a_changed_version_is_refused(db, monkeypatch):
    changed = copy.deepcopy(templates_data.template_files()[0])
    changed["stages"][0]["questions"][0]["label"]["en"] = "Something else"
    monkeypatch.setattr(templates_data, "template_files", lambda: [changed])
    with pytest.raises(TemplateError, match="give the changed template a new version number"):
        templates_load()


def test_a_new_version_becomes_current_and_the_old_one_stays(db, monkeypatch):
    first = templates_data.template_files()[0]
    newer = copy.deepcopy(first) | {"version": first["version"] + 1}
    monkeypatch.setattr(templates_data, "template_files", lambda: [first, newer])
    templates_load()
    versions = Template.objects.filter(slug=first["slug"]).order_by("version")
    assert [(t.version, t.is_current) for t in versions][-2:] == [
        (first["version"], False),
        (first["version"] + 1, True),
    ]


def test_a_template_without_the_questions_the_workflow_reads_is_refused():
    broken = copy.deepcopy(templates_data.template_files()[0])
    broken["stages"][0]["questions"] = [
        q for q in broken["stages"][0]["questions"] if q["key"] != "full_needed"
    ]
    assert "stage 'screening' needs a question 'full_needed'" in template_problems(broken)

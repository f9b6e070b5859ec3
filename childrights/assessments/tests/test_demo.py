"""`make run` gives a newcomer a published assessment to read and a draft to work on."""

import pytest
from django.core.management import call_command

from childrights.assessments.answers import sign_off_problems
from childrights.assessments.models import Assessment


@pytest.fixture
def demo(demo_data, db):
    """The demonstration data, loaded once for this module."""


def test_the_demo_council_has_a_published_assessment_signed_off_by_someone_else(demo):
    published = Assessment.objects.get(council__is_demo=True, state="published")
    version = published.versions.get()
    assert version.published_at is not None
    assert version.signed_off_by != published.created_by
    assert version.signed_off_by.memberships.filter(role__slug="accountable-officer").exists()
    assert sign_off_problems(published.template, version.answers) == []
    assert set(version.articles.values_list("number", flat=True)) == {2, 12, 31}
    assert version.summary_for_children_cy


def test_the_demo_council_has_a_draft_to_work_on(demo):
    draft = Assessment.objects.get(council__is_demo=True, state="draft")
    assert draft.versions.get().signed_off_at is None
    call_command("load_demo_data", verbosity=0)
    assert Assessment.objects.filter(council__is_demo=True).count() == 2

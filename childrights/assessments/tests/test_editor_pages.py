"""The assessment pages: the council's list, starting one, the overview, a stage, the settings;
and who may do what on them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from childrights.assessments.models import Assessment, AssessmentVersion, CouncilSettings
from childrights.assessments.selectors import current_version
from childrights.core.models import AuditEvent
from childrights.framework.models import Theme
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user


def list_url(world) -> str:
    return reverse("assessments:assessments", args=[world.council_a.pk])


def stage_url(assessment: Assessment, stage: str) -> str:
    return reverse("assessments:stage", args=[assessment.pk, stage])


def overview_url(assessment: Assessment) -> str:
    return reverse("assessments:assessment", args=[assessment.pk])


@pytest.fixture
def elected(world):
    return make_user(role="elected-member", council=world.council_a)


def test_the_list_shows_the_councils_assessments_and_filters_them_by_state(world, signed_in):
    make_assessment(council=world.council_a, title="Youth clubs: one new hub")
    make_assessment(
        council=world.council_a, title="Library hours", state=Assessment.State.PUBLISHED
    )
    make_assessment(council=world.council_b, title="Someone else's")
    client = signed_in(world.member)
    page = client.get(list_url(world)).content.decode()
    assert "Youth clubs: one new hub" in page
    assert "Library hours" in page
    assert "Someone else" not in page
    assert "Start an assessment" in page
    filtered = client.get(list_url(world), {"state": "published"}).content.decode()
    assert "Library hours" in filtered
    assert "Youth clubs" not in filtered


def test_elected_members_read_the_assessments_but_cannot_start_or_answer_one(
    world, signed_in, elected
):
    assessment = make_assessment(council=world.council_a)
    client = signed_in(elected)
    page = client.get(list_url(world)).content.decode()
    assert assessment.title in page
    assert "Start an assessment" not in page
    overview = client.get(overview_url(assessment)).content.decode()
    assert assessment.reference in overview
    assert stage_url(assessment, "screening") not in overview
    new_url = reverse("assessments:assessment_new", args=[world.council_a.pk])
    assert client.get(new_url).status_code == 403
    assert client.post(new_url, {"title": "X", "kind": "policy"}).status_code == 403
    assert client.post(stage_url(assessment, "screening"), {"proposal": "X"}).status_code == 403
    assert current_version(assessment).answers["proposal"] != "X"
    assert not Assessment.objects.filter(title="X").exists()


def test_outsiders_get_404_on_every_page(world, signed_in):
    assessment = make_assessment(council=world.council_a)
    client = signed_in(world.outsider)
    for url in (
        list_url(world),
        reverse("assessments:assessment_new", args=[world.council_a.pk]),
        reverse("assessments:settings", args=[world.council_a.pk]),
        overview_url(assessment),
        stage_url(assessment, "screening"),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_starting_an_assessment_goes_to_its_screening(world, signed_in):
    client = signed_in(world.member)
    url = reverse("assessments:assessment_new", args=[world.council_a.pk])
    theme = Theme.objects.get(slug="child-poverty")
    response = client.post(
        url, {"title": "Free school meals in holidays", "kind": "budget", "themes": [theme.pk]}
    )
    assessment = Assessment.objects.get(title="Free school meals in holidays")
    assert response.status_code == 302
    assert response["Location"] == stage_url(assessment, "screening")
    assert assessment.created_by == world.member
    assert list(assessment.themes.all()) == [theme]
    page = client.get(response["Location"]).content.decode()
    assert "Stage 1: screening" in page
    assert assessment.reference in page


def test_starting_needs_what_is_proposed_and_its_type(world, signed_in):
    client = signed_in(world.member)
    url = reverse("assessments:assessment_new", args=[world.council_a.pk])
    page = client.post(url, {"title": ""}).content.decode()
    assert "Enter what is proposed" in page
    assert "Choose the type of proposal" in page
    assert not Assessment.objects.exists()


def test_the_overview_shows_each_stage_and_the_answers(world, signed_in):
    assessment = make_assessment(council=world.council_a)
    page = signed_in(world.member).get(overview_url(assessment)).content.decode()
    assert assessment.reference in page
    assert "govuk-tag--yellow" in page
    assert "Child rights impact assessment, version 1" in page
    assert "6 of 6 needed answers given" in page
    assert "12 of 12 needed answers given" in page
    assert stage_url(assessment, "screening") in page
    assert stage_url(assessment, "full") in page
    # Impacts as a table, with the mitigation of the negative one.
    assert "A free accessible minibus from each closed club" in page
    assert "Article 2:" in page


def test_the_full_assessment_waits_for_the_screening_to_say_it_is_needed(world, signed_in):
    not_needed = make_assessment(council=world.council_a, full_needed=False)
    unscreened = make_assessment(council=world.council_a, answers={})
    client = signed_in(world.member)
    page = client.get(overview_url(not_needed)).content.decode()
    assert "The screening concluded that a full assessment is not needed." in page
    assert stage_url(not_needed, "full") not in page
    page = client.get(overview_url(unscreened)).content.decode()
    assert "0 of 6 needed answers given" in page
    assert "Finish the screening first" in page
    full = client.get(stage_url(not_needed, "full")).content.decode()
    assert "not needed" in full
    assert '<form method="post" novalidate>' not in full


def test_an_unknown_stage_is_not_found(world, signed_in):
    assessment = make_assessment(council=world.council_a)
    client = signed_in(world.member)
    assert client.get(stage_url(assessment, "review")).status_code == 404
    assert client.get(stage_url(assessment, "x")).status_code == 404


def test_a_signed_off_version_shows_no_form_and_keeps_its_answers(world, signed_in):
    assessment = make_assessment(council=world.council_a, state=Assessment.State.SIGNED_OFF)
    AssessmentVersion.objects.filter(assessment=assessment).update(signed_off_at=timezone.now())
    client = signed_in(world.member)
    page = client.get(stage_url(assessment, "screening")).content.decode()
    assert "has been signed off, so its answers cannot change" in page
    assert 'name="proposal"' not in page
    client.post(stage_url(assessment, "screening"), {"proposal": "Changed"})
    assert current_version(assessment).answers["proposal"] != "Changed"
    overview = client.get(overview_url(assessment)).content.decode()
    assert stage_url(assessment, "screening") not in overview


def test_an_assessment_awaiting_sign_off_cannot_be_answered(world, signed_in):
    assessment = make_assessment(council=world.council_a, state=Assessment.State.AWAITING_SIGN_OFF)
    page = signed_in(world.member).get(stage_url(assessment, "full")).content.decode()
    assert "can only change while it is a draft" in page
    assert 'name="conclusion"' not in page


def test_the_council_lead_chooses_the_template_and_adds_groups(world, signed_in):
    client = signed_in(world.owner)
    url = reverse("assessments:settings", args=[world.council_a.pk])
    page = client.get(url).content.decode()
    assert "Children&#x27;s Rights and Wellbeing Impact Assessment (CRWIA)" in page
    assert "applies to new assessments only" in page
    response = client.post(
        url,
        {"template": "scotland", "extra_groups": "Young parents\n\nGypsy and Traveller children"},
    )
    assert response.status_code == 302
    chosen = CouncilSettings.objects.get(council=world.council_a)
    assert chosen.template_slug == "scotland"
    assert chosen.extra_groups == ["Young parents", "Gypsy and Traveller children"]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, council_id=world.council_a.pk
    ).exists()
    again = client.get(url).content.decode()
    assert 'value="scotland" aria-describedby="id_template_scotland-hint" checked' in again


def test_a_template_that_is_not_offered_is_refused(world, signed_in):
    client = signed_in(world.owner)
    url = reverse("assessments:settings", args=[world.council_a.pk])
    page = client.post(url, {"template": "atlantis"}).content.decode()
    assert "Choose a template from the list" in page
    assert not CouncilSettings.objects.exists()


@pytest.mark.parametrize("who", ["member", "elected"])
def test_only_the_council_lead_changes_the_settings(world, signed_in, elected, who):
    person = world.member if who == "member" else elected
    client = signed_in(person)
    url = reverse("assessments:settings", args=[world.council_a.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"template": "generic"}).status_code == 403
    assert not CouncilSettings.objects.exists()

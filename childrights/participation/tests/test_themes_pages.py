"""The themes page: what it says before any run, starting a run (and refusing a bad number),
how far a run has got, and the themes of a finished run; who may reach it."""

import pytest
from django.test import TestCase

from childrights.core.models import AuditEvent
from childrights.participation.models import Theme, ThemeRun
from childrights.participation.tests.themes_support import ANSWERS, themed
from childrights.testing.factories import make_user
from childrights.testing.participation import make_response, make_safeguarding_lead


def _page(consultation):
    return f"/consultations/{consultation.pk}/themes/"


def test_before_any_run_the_page_says_what_finding_themes_does(world, consultation, signed_in):
    page = signed_in(world.member).get(_page(consultation)).content.decode()
    assert "No answer leaves the server." in page
    assert "Answers held for the safeguarding lead are never included" in page
    assert ">Find themes</button>" in page


def test_finding_themes_starts_a_run_and_shows_its_themes(world, consultation, signed_in):
    for text in ANSWERS:
        make_response(consultation=consultation, text=text)
    client = signed_in(world.member)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(_page(consultation), {"themes": "3"})
    assert response.status_code == 302
    assert response["Location"] == _page(consultation)
    run = ThemeRun.objects.get(consultation=consultation)
    assert run.status == ThemeRun.Status.DONE
    assert run.model_settings["themes"] == 3
    assert AuditEvent.objects.filter(object_type="participation.ThemeRun").exists()
    page = client.get(_page(consultation)).content.decode()
    assert page.count('class="govuk-summary-card"') == 3
    for theme in Theme.objects.filter(run=run):
        assert theme.name in page
    assert run.model_name in page
    assert run.model_version in page
    assert "Seed" in page
    assert "Find themes again" in page


def test_a_blank_number_lets_the_model_choose(world, consultation, signed_in):
    client = signed_in(world.member)
    client.post(_page(consultation), {"themes": ""})
    assert ThemeRun.objects.get(consultation=consultation).model_settings["themes"] == 0


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1", "Enter a number of themes from 2 to 12"),
        ("13", "Enter a number of themes from 2 to 12"),
        ("six", "Enter the number of themes as a number, like 6"),
    ],
)
def test_a_bad_number_of_themes_is_refused_and_starts_nothing(
    world, consultation, signed_in, typed, message
):
    response = signed_in(world.member).post(_page(consultation), {"themes": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert message in page
    assert not ThemeRun.objects.exists()


def test_while_a_run_waits_the_page_shows_its_progress_and_a_way_to_check_again(
    world, consultation, signed_in
):
    ThemeRun.objects.create(
        consultation=consultation, status=ThemeRun.Status.RUNNING, to_embed=50, embedded=20
    )
    page = signed_in(world.member).get(_page(consultation)).content.decode()
    assert "Finding themes: 40%" in page
    assert "20 of 50 answers read" in page
    assert f'href="{_page(consultation)}">Check again</a>' in page
    assert ">Find themes</button>" not in page


def test_pressing_again_while_a_run_waits_starts_nothing_new(world, consultation, signed_in):
    waiting = ThemeRun.objects.create(consultation=consultation)
    client = signed_in(world.member)
    response = client.post(_page(consultation), {"themes": ""}, follow=True)
    assert "Themes are already being found" in response.content.decode()
    assert list(ThemeRun.objects.all()) == [waiting]


def test_a_run_that_failed_says_so_and_the_earlier_themes_stay(world, consultation, signed_in):
    run = themed(consultation, by=world.member)
    ThemeRun.objects.create(consultation=consultation, status=ThemeRun.Status.FAILED)
    page = signed_in(world.member).get(_page(consultation)).content.decode()
    assert "could not finish" in page
    assert Theme.objects.filter(run=run).first().name in page


def test_the_page_is_in_welsh_for_welsh_readers(world, consultation, signed_in):
    client = signed_in(world.member)
    client.cookies["language"] = "cy"
    page = client.get(_page(consultation)).content.decode()
    assert 'lang="cy"' in page
    assert "Themes in written answers" not in page


def test_the_results_and_moderation_pages_link_to_the_themes(world, consultation, signed_in):
    client = signed_in(world.member)
    for url in [
        f"/consultations/{consultation.pk}/results/",
        f"/consultations/{consultation.pk}/moderation/",
    ]:
        assert f'href="{_page(consultation)}"' in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["outsider", "programme"])
def test_outsiders_get_404(world, consultation, signed_in, who):
    client = signed_in(getattr(world, who))
    assert client.get(_page(consultation)).status_code == 404
    assert client.post(_page(consultation), {"themes": ""}).status_code == 404
    assert not ThemeRun.objects.exists()


@pytest.mark.parametrize("role", ["elected-member", "safeguarding-lead"])
def test_members_who_may_not_edit_get_403(world, consultation, signed_in, role):
    person = (
        make_safeguarding_lead(world.council_a)
        if role == "safeguarding-lead"
        else make_user(role=role, council=world.council_a)
    )
    client = signed_in(person)
    assert client.get(_page(consultation)).status_code == 403
    assert client.post(_page(consultation), {"themes": ""}).status_code == 403
    assert not ThemeRun.objects.exists()
    page = client.get(f"/consultations/{consultation.pk}/results/").content.decode()
    assert f'href="{_page(consultation)}"' not in page

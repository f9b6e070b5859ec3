"""Two people with the same stage open: nobody silently reverts the other."""

import re
from typing import Any

import pytest
from django.test import Client

from childrights.assessments.models import Change
from childrights.assessments.tests.test_editor_form import (
    empty_assessment,
    page_data,
    saved,
    stage_url,
)
from childrights.testing.auth import sign_in
from childrights.testing.editing import opened_on
from childrights.testing.factories import make_user


@pytest.fixture
def assessment(world):
    return empty_assessment(world.council_a, world.member)


@pytest.fixture
def colleague(world):
    """A second person on a browser of their own."""
    return sign_in(Client(), make_user(role="council-staff", council=world.council_a))


def _opened(client, assessment) -> str:
    return opened_on(client, stage_url(assessment, "screening"))


def _both_open_then_the_colleague_saves(me, colleague, assessment) -> tuple[dict[str, Any], str]:
    """Both open the screening while nothing is answered, then the colleague saves a proposal.
    Returns what my page holds and when I opened it."""
    my_page = page_data(assessment, "screening")
    my_token = _opened(me, assessment)
    their_token = _opened(colleague, assessment)
    colleague.post(
        stage_url(assessment, "screening"),
        {
            **page_data(assessment, "screening", proposal="Close the Hillside club"),
            "opened": their_token,
        },
    )
    return my_page, my_token


def test_a_colleagues_change_survives_a_save_of_a_page_opened_earlier(
    world, signed_in, colleague, assessment
):
    me = signed_in(world.member)
    my_page, my_token = _both_open_then_the_colleague_saves(me, colleague, assessment)
    assert saved(assessment)["proposal"] == "Close the Hillside club"
    # I save the page I opened before, changing something else.
    response = me.post(
        stage_url(assessment, "screening"),
        {**my_page, "decision_owner": "Cabinet member for children", "opened": my_token},
    )
    assert response.status_code == 302
    answers = saved(assessment)
    assert answers["proposal"] == "Close the Hillside club"
    assert answers["decision_owner"] == "Cabinet member for children"
    mine = Change.objects.filter(changed_by=world.member)
    assert list(mine.values_list("question_key", flat=True)) == ["decision_owner"]


def test_both_changing_one_answer_is_refused_and_shows_what_it_says_now(
    world, signed_in, colleague, assessment
):
    me = signed_in(world.member)
    my_page, my_token = _both_open_then_the_colleague_saves(me, colleague, assessment)
    refused = me.post(
        stage_url(assessment, "screening"),
        {**my_page, "proposal": "Merge the two clubs", "opened": my_token},
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Someone else changed these answers since you opened this page" in page
    assert "Close the Hillside club" in page
    assert 'value="Merge the two clubs"' in page or "Merge the two clubs" in page
    assert saved(assessment)["proposal"] == "Close the Hillside club"
    # Saving again from the page that showed the conflict is a knowing choice: it is saved.
    fresh = re.search(r'name="opened" value="([^"]+)"', page).group(1)
    again = me.post(
        stage_url(assessment, "screening"),
        {**my_page, "proposal": "Merge the two clubs", "opened": fresh},
    )
    assert again.status_code == 302
    assert saved(assessment)["proposal"] == "Merge the two clubs"


def test_a_page_without_its_opened_values_still_saves_as_before(world, signed_in, assessment):
    me = signed_in(world.member)
    response = me.post(
        stage_url(assessment, "screening"), page_data(assessment, "screening", proposal="A hub")
    )
    assert response.status_code == 302
    assert saved(assessment)["proposal"] == "A hub"

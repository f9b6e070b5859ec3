"""Two people with the same commissioning checklist open: nobody silently reverts the other."""

import pytest
from django.test import Client
from django.urls import reverse

from childrights.assessments import commissioning
from childrights.assessments.models import Check
from childrights.assessments.tests.test_commissioning_pages import _stage_data
from childrights.testing.actors import actor_for
from childrights.testing.auth import sign_in
from childrights.testing.editing import opened_on
from childrights.testing.factories import make_user


@pytest.fixture
def project(world):

    return commissioning.project_create(
        actor=actor_for(world.member), council=world.council_a, title="Youth services"
    )


def _url(project) -> str:
    return reverse("assessments:project_stage", args=[project.pk, "analyse"])


def _opened(client, project) -> str:
    return opened_on(client, _url(project))


@pytest.fixture
def two(world, project):
    me = sign_in(Client(), world.member)
    colleague = sign_in(Client(), make_user(role="council-staff", council=world.council_a))
    return me, colleague


def test_each_persons_own_items_are_saved_and_nobody_is_reverted(project, two):
    me, colleague = two
    first, second = (row.item.key for row in commissioning.stage_rows(project, "analyse")[:2])
    mine = _stage_data(project, **{first: ("yes", "Needs analysis done", "")})
    my_token = _opened(me, project)
    theirs = _stage_data(project, **{second: ("yes", "Young people interviewed", "")})
    colleague.post(_url(project), {**theirs, "opened": _opened(colleague, project)})
    assert me.post(_url(project), {**mine, "opened": my_token}).status_code == 302
    checks = {check.item_key: check for check in Check.objects.filter(project=project)}
    assert checks[first].evidence == "Needs analysis done"
    assert checks[second].evidence == "Young people interviewed"


def test_both_changing_one_item_is_refused(project, two):
    me, colleague = two
    first = commissioning.stage_rows(project, "analyse")[0].item.key
    my_token = _opened(me, project)
    colleague.post(
        _url(project),
        {
            **_stage_data(project, **{first: ("yes", "Their evidence", "")}),
            "opened": _opened(colleague, project),
        },
    )
    refused = me.post(
        _url(project),
        {**_stage_data(project, **{first: ("yes", "My evidence", "")}), "opened": my_token},
    )
    assert refused.status_code == 200
    assert (
        "Someone else changed these answers since you opened this page" in refused.content.decode()
    )
    assert Check.objects.get(project=project, item_key=first).evidence == "Their evidence"

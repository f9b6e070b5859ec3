"""The children page at a large council's size: its queries do not grow with the number of
children, and a long list comes 50 children a page, for the worker and for each team."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.myviews import services
from childrights.myviews.caseload import PAGE_SIZE
from childrights.testing.myviews import (
    make_care_world,
    make_child,
    make_sent_statement,
    make_team,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def care(world):
    return make_care_world(world.council_a)


def _add_children(care, count: int, *, first: int = 0) -> None:
    """Children of the team, each with the worker and a review booked."""
    today = timezone.localdate()
    for number in range(first, first + count):
        child, _code = make_child(
            council=care.council,
            team=care.team,
            worker=care.social_worker,
            chosen_name=f"Child {number:03d}",
            came_into_care_on=today - timedelta(days=100),
        )
        services.meeting_add(
            actor=Actor(person=care.social_worker), child=child, kind="review", on=today
        )


def _queries(signed_in, care, user) -> int:
    client = signed_in(user)
    url = reverse("myviews:children", args=[care.council.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_children_page_makes_as_many_queries_for_many_children_as_for_few(care, signed_in):
    make_sent_statement(care)
    _add_children(care, 2)
    few = (_queries(signed_in, care, care.social_worker), _queries(signed_in, care, care.manager))

    _add_children(care, 12, first=2)
    make_sent_statement(care)
    many = (_queries(signed_in, care, care.social_worker), _queries(signed_in, care, care.manager))

    assert many == few


def test_a_long_list_of_children_comes_fifty_a_page(care, signed_in):
    # The care world's child is "Sam": after the numbered ones by name.
    _add_children(care, PAGE_SIZE)
    url = reverse("myviews:children", args=[care.council.pk])

    page = signed_in(care.social_worker).get(url).content.decode()
    assert page.count('">Child 0') == PAGE_SIZE
    assert "Sam" not in page
    assert '<nav class="govuk-pagination"' in page
    assert 'href="?page=2" rel="next"' in page

    page = signed_in(care.social_worker).get(url, {"page": "2"}).content.decode()
    assert "Child 0" not in page
    assert "Sam" in page
    assert 'href="?page=1" rel="prev"' in page

    # Past the end or not a number: the nearest page, never an error.
    assert "Sam" in signed_in(care.social_worker).get(url, {"page": "9"}).content.decode()
    assert "Child 000" in signed_in(care.social_worker).get(url, {"page": "x"}).content.decode()


def test_a_team_manager_sees_counts_over_the_whole_team_and_its_table_a_page_at_a_time(
    care, signed_in
):
    _add_children(care, PAGE_SIZE)
    url = reverse("myviews:children", args=[care.council.pk])
    parameter = f"team-{care.team.pk}"

    page = signed_in(care.manager).get(url).content.decode()
    # Every numbered child has a review today that has not had their views; the counts say so
    # for all of them, though the table shows 50.
    assert f"{PAGE_SIZE} children with a meeting coming up have not sent their views" in page
    assert page.count('">Child 0') == PAGE_SIZE
    assert f'href="?{parameter}=2" rel="next"' in page

    page = signed_in(care.manager).get(url, {parameter: "2"}).content.decode()
    assert "Child 0" not in page
    assert "Sam" in page


def test_a_manager_of_several_teams_makes_as_many_queries_as_of_one(care, signed_in):
    _add_children(care, 2)
    one = _queries(signed_in, care, care.manager)
    for name in ("North team", "South team", "East team"):
        team = make_team(council=care.council, name=name, managers=[care.manager])
        make_child(council=care.council, team=team, worker=care.social_worker, chosen_name=name)
    page = signed_in(care.manager).get(reverse("myviews:children", args=[care.council.pk]))
    assert "Your team: South team" in page.content.decode()
    assert _queries(signed_in, care, care.manager) == one

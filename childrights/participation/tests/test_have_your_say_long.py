"""The list of open consultations asks as much of the database for one consultation as for
several pages of them: a count, the page's consultations and the answered ones. (With none open
there is nothing to read for the page, so one query fewer: the national page sweep's small data
set had no consultation open on the day, 9 queries against 10.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.participation.views.journey.finding import PER_PAGE
from childrights.testing.participation import make_consultation, make_safeguarding_lead

pytestmark = pytest.mark.django_db


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _open(world, count: int) -> None:
    lead = make_safeguarding_lead(world.council_a)
    for number in range(count):
        make_consultation(
            council=world.council_a,
            questions=False,
            title_en=f"Consultation {number}",
            safeguarding_lead=lead,
            safeguarding_deputy=lead,
        )


def test_several_pages_of_open_consultations_take_the_queries_one_does(world, client):
    none = _queries(client, "/have-your-say/")
    _open(world, 1)
    one = _queries(client, "/have-your-say/")
    _open(world, PER_PAGE + 1)
    first = _queries(client, "/have-your-say/")
    second = _queries(client, "/have-your-say/?page=2")
    assert one == first == second
    assert none == one - 1  # an empty page reads no rows

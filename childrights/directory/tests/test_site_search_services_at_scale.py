"""The site search's services at national size: a word that many services hold is answered by
reading at most the first thousand found, never by putting every match in order (400 ms for
"counselling" among 1,000,000 services)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.core.site_search import PER_GROUP
from childrights.directory.tests.test_finder import make_service

pytestmark = pytest.mark.django_db


def test_the_first_services_by_name_are_shown_with_a_link_to_all_found(client, world):
    for number in reversed(range(PER_GROUP + 2)):
        make_service(council=world.council_a, name_en=f"Counselling {number:02}")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/search/", {"q": "counselling"}).content.decode()
    shown = [f"Counselling {number:02}" for number in range(PER_GROUP)]
    assert all(name in page for name in shown)
    assert f"Counselling {PER_GROUP:02}" not in page
    assert page.index(shown[0]) < page.index(shown[-1])
    assert "All the services found" in page
    searched = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "directory_service"' in q["sql"] and "counselling" in q["sql"].lower()
    ]
    assert searched
    # The matches are read as they come (up to the first thousand and one), in no order.
    assert not any("ORDER BY" in sql.upper() for sql in searched)

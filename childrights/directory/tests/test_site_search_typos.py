"""The site search finds a service by a word of it typed with a small misspelling, putting the
word right from the words the services hold (``SearchWord``), which service writes keep; in a
few queries whatever the number of services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.core.actors import Actor
from childrights.directory.models import SearchWord
from childrights.directory.search_text import search_words_near
from childrights.directory.services import organisation_create, service_create, service_publish
from childrights.directory.tests.test_finder import make_service
from childrights.testing.factories import make_council

pytestmark = pytest.mark.django_db


def _search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_service_is_found_by_a_misspelt_word(client):
    council = make_council()
    service = make_service(
        council=council, name_en="Counselling for teenagers", description_en="Talk it through."
    )
    url = f'href="/services/{service.pk}/"'
    assert url in _search(client, "counselling")
    assert url in _search(client, "counseling")  # a letter missing
    assert url in _search(client, "councelling")  # a letter wrong
    assert url in _search(client, "teengaers")  # two letters swapped
    assert url not in _search(client, "cancelling")  # two letters wrong


def test_the_words_known_are_kept_by_service_writes():
    council = make_council()
    actor = Actor()
    organisation = organisation_create(actor=actor, council=council, name="Youth Trust")
    service = service_create(
        actor=actor,
        council=council,
        values={
            "organisation": organisation,
            "name_en": "Skateboarding club",
            "description_en": "Ramps.",
        },
    )
    service_publish(actor=actor, service=service)
    known = set(SearchWord.objects.values_list("word", flat=True))
    assert {"skateboarding", "club", "ramps", "youth", "trust"} <= known
    assert SearchWord.objects.get(word="skateboarding").drow == "gnidraobetaks"
    assert "skateboarding" in search_words_near(["skatebaording"])
    assert "skateboarding" in search_words_near(["kateboarding"])


def test_putting_a_word_right_reads_the_index_of_words_not_the_services(client):
    council = make_council()
    for number in range(30):
        make_service(council=council, name_en=f"Club {number}", description_en="Football.")
    with CaptureQueriesContext(connection) as queries:
        page = _search(client, "footbll")
    assert "Club 0" in page
    searched = [query["sql"] for query in queries if "directory_service" in query["sql"]]
    words = [query["sql"] for query in queries if "directory_searchword" in query["sql"]]
    assert len(words) == 1
    # Once as typed, once put right, and the services' needs and places for the listing.
    assert len(searched) <= 6, searched
    assert len(queries) <= 30

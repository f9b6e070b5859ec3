"""The public list of councils' SEND local offers at national size: each council is asked for
one published SEND service through the search keys' index, never by gathering every SEND
service of every council (600 ms at 1,000,000 services)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.directory import send_comments
from childrights.directory.models import Need
from childrights.directory.services import (
    organisation_create,
    service_create,
    service_publish,
)
from childrights.testing.actors import actor_for

pytestmark = pytest.mark.django_db


def _service(world, council, need, *, published=True):
    actor = actor_for(world.owner if council == world.council_a else world.outsider)
    organisation = organisation_create(actor=actor, council=council, name="Trust")
    made = service_create(
        actor=actor,
        council=council,
        values={"organisation": organisation, "name_en": "Help", "description_en": "Help."},
        needs=[need],
    )
    return service_publish(actor=actor, service=made) if published else made


def test_a_council_is_listed_for_a_published_service_meeting_send_or_a_need_under_it(world):
    send = Need.objects.get(code=send_comments.SEND_NEED)
    under = Need.objects.create(
        taxonomy=send.taxonomy, code="short-breaks", parent=send, name_en="Short breaks"
    )
    _service(world, world.council_a, under)
    _service(world, world.council_b, send, published=False)
    _service(world, world.council_b, Need.objects.get(code="things-to-do"))
    assert list(send_comments.councils_with_offer()) == [world.council_a]


def test_the_list_asks_each_council_for_one_service_by_its_keys_not_every_service_s_needs(world):
    send = Need.objects.get(code=send_comments.SEND_NEED)
    for council in (world.council_a, world.council_b):
        _service(world, council, send)
    councils = send_comments.councils_with_offer()
    sql = str(councils.query)
    # Gathering every SEND service through the needs table read 66,668 services at national
    # size; each council is now one question of the services' search keys.
    assert "directory_service_needs" not in sql
    assert "EXISTS" in sql.upper()
    assert "DISTINCT" not in sql.upper()
    if connection.vendor == "postgresql":
        # The council is a key of the same GIN query (the index directory_service_search_keys).
        assert "array_to_tsvector" in sql
        assert "§c" in sql
    assert set(councils) == {world.council_a, world.council_b}


def test_the_council_s_public_page_asks_for_its_send_offer_without_every_service_s_needs(
    client, world
):
    _service(world, world.council_a, Need.objects.get(code=send_comments.SEND_NEED))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(f"/find-your-council/{world.council_a.gss_code}/").content.decode()
    assert f'href="/send-local-offers/{world.council_a.gss_code}/"' in page
    assert not [q for q in captured.captured_queries if "directory_service_needs" in q["sql"]]

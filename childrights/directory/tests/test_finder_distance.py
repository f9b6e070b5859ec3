"""Searching the finder near a postcode: looked up only in the tables councils loaded, services
within the distance nearest first with how far each is, and those not on the map left out and
said to be."""

from decimal import Decimal

import pytest
from django.utils import translation

from childrights.councils.models import Council
from childrights.directory import selectors
from childrights.directory.models import Location, Postcode, Service
from childrights.directory.postcodes import Point
from childrights.directory.tests.test_finder import make_service
from childrights.testing.factories import make_council

# Where CF10 1AA is taken to be; a hundredth of a degree of latitude is about 0.69 miles.
CENTRE = (Decimal("51.481600"), Decimal("-3.179100"))


def place(service: Service, north: str | None, *, hidden: bool = False) -> Service:
    """Put the service's place ``north`` degrees north of the centre (None: off the map)."""
    location = Location.objects.get(services_here__service=service)
    if north is not None:
        location.latitude = CENTRE[0] + Decimal(north)
        location.longitude = CENTRE[1]
    location.address_hidden = hidden
    location.save()
    return service


def table(council: Council, postcode: str = "CF10 1AA") -> None:
    Postcode.objects.create(
        council=council,
        postcode=postcode,
        latitude=CENTRE[0],
        longitude=CENTRE[1],
        loaded_at="2026-12-01T10:00:00Z",
    )


@pytest.fixture(autouse=True)
def english_after():
    """A Welsh page's request leaves Welsh active on the thread; the next test starts in
    English."""
    with translation.override("en"):
        yield


@pytest.fixture
def council(db) -> Council:
    return make_council(name="Aberfield City Council", short_name="Aberfield")


@pytest.fixture
def other_council(db) -> Council:
    return make_council(name="Bramley District Council", short_name="Bramley")


@pytest.fixture
def cardiff(council: Council) -> Council:
    """A council with a postcode table and services at known distances from CF10 1AA."""
    table(council)
    place(make_service(council=council, name_en="Four miles"), "0.06")
    place(make_service(council=council, name_en="Under a mile"), "0.01")
    place(make_service(council=council, name_en="Two miles"), "-0.03")
    place(make_service(council=council, name_en="Seven miles"), "0.10")
    place(make_service(council=council, name_en="Nowhere on the map"), None)
    place(make_service(council=council, name_en="Refuge"), "0.005", hidden=True)
    return council


def search(client, **params: str) -> str:
    return str(client.get("/services/", params).content.decode())


def test_a_search_near_a_postcode_finds_services_within_the_distance_nearest_first(client, cardiff):
    page = search(client, postcode="cf101aa", distance="5")

    assert "3 services found" in page
    assert page.index("Under a mile") < page.index("Two miles") < page.index("Four miles")
    assert "Seven miles" not in page
    assert "Services within 5 miles of CF10 1AA, nearest first." in page
    assert "About 0.7 miles away" in page
    assert "About 2.1 miles away" in page
    assert "About 4.1 miles away" in page


def test_the_distance_chosen_narrows_and_widens_the_search(client, cardiff):
    assert "1 service found" in search(client, postcode="CF10 1AA", distance="1")
    assert "2 services found" in search(client, postcode="CF10 1AA")  # 3 miles
    assert "4 services found" in search(client, postcode="CF10 1AA", distance="10")


def test_services_not_on_the_map_or_with_a_private_address_are_left_out_and_said_to_be(
    client, cardiff
):
    page = search(client, postcode="CF10 1AA", distance="10")

    assert "Nowhere on the map" not in page
    assert "Refuge" not in page
    assert "2 services that match what you asked for are not in this list" in page
    assert "search by council area or town instead of a postcode" in page


def test_the_other_filters_still_apply_near_a_postcode(client, cardiff):
    page = search(client, postcode="CF10 1AA", distance="10", q="seven")

    assert "1 service found" in page
    assert "Seven miles" in page
    assert "not in this list" not in page


@pytest.mark.parametrize("postcode", ["CF10", "not a postcode", "CF10 1AA 1AA 1AA 1AA 1AA"])
def test_a_postcode_in_a_bad_format_gets_a_clear_message_and_no_results(client, cardiff, postcode):
    page = search(client, postcode=postcode)

    assert "There is a problem" in page
    assert "Enter a postcode in the right format, like CF10 1AA" in page
    assert 'href="#id_postcode"' in page
    assert "services found" not in page
    assert "Under a mile" not in page


def test_a_postcode_no_council_loaded_gets_a_clear_message_and_no_results(client, cardiff):
    page = search(client, postcode="SW1A 1AA")

    assert "We do not know where SW1A 1AA is. Check the postcode" in page
    assert 'href="#id_postcode"' in page
    assert "services found" not in page


def test_a_chosen_council_s_search_uses_only_its_own_postcode_table(client, cardiff, other_council):
    place(make_service(council=other_council, name_en="Theirs"), "0.01")
    Postcode.objects.filter(council=cardiff).delete()
    table(other_council)

    ours = search(client, postcode="CF10 1AA", council=str(cardiff.pk))
    assert "We do not know where CF10 1AA is in the council area you chose" in ours
    assert "services found" not in ours

    anywhere = search(client, postcode="CF10 1AA", distance="10")
    assert "5 services found" in anywhere
    assert "Theirs" in anywhere


def test_a_search_without_a_postcode_is_as_it_was(client, cardiff):
    page = search(client, distance="1")

    assert "6 services found" in page
    assert "miles away" not in page
    assert "nearest first" not in page
    assert page.index("Four miles") < page.index("Nowhere on the map") < page.index("Under a mile")


def test_a_distance_not_offered_gets_a_clear_message(client, cardiff):
    page = search(client, postcode="CF10 1AA", distance="500")
    assert "Choose how far from the postcode from the list" in page
    assert "services found" not in page


def test_the_selector_narrows_by_a_box_then_keeps_only_those_truly_within_the_distance(
    cardiff,
):
    # North-east at 45 degrees: inside the box of three miles, but about 3.6 miles away.
    corner = place(make_service(council=cardiff, name_en="Box corner"), "0.037")
    location = Location.objects.get(services_here__service=corner)
    location.longitude = CENTRE[1] + Decimal("0.059")
    location.save()

    near = selectors.Near(point=Point(float(CENTRE[0]), float(CENTRE[1])), miles=3, postcode="")
    found = selectors.services_found()
    nearby = selectors.services_near(found=found, near=near, page=1, per_page=50)

    assert [service.name_en for service, _miles in nearby.services] == [
        "Under a mile",
        "Two miles",
    ]
    assert nearby.total == 2
    assert nearby.left_out == 2
    assert nearby.services[0][1] == pytest.approx(0.69, abs=0.01)


def test_a_search_near_a_postcode_takes_the_same_queries_however_many_it_finds(
    client, cardiff, django_assert_max_num_queries
):
    with django_assert_max_num_queries(50) as few:
        search(client, postcode="CF10 1AA", distance="10")
    for number in range(6):
        place(make_service(council=cardiff, name_en=f"More {number}"), "0.02")
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        page = search(client, postcode="CF10 1AA", distance="10")
    assert "10 services found" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_welsh_pages_say_how_far_in_welsh(client, cardiff):
    client.cookies["language"] = "cy"
    page = search(client, postcode="CF10 1AA", distance="1")
    assert "Tua 0.7 milltir i ffwrdd" in page


def test_a_search_without_a_distance_shows_the_distance_it_used(client, cardiff):
    page = search(client, postcode="CF10 1AA")
    assert '<option value="3" selected>' in page

"""The directory's public pages name a Welsh council by its official Welsh name on a Welsh page:
the finder's results and list of places, a service's page, the care leavers' local offers and
the SEND local offers."""

import re

import pytest
from django.utils import translation

from childrights.councils.models import Council
from childrights.directory.models import Need
from childrights.directory.tests.test_finder import make_service
from childrights.directory.tests.test_local_offer import make_offer
from childrights.testing.factories import make_council

pytestmark = pytest.mark.django_db

WELSH = "Cyngor Bwrdeistref Sirol Wrecsam"
WELSH_SHORT = "Wrecsam"
ENGLISH = "Wrexham County Borough Council"


@pytest.fixture(autouse=True)
def english_after():
    with translation.override("en"):
        yield


@pytest.fixture
def wrexham():
    council = Council.objects.get(gss_code="W06000006")
    assert council.name == ENGLISH
    return council


def _page(client, path, language="cy", **query):
    client.cookies["language"] = language
    response = client.get(path, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_finder_names_the_place_and_lists_it_in_welsh(client, wrexham):
    make_service(council=wrexham, name_en="Youth club", description_en="Football.")
    make_service(council=make_council(name="Xylo Council", short_name="Xylo"), name_en="Drama club")

    page = _page(client, "/services/", q="football")

    assert f"({WELSH_SHORT})" in page
    select = re.search(r'<select name="council"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    # In the order of the names shown: Wrecsam before Xylo.
    assert re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))[1:] == [
        WELSH_SHORT,
        "Xylo",
    ]


def test_a_services_page_names_its_council_in_welsh_and_english(client, wrexham):
    service = make_service(council=wrexham, name_en="Youth club")
    assert f"Cyngor: {WELSH}" in _page(client, f"/services/{service.pk}/")
    assert f"Council: {ENGLISH}" in _page(client, f"/services/{service.pk}/", "en-gb")


def test_the_care_leavers_local_offers_name_the_council_in_welsh(client, wrexham):
    make_offer(wrexham)
    assert f">{WELSH}</a>" in _page(client, "/local-offers/")
    page = _page(client, "/local-offers/W06000006/")
    assert f'<span class="govuk-caption-l">{WELSH}</span>' in page
    assert ENGLISH not in page


def test_the_send_local_offers_name_the_council_in_welsh(client, wrexham):
    make_service(
        council=wrexham,
        name_en="Short breaks",
        needs=[Need.objects.get(code="disability-and-send")],
    )
    assert f">{WELSH}</a>" in _page(client, "/send-local-offers/")
    page = _page(client, "/send-local-offers/W06000006/")
    assert f'<span class="govuk-caption-l">{WELSH}</span>' in page
    assert ENGLISH not in page

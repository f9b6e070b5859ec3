"""A Welsh council's partner page, and the list of partners, name it by its official Welsh name
on a Welsh page and by its English name on an English one."""

import pytest
from django.utils import translation

from childrights.councils.models import Council
from childrights.testing.factories import make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_after():
    with translation.override("en"):
        yield


@pytest.fixture
def rhondda():
    council = Council.objects.get(gss_code="W06000016")
    make_partnership(council=council, slug="rhondda-cynon-taf")
    return council


def _page(client, path, language):
    client.cookies["language"] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_welsh_partner_page_is_headed_by_the_welsh_name_in_welsh(client, rhondda):
    page = _page(client, "/partners/rhondda-cynon-taf/", "cy")
    assert '<h1 class="govuk-heading-xl">Cyngor Bwrdeistref Sirol Rhondda Cynon Taf</h1>' in page
    assert "<title>Cyngor Bwrdeistref Sirol Rhondda Cynon Taf" in page
    assert "Rhondda Cynon Taf County Borough Council" not in page


def test_a_welsh_partner_page_is_in_english_in_english(client, rhondda):
    page = _page(client, "/partners/rhondda-cynon-taf/", "en-gb")
    assert '<h1 class="govuk-heading-xl">Rhondda Cynon Taf County Borough Council</h1>' in page
    assert "Cyngor Bwrdeistref Sirol" not in page


def test_the_list_of_partners_names_a_welsh_council_in_welsh(client, rhondda):
    page = _page(client, "/partners/", "cy")
    assert ">Cyngor Bwrdeistref Sirol Rhondda Cynon Taf</a>" in page

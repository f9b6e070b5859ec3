"""The published assessments register, a council's register and a published assessment name a
Welsh council by its official Welsh name on a Welsh page."""

import pytest
from django.utils import translation

from childrights.assessments.tests.test_register import published
from childrights.councils.models import Council

pytestmark = pytest.mark.django_db

WELSH = "Cyngor Sir Ceredigion"
ENGLISH = "Ceredigion County Council"


@pytest.fixture(autouse=True)
def english_after():
    with translation.override("en"):
        yield


@pytest.fixture
def shown():
    council = Council.objects.get(gss_code="W06000008")
    assert council.name == ENGLISH
    return published(council, title="Youth clubs: one new hub")


def _page(client, path, language="cy"):
    client.cookies["language"] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_register_names_the_council_in_welsh(client, shown):
    page = _page(client, "/published-assessments/")
    assert f">{WELSH}</a>" in page
    assert ENGLISH not in page


def test_a_councils_register_names_it_in_welsh(client, shown):
    page = _page(client, "/published-assessments/W06000008/")
    assert f'<span class="govuk-caption-l">{WELSH}</span>' in page
    assert ENGLISH not in page


def test_a_published_assessment_names_its_council_in_welsh(client, shown):
    page = _page(client, f"/published-assessments/W06000008/{shown.public_key}/")
    assert f"– {WELSH}</span>" in page
    assert ENGLISH not in page


def test_in_english_the_council_keeps_its_english_name(client, shown):
    page = _page(client, f"/published-assessments/W06000008/{shown.public_key}/", "en-gb")
    assert f"– {ENGLISH}</span>" in page

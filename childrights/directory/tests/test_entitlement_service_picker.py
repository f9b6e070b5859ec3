"""An entitlement's services are found by name and ticked, not listed one box per service: a
council may have thousands. It works without a script: Find services sends the form back with
what was entered, the services ticked and up to 20 services found, and saves nothing."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childrights.directory.forms.local_offer import SERVICES_FOUND
from childrights.directory.models import Entitlement, Organisation, Service
from childrights.directory.tests.test_finder import make_service

pytestmark = pytest.mark.django_db

ENTERED = {
    "area": "money",
    "title_en": "Setting-up-home allowance",
    "details_en": "Help with a first home.",
    "until_age": "25",
}


def _many_services(council, count: int, *, name: str = "Money coaching") -> None:
    organisation = Organisation.objects.create(council=council, name="Money Trust")
    Service.objects.bulk_create(
        Service(
            council=council,
            organisation=organisation,
            name_en=f"{name} {number:03d}",
            description_en="Help.",
        )
        for number in range(count)
    )


def _add_url(world) -> str:
    return reverse("directory:entitlement_add", args=[world.council_a.pk])


def test_the_page_lists_no_service_until_asked_and_its_queries_do_not_grow(world, signed_in):
    client = signed_in(world.owner)
    _many_services(world.council_a, 3)
    client.get(_add_url(world))
    with CaptureQueriesContext(connection) as few:
        page = client.get(_add_url(world)).content.decode()
    assert "Money coaching" not in page
    assert "Find a service to add" in page
    assert "No services chosen yet." in page

    _many_services(world.council_a, 60, name="Housing advice")
    with CaptureQueriesContext(connection) as many:
        client.get(_add_url(world))
    assert len(many) == len(few)

    search = ENTERED | {"find": "1", "service_search": "advice"}
    with CaptureQueriesContext(connection) as finding:
        page = client.post(_add_url(world), search).content.decode()
    assert page.count('name="services"') == SERVICES_FOUND
    assert len(finding) <= len(few) + 2


def test_finding_services_keeps_what_was_entered_and_saves_nothing(world, signed_in):
    client = signed_in(world.owner)
    _many_services(world.council_a, SERVICES_FOUND + 5)
    make_service(council=world.council_a, name_en="Drop-in")
    make_service(council=world.council_b, name_en="Money coaching elsewhere")

    response = client.post(_add_url(world), ENTERED | {"find": "1", "service_search": " COACH "})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Setting-up-home allowance"' in page
    assert "Help with a first home." in page
    assert "Services found for “COACH”" in page
    assert page.count('name="services"') == SERVICES_FOUND
    assert "Money coaching 000" in page
    assert f"Money coaching {SERVICES_FOUND:03d}" not in page  # only the first 20 by name
    assert "type more of the name to find others" in page
    assert "Drop-in" not in page
    assert "elsewhere" not in page  # another council's
    assert not Entitlement.objects.exists()


def test_a_found_service_is_ticked_kept_through_another_search_and_saved(world, signed_in):
    client = signed_in(world.owner)
    _many_services(world.council_a, 3)
    drop_in = make_service(council=world.council_a, name_en="Drop-in")
    coaching = Service.objects.get(name_en="Money coaching 001")

    # Ticked after the first search, then another search: the tick stays, listed as chosen.
    page = client.post(
        _add_url(world),
        ENTERED | {"find": "1", "service_search": "drop", "services": [str(coaching.pk)]},
    ).content.decode()
    assert "Services chosen" in page
    assert f'value="{coaching.pk}" checked' in page
    assert f'value="{drop_in.pk}">' in page  # found, not ticked

    response = client.post(
        _add_url(world),
        ENTERED | {"service_search": "drop", "services": [str(coaching.pk), str(drop_in.pk)]},
    )
    assert response.status_code == 302
    entitlement = Entitlement.objects.get()
    assert set(entitlement.services.all()) == {coaching, drop_in}


@pytest.mark.parametrize("search", ["", "   ", "x" * 101])
def test_a_search_with_nothing_or_too_much_typed_says_so_and_changes_nothing(
    world, signed_in, search
):
    client = signed_in(world.owner)
    _many_services(world.council_a, 3)
    page = client.post(
        _add_url(world), ENTERED | {"find": "1", "service_search": search}
    ).content.decode()
    assert "There is a problem" in page
    if search.strip():
        assert "Type fewer letters: at most 100" in page
    else:
        assert "Type part of a service’s name to find it" in page
    # Only the search is checked: the words entered are not refused.
    assert "Enter" not in page.split("There is a problem")[1].split("</ul>")[0]
    assert 'value="Setting-up-home allowance"' in page
    assert "Money coaching" not in page
    assert not Entitlement.objects.exists()


@pytest.mark.parametrize("sent", ["not-an-id", "other council", "unknown"])
def test_a_service_that_is_not_the_council_s_is_refused_in_words(world, signed_in, sent):
    client = signed_in(world.owner)
    other = make_service(council=world.council_b, name_en="Elsewhere")
    value = {"not-an-id": "not-an-id", "other council": str(other.pk), "unknown": str(uuid.uuid4())}
    response = client.post(_add_url(world), ENTERED | {"services": [value[sent]]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose services from the list" in page
    assert 'value="Setting-up-home allowance"' in page
    assert not Entitlement.objects.exists()


def test_changing_an_entitlement_shows_its_services_ticked_and_unticking_takes_one_off(
    world, signed_in
):
    client = signed_in(world.owner)
    _many_services(world.council_a, 2)
    first, second = Service.objects.order_by("name_en")
    client.post(_add_url(world), ENTERED | {"services": [str(first.pk), str(second.pk)]})
    entitlement = Entitlement.objects.get()
    url = reverse("directory:entitlement_edit", args=[world.council_a.pk, entitlement.pk])

    page = client.get(url).content.decode()
    assert f'value="{first.pk}" checked' in page
    assert f'value="{second.pk}" checked' in page

    assert client.post(url, ENTERED | {"services": [str(second.pk)]}).status_code == 302
    assert list(entitlement.services.all()) == [second]


def test_the_picker_is_in_welsh_for_staff_who_choose_welsh(world, signed_in):
    client = signed_in(world.owner)
    client.cookies["language"] = "cy"
    _many_services(world.council_a, 2)
    page = client.post(
        _add_url(world), ENTERED | {"find": "1", "service_search": "coaching"}
    ).content.decode()
    assert "Dod o hyd i wasanaeth i’w ychwanegu" in page
    assert "Gwasanaethau a ddaeth i’r golwg ar gyfer “coaching”" in page
    assert "Money coaching 000" in page

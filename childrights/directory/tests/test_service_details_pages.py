"""A service's own staff page and the pages that change where it is offered, when it is open and
whom to ask: members see them, editors change them through them, read-only members get 403,
anything of another service or council is 404, and what the public sees follows."""

from datetime import time

import pytest
from django.utils.translation import override

from childrights.directory.models import (
    Contact,
    Location,
    OpeningTime,
    Service,
    ServiceAtLocation,
    ServiceChange,
)
from childrights.directory.service_details import (
    contact_add,
    opening_time_add,
    place_add_new,
)
from childrights.directory.services import organisation_create, service_create
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages in English, whatever language a page asked for earlier in this process."""
    with override("en"):
        yield


def _service(world, name="Youth club", council=None):
    council = council or world.council_a
    organisation = organisation_create(
        actor=actor_for(world.owner), council=council, name="Aberfield Youth"
    )
    return service_create(
        actor=actor_for(world.owner),
        council=council,
        values={"organisation": organisation, "name_en": name, "description_en": "Games."},
    )


@pytest.fixture
def service(world):
    return _service(world)


def _url(service, rest=""):
    return f"/councils/{service.council_id}/services/{service.pk}/{rest}"


def _place(**overrides):
    return {
        "name": "The Hub",
        "address": "1 High Street",
        "town": "Aberfield",
        "postcode": "AB1 2CD",
        **overrides,
    }


def _full(service):
    """The service at a place, open on Mondays, with a contact, added by its first author."""
    actor = actor_for(service.changes.get().changed_by)
    at = place_add_new(actor=actor, service=service, values=_place())
    opening = opening_time_add(
        actor=actor, service=service, day=0, opens_at=time(16), closes_at=time(18)
    )
    contact = contact_add(actor=actor, service=service, values={"name": "Sam Jones"})
    return at.location, opening, contact


def _counts():
    return (
        Location.objects.count(),
        ServiceAtLocation.objects.count(),
        OpeningTime.objects.count(),
        Contact.objects.count(),
        ServiceChange.objects.count(),
    )


def test_the_service_page_lists_places_times_and_contacts_with_links_to_change_them(
    world, signed_in, service
):
    location, opening, contact = _full(service)
    response = signed_in(world.member).get(_url(service))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The Hub, Aberfield" in page
    assert "1 High Street" in page
    assert "16:00–18:00" in page
    assert "Sam Jones" in page
    for link in (
        _url(service, f"places/{location.pk}/"),
        _url(service, f"places/{location.pk}/remove/"),
        _url(service, "places/new/"),
        _url(service, f"opening-times/{opening.pk}/"),
        _url(service, f"opening-times/{opening.pk}/remove/"),
        _url(service, "opening-times/add/"),
        _url(service, f"contacts/{contact.pk}/"),
        _url(service, f"contacts/{contact.pk}/remove/"),
        _url(service, "contacts/add/"),
    ):
        assert f'href="{link}"' in page, link
    listing = signed_in(world.member).get(f"/councils/{world.council_a.pk}/services/")
    assert f'href="{_url(service)}"' in listing.content.decode()


def test_a_read_only_member_reads_the_page_without_links_and_is_refused_every_change(
    world, signed_in, service
):
    location, opening, contact = _full(service)
    client = signed_in(make_user(role="elected-member", council=world.council_a))
    page = client.get(_url(service)).content.decode()
    assert "Sam Jones" in page
    assert "places/new/" not in page
    assert "remove/" not in page
    assert client.post(_url(service)).status_code == 405
    before = _counts()
    for rest in (
        "places/new/",
        "places/choose/",
        f"places/{location.pk}/",
        f"places/{location.pk}/remove/",
        "opening-times/add/",
        f"opening-times/{opening.pk}/",
        f"opening-times/{opening.pk}/remove/",
        "contacts/add/",
        f"contacts/{contact.pk}/",
        f"contacts/{contact.pk}/remove/",
    ):
        assert client.get(_url(service, rest)).status_code == 403, rest
        assert client.post(_url(service, rest), _place()).status_code == 403, rest
    assert _counts() == before


def test_outsiders_get_404_and_so_does_a_part_of_another_service(world, signed_in, service):
    location, opening, contact = _full(service)
    other = _service(world, name="Counselling")
    for rest in (
        "",
        f"places/{location.pk}/",
        f"opening-times/{opening.pk}/remove/",
        f"contacts/{contact.pk}/",
    ):
        assert signed_in(world.outsider).get(_url(service, rest)).status_code == 404, rest
        assert signed_in(world.member).get(_url(other, rest)).status_code == (
            200 if rest == "" else 404
        ), rest


def test_adding_a_new_place_through_its_page(world, signed_in, service):
    client = signed_in(world.member)
    assert client.get(_url(service, "places/new/")).status_code == 200
    response = client.post(_url(service, "places/new/"), _place(address_hidden="on"))
    assert response.status_code == 302
    assert response.url == _url(service)
    location = service.at_locations.get().location
    assert location.address_hidden
    assert location.council == world.council_a
    history = client.get(_url(service, "history/")).content.decode()
    assert "The Hub, Aberfield added" in history


def test_a_place_typed_wrong_shows_the_reasons_and_adds_nothing(world, signed_in, service):
    before = _counts()
    response = signed_in(world.member).post(
        _url(service, "places/new/"),
        _place(name="", postcode="12345", latitude="51.5", longitude="nowhere"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the name of the place" in page
    assert "Enter the coordinates as numbers, like 51.4816" in page
    assert _counts() == before
    response = signed_in(world.member).post(
        _url(service, "places/new/"), _place(postcode="12345", latitude="51.5")
    )
    page = response.content.decode()
    assert "Enter a postcode, like CF10 1EP" in page
    assert "Give both the latitude and the longitude, or neither" in page
    assert _counts() == before


def test_choosing_one_of_the_councils_places_lists_only_its_own(world, signed_in, service):
    other = _service(world, name="Counselling")
    shared = place_add_new(actor=actor_for(world.owner), service=other, values=_place()).location
    theirs = Location.objects.create(council=world.council_b, name="Bramley Hall", town="Bramley")
    client = signed_in(world.member)
    page = client.get(_url(service, "places/choose/")).content.decode()
    assert "The Hub, 1 High Street, Aberfield, AB1 2CD" in page
    assert "Bramley Hall" not in page
    response = client.post(_url(service, "places/choose/"), {"location": str(theirs.pk)})
    assert "Choose one of the places listed" in response.content.decode()
    assert not service.at_locations.exists()
    response = client.post(_url(service, "places/choose/"), {"location": str(shared.pk)})
    assert response.status_code == 302
    assert service.at_locations.get().location == shared


def test_changing_a_shared_place_says_so_and_hides_its_address_from_the_public(
    world, signed_in, client, service
):
    location, _opening, _contact = _full(service)
    other = _service(world, name="Counselling")
    ServiceAtLocation.objects.create(service=other, location=location)
    Service.objects.filter(pk=service.pk).update(is_published=True)
    staff = signed_in(world.member)
    page = staff.get(_url(service, f"places/{location.pk}/")).content.decode()
    assert "1 other service is offered here too" in page
    assert 'value="1 High Street"' in page
    response = staff.post(_url(service, f"places/{location.pk}/"), _place(address_hidden="on"))
    assert response.status_code == 302
    assert other.changes.filter(changed_by=world.member).count() == 1
    staff.post("/accounts/logout/")
    public = client.get(f"/services/{service.pk}/").content.decode()
    assert "1 High Street" not in public
    assert "AB1 2CD" not in public
    assert "Aberfield" in public
    assert "Sam Jones" in public


def test_sending_a_place_unchanged_records_no_version(world, signed_in, service):
    location, _opening, _contact = _full(service)
    before = _counts()
    response = signed_in(world.member).post(_url(service, f"places/{location.pk}/"), _place())
    assert response.status_code == 302
    assert _counts() == before


def test_stopping_a_service_at_a_place_asks_first(world, signed_in, service):
    location, _opening, _contact = _full(service)
    client = signed_in(world.member)
    page = client.get(_url(service, f"places/{location.pk}/remove/")).content.decode()
    assert "Stop offering Youth club at The Hub?" in page
    assert "No other service is offered there, so the place is removed as well." in page
    assert client.post(_url(service, f"places/{location.pk}/remove/")).status_code == 302
    assert not Location.objects.exists()


def test_opening_times_through_their_pages(world, signed_in, service):
    client = signed_in(world.member)
    assert client.get(_url(service, "opening-times/add/")).status_code == 200
    data = {"day": "0", "opens_at": "16:00", "closes_at": "18:00"}
    assert client.post(_url(service, "opening-times/add/"), data).status_code == 302
    again = client.post(_url(service, "opening-times/add/"), data)
    assert "The service already has this opening time." in again.content.decode()
    wrong = client.post(
        _url(service, "opening-times/add/"), {"day": "1", "opens_at": "18:00", "closes_at": "4pm"}
    )
    assert "Enter the time it closes on the 24-hour clock, like 18:00" in wrong.content.decode()
    backwards = client.post(
        _url(service, "opening-times/add/"), {"day": "1", "opens_at": "18:00", "closes_at": "16:00"}
    )
    assert "The closing time must be after the opening time" in backwards.content.decode()
    opening = service.opening_times.get()
    edit = _url(service, f"opening-times/{opening.pk}/")
    assert 'value="16:00"' in client.get(edit).content.decode()
    assert client.post(edit, data | {"closes_at": "19:00"}).status_code == 302
    opening.refresh_from_db()
    assert opening.closes_at.hour == 19
    remove = _url(service, f"opening-times/{opening.pk}/remove/")
    assert "Remove the opening time Monday 16:00–19:00?" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not service.opening_times.exists()
    history = client.get(_url(service, "history/")).content.decode()
    assert "Monday 16:00–18:00 added" in history
    assert "Monday 16:00–18:00 changed" in history
    assert "Monday 16:00–19:00 removed" in history


def test_contacts_through_their_pages(world, signed_in, service):
    client = signed_in(world.member)
    data = {"name": "Sam Jones", "title": "Youth worker", "phone": "", "email": "sam@"}
    wrong = client.post(_url(service, "contacts/add/"), data)
    assert "Enter an email address, like name@example.org" in wrong.content.decode()
    assert not service.contacts.exists()
    data["email"] = "sam@example.org"
    assert client.post(_url(service, "contacts/add/"), data).status_code == 302
    contact = service.contacts.get()
    edit = _url(service, f"contacts/{contact.pk}/")
    assert client.post(edit, data | {"phone": "01234 567890"}).status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "01234 567890"
    remove = _url(service, f"contacts/{contact.pk}/remove/")
    assert "Remove Sam Jones?" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not service.contacts.exists()


def test_the_service_page_and_a_form_in_welsh(world, signed_in, service):
    _full(service)
    client = signed_in(world.member)
    client.cookies["language"] = "cy"
    page = client.get(_url(service)).content.decode()
    assert "Ble mae’n cael ei gynnig" in page
    form = client.get(_url(service, "opening-times/add/")).content.decode()
    assert "Dydd Llun" in form

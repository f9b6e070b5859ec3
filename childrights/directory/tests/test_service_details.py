"""Where a service is offered, when it is open and whom to ask, as staff change them: each change
keeps a version of every service it touches and an audit event, a refused change changes
nothing, and the same change twice records nothing more."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from childrights.core.models import AuditEvent
from childrights.directory.models import (
    Contact,
    Location,
    OpeningTime,
    Service,
    ServiceAtLocation,
    ServiceChange,
)
from childrights.directory.presenters.records import history_rows
from childrights.directory.service_details import (
    contact_add,
    contact_remove,
    contact_update,
    location_update,
    opening_time_add,
    opening_time_remove,
    opening_time_update,
    place_add_existing,
    place_add_new,
    place_remove,
)
from childrights.directory.services import organisation_create, service_create
from childrights.testing.actors import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages in English, whatever language a page asked for earlier in this process."""
    with override("en"):
        yield


FOUR, SIX, SEVEN = datetime.time(16), datetime.time(18), datetime.time(19)


def _service(world, council=None, name="Youth club"):
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


def _place(**overrides):
    return {
        "name": "The Hub",
        "address": "1 High Street",
        "town": "Aberfield",
        "postcode": "ab1 2cd",
        **overrides,
    }


def _versions(service):
    """The service's versions after the one that added it, oldest first."""
    return list(service.changes.order_by("pk").values_list("changes", flat=True))[1:]


def _snapshot():
    return (
        list(Location.objects.values_list()),
        list(ServiceAtLocation.objects.values_list()),
        list(OpeningTime.objects.values_list()),
        list(Contact.objects.values_list()),
        ServiceChange.objects.count(),
        AuditEvent.objects.count(),
    )


# --- places -----------------------------------------------------------------------------------


def test_adding_a_new_place_keeps_a_version_and_an_audit_event(world, service):
    at = place_add_new(actor=actor_for(world.member), service=service, values=_place())
    location = at.location
    assert location.council == world.council_a
    assert location.postcode == "AB1 2CD"
    [version] = service.changes.filter(changed_by=world.member)
    before, after = version.changes["place"]
    assert before is None
    assert after["name"] == "The Hub"
    assert after["address"] == "1 High Street"
    created = AuditEvent.objects.filter(action="create", actor=world.member)
    assert {event.object_type for event in created} == {
        "directory.Location",
        "directory.ServiceAtLocation",
    }
    assert {event.council_id for event in created} == {world.council_a.pk}


def test_a_place_with_coordinates_needs_both_and_inside_the_uk(world, service):
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        place_add_new(
            actor=actor_for(world.member), service=service, values=_place(latitude="51.5")
        )
    assert refused.value.message_dict["longitude"] == [
        "Give both the latitude and the longitude, or neither"
    ]
    with pytest.raises(ValidationError) as refused:
        place_add_new(
            actor=actor_for(world.member),
            service=service,
            values=_place(latitude=Decimal("40.1"), longitude=Decimal("2.5")),
        )
    assert refused.value.message_dict == {
        "latitude": ["Enter a latitude in the UK, from 49.8 to 60.9"],
        "longitude": ["Enter a longitude in the UK, from -8.7 to 1.8"],
    }
    assert _snapshot() == before


def test_a_place_needs_a_name_a_town_and_a_postcode_that_looks_like_one(world, service):
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        place_add_new(
            actor=actor_for(world.member),
            service=service,
            values=_place(name=" ", town="", postcode="not a postcode"),
        )
    assert set(refused.value.message_dict) == {"name", "town", "postcode"}
    assert refused.value.message_dict["postcode"] == ["Enter a postcode, like CF10 1EP"]
    assert _snapshot() == before


def test_the_same_new_place_sent_twice_is_added_once(world, service):
    place_add_new(actor=actor_for(world.member), service=service, values=_place())
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        place_add_new(
            actor=actor_for(world.member), service=service, values=_place(postcode="AB12CD")
        )
    assert refused.value.messages == [
        "The service is already offered at a place with this address."
    ]
    assert _snapshot() == before


def test_a_place_of_the_council_can_be_shared_but_not_one_of_another_council(world, service):
    other = _service(world, name="Counselling")
    shared = place_add_new(actor=actor_for(world.owner), service=other, values=_place()).location
    place_add_existing(actor=actor_for(world.member), service=service, location=shared)
    assert set(shared.services_here.values_list("service__name_en", flat=True)) == {
        "Youth club",
        "Counselling",
    }
    with pytest.raises(ValidationError) as refused:
        place_add_existing(actor=actor_for(world.member), service=service, location=shared)
    assert refused.value.message_dict["location"] == [
        "The service is already offered at this place."
    ]

    theirs = Location.objects.create(council=world.council_b, name="Bramley Hub", town="Bramley")
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        place_add_existing(actor=actor_for(world.member), service=service, location=theirs)
    assert refused.value.message_dict["location"] == ["Choose a place of this council."]
    assert _snapshot() == before


def test_changing_a_shared_place_keeps_a_version_on_each_service_with_what_changed(world, service):
    other = _service(world, name="Counselling")
    location = place_add_new(
        actor=actor_for(world.owner), service=service, values=_place()
    ).location
    place_add_existing(actor=actor_for(world.owner), service=other, location=location)
    values = _place(
        address="2 High Street", address_hidden=True, latitude="51.48", longitude="-3.18"
    )
    location_update(actor=actor_for(world.member), location=location, values=values)
    location.refresh_from_db()
    assert location.address == "2 High Street"
    assert location.latitude == Decimal("51.48")
    for each in (service, other):
        version = each.changes.get(changed_by=world.member)
        before, after = version.changes["place"]
        assert before["address"] == "1 High Street"
        assert after["address"] == "2 High Street"
        assert after["address_hidden"] is True
        assert after["latitude"] == "51.480000"
        assert before["name"] == after["name"] == "The Hub"
        assert "getting_there_en" not in after
    event = AuditEvent.objects.get(action="update", object_type="directory.Location")
    assert set(event.detail["changed"]) == {"address", "address_hidden", "latitude", "longitude"}
    assert len(event.detail["services"]) == 2


def test_saving_a_place_unchanged_records_nothing(world, service):
    location = place_add_new(
        actor=actor_for(world.owner),
        service=service,
        values=_place(latitude=Decimal("51.5"), longitude=Decimal("-3.2")),
    ).location
    before = _snapshot()
    location_update(
        actor=actor_for(world.member),
        location=location,
        values=_place(postcode="AB1 2CD", latitude=Decimal("51.500000"), longitude="-3.2"),
    )
    assert _snapshot() == before


def test_a_refused_change_to_a_place_changes_nothing(world, service):
    location = place_add_new(
        actor=actor_for(world.owner), service=service, values=_place()
    ).location
    before = _snapshot()
    with pytest.raises(ValidationError):
        location_update(
            actor=actor_for(world.member), location=location, values=_place(longitude="-3")
        )
    assert _snapshot() == before


def test_stopping_a_service_at_a_shared_place_keeps_the_place_for_the_others(world, service):
    other = _service(world, name="Counselling")
    location = place_add_new(
        actor=actor_for(world.owner), service=service, values=_place()
    ).location
    at_other = place_add_existing(actor=actor_for(world.owner), service=other, location=location)
    at_service = service.at_locations.get()

    assert place_remove(actor=actor_for(world.member), at_location=at_service) is False
    assert Location.objects.filter(pk=location.pk).exists()
    assert list(other.at_locations.all()) == [at_other]
    assert not service.at_locations.exists()
    before, after = _versions(service)[-1]["place"]
    assert before["name"] == "The Hub"
    assert after is None

    assert place_remove(actor=actor_for(world.member), at_location=at_other) is True
    assert not Location.objects.filter(pk=location.pk).exists()
    deleted = AuditEvent.objects.filter(action="delete").values_list("object_type", flat=True)
    assert sorted(deleted) == [
        "directory.Location",
        "directory.ServiceAtLocation",
        "directory.ServiceAtLocation",
    ]


def test_a_change_to_a_place_moves_the_service_updated_time_not_its_checked_day(world, service):
    Service.objects.filter(pk=service.pk).update(
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        last_checked_on=datetime.date(2026, 1, 1),
    )
    place_add_new(actor=actor_for(world.member), service=service, values=_place())
    service.refresh_from_db()
    assert service.updated_at.year > 2026 or service.updated_at.month > 1
    assert service.last_checked_on == datetime.date(2026, 1, 1)


# --- opening times ----------------------------------------------------------------------------


def test_opening_times_added_changed_and_removed_each_keep_a_version(world, service):
    actor = actor_for(world.member)
    opening = opening_time_add(actor=actor, service=service, day=0, opens_at=FOUR, closes_at=SIX)
    opening_time_update(actor=actor, opening_time=opening, day=0, opens_at=FOUR, closes_at=SEVEN)
    opening_time_remove(actor=actor, opening_time=opening)
    assert [version["opening_time"] for version in _versions(service)] == [
        [None, [0, "16:00", "18:00"]],
        [[0, "16:00", "18:00"], [0, "16:00", "19:00"]],
        [[0, "16:00", "19:00"], None],
    ]
    assert not OpeningTime.objects.exists()
    actions = AuditEvent.objects.filter(object_type="directory.OpeningTime")
    assert sorted(actions.values_list("action", flat=True)) == ["create", "delete", "update"]
    assert set(actions.values_list("council_id", flat=True)) == {world.council_a.pk}


def test_an_opening_time_must_close_after_it_opens_and_not_be_listed_twice(world, service):
    actor = actor_for(world.member)
    opening = opening_time_add(actor=actor, service=service, day=0, opens_at=FOUR, closes_at=SIX)
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        opening_time_add(actor=actor, service=service, day=1, opens_at=SIX, closes_at=FOUR)
    assert refused.value.message_dict["closes_at"] == [
        "The closing time must be after the opening time"
    ]
    with pytest.raises(ValidationError) as refused:
        opening_time_add(actor=actor, service=service, day=0, opens_at=FOUR, closes_at=SIX)
    assert refused.value.messages == ["The service already has this opening time."]
    other = opening_time_add(actor=actor, service=service, day=2, opens_at=FOUR, closes_at=SIX)
    before = _snapshot()
    with pytest.raises(ValidationError):
        opening_time_update(actor=actor, opening_time=other, day=0, opens_at=FOUR, closes_at=SIX)
    assert _snapshot() == before
    opening_time_update(actor=actor, opening_time=opening, day=0, opens_at=FOUR, closes_at=SIX)
    assert _snapshot() == before


# --- contacts ---------------------------------------------------------------------------------


def test_contacts_added_changed_and_removed_each_keep_a_version(world, service):
    actor = actor_for(world.member)
    values = {"name": "Sam Jones", "title": "Youth worker", "phone": "01234 567890", "email": ""}
    contact = contact_add(actor=actor, service=service, values=values)
    contact_update(actor=actor, contact=contact, values=values | {"email": "sam@example.org"})
    contact_update(actor=actor, contact=contact, values=values | {"email": "sam@example.org"})
    contact_remove(actor=actor, contact=contact)
    added, changed, removed = (version["contact"] for version in _versions(service))
    assert added[0] is None
    assert added[1]["name"] == "Sam Jones"
    assert changed[0]["email"] == ""
    assert changed[1]["email"] == "sam@example.org"
    assert removed[1] is None
    assert not Contact.objects.exists()
    update = AuditEvent.objects.get(object_type="directory.Contact", action="update")
    assert update.detail["changed"] == {"email": ["", "sam@example.org"]}


def test_a_contact_needs_a_name_and_a_real_email_and_is_not_listed_twice(world, service):
    actor = actor_for(world.member)
    contact_add(actor=actor, service=service, values={"name": "Sam", "email": "sam@example.org"})
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        contact_add(actor=actor, service=service, values={"name": "", "email": "not an email"})
    assert set(refused.value.message_dict) == {"name", "email"}
    with pytest.raises(ValidationError) as refused:
        contact_add(
            actor=actor, service=service, values={"name": "sam", "email": "SAM@example.org"}
        )
    assert refused.value.messages == ["The service already has this contact."]
    assert _snapshot() == before


# --- the history page's words -----------------------------------------------------------------


def test_the_history_says_in_words_what_was_added_changed_and_removed(world, service):
    actor = actor_for(world.member)
    opening = opening_time_add(actor=actor, service=service, day=0, opens_at=FOUR, closes_at=SIX)
    opening_time_remove(actor=actor, opening_time=opening)
    at = place_add_new(actor=actor, service=service, values=_place())
    location_update(actor=actor, location=at.location, values=_place(address_hidden=True))
    contact_add(actor=actor, service=service, values={"name": "Sam", "title": "Youth worker"})
    rows = history_rows(service.changes.order_by("-pk"))
    contact, place_changed, place_added, removed, added = (row.fields[0] for row in rows[:5])
    assert (added.label, added.summary) == ("Opening times", "Monday 16:00–18:00 added")
    assert (added.before, added.after) == ("–", "Monday 16:00–18:00")
    assert removed.summary == "Monday 16:00–18:00 removed"
    assert place_added.summary == "The Hub, Aberfield added"
    assert "Street address: 1 High Street" in place_added.after
    assert place_changed.summary == "The Hub, Aberfield changed"
    assert "Keep the address private: No" in place_changed.before
    assert "Keep the address private: Yes" in place_changed.after
    assert "Street address" not in place_changed.after
    assert contact.label == "Contacts"
    assert contact.summary == "Sam added"
    assert "Role: Youth worker" in contact.after

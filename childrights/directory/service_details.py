"""Where, when and whom to ask: the places a service is offered at, its weekly opening times and
its contacts, as a council's staff change them.

Every write names the person acting, runs in one transaction, is audited, and keeps a version of
each service it changes (``ServiceChange``), so the history page answers "who changed where and
when a child can go". A version holds one key of ``PLACE``, ``OPENING_TIME`` or ``CONTACT``, its
value ``[before, after]``: ``None`` before for something added, ``None`` after for something
removed. A place shared by several services keeps a version on each. A write that changes
nothing saves and records nothing. Input is checked here rather than only in forms, so an import
or a command writing through these functions keeps the same rules.

A service's "updated" time moves with each change (the Open Referral UK API's
``modified_after`` finds it); the day it was last checked does not. A service's search words do
not include its places, times or contacts, so its search field stays as it is.
"""

import datetime
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.directory.models import (
    Contact,
    Location,
    OpeningTime,
    Service,
    ServiceAtLocation,
    ServiceChange,
)
from childrights.directory.postcodes import normalised as postcode_normalised

# The keys of a version these writes keep.
PLACE = "place"
OPENING_TIME = "opening_time"
CONTACT = "contact"

# What a location's writes may set; its council is the service's.
LOCATION_FIELDS = (
    "name",
    "address",
    "town",
    "postcode",
    "address_hidden",
    "latitude",
    "longitude",
    "getting_there_en",
    "getting_there_cy",
    "accessibility_en",
    "accessibility_cy",
)
CONTACT_FIELDS = ("name", "title", "phone", "email")

# The United Kingdom, with its islands, in degrees (WGS 84).
UK_LATITUDE = (Decimal("49.8"), Decimal("60.9"))
UK_LONGITUDE = (Decimal("-8.7"), Decimal("1.8"))
TIME_FORMAT = "%H:%M"
# Coordinates are kept to six decimal places (about 10 cm).
COORDINATE_PLACES = Decimal("0.000001")


# --- fetching, for a council's staff ----------------------------------------------------------


def service_place_or_404(
    *,
    request: HttpRequest,
    council_id: int,
    service_id: uuid.UUID,
    location_id: uuid.UUID,
    needs: str | None = None,
) -> ServiceAtLocation:
    """The service of the council in the URL offered at the location in the URL; 404 to anyone
    outside the council and for a location the service is not offered at."""
    return get_owned_or_404(
        ServiceAtLocation.objects.select_related("service__council", "location"),
        request=request,
        council_path="service__council",
        needs=needs,
        service_id=service_id,
        service__council_id=council_id,
        location_id=location_id,
    )


def opening_time_or_404(
    *,
    request: HttpRequest,
    council_id: int,
    service_id: uuid.UUID,
    opening_time_id: uuid.UUID,
    needs: str | None = None,
) -> OpeningTime:
    return get_owned_or_404(
        OpeningTime.objects.select_related("service__council"),
        request=request,
        council_path="service__council",
        needs=needs,
        pk=opening_time_id,
        service_id=service_id,
        service__council_id=council_id,
    )


def contact_or_404(
    *,
    request: HttpRequest,
    council_id: int,
    service_id: uuid.UUID,
    contact_id: uuid.UUID,
    needs: str | None = None,
) -> Contact:
    return get_owned_or_404(
        Contact.objects.select_related("service__council"),
        request=request,
        council_path="service__council",
        needs=needs,
        pk=contact_id,
        service_id=service_id,
        service__council_id=council_id,
    )


def service_places(service: Service) -> QuerySet[ServiceAtLocation]:
    """Where the service is offered, by town and name, each with how many services share it."""
    return (
        ServiceAtLocation.objects.filter(service=service)
        .select_related("location")
        .annotate(sharing=Count("location__services_here"))
        .order_by("location__town", "location__name", "pk")
    )


def places_to_add(service: Service) -> QuerySet[Location]:
    """The council's locations the service is not yet offered at."""
    return (
        Location.objects.filter(council_id=service.council_id)
        .exclude(services_here__service=service)
        .order_by("town", "name", "pk")
    )


def services_sharing(location: Location) -> int:
    """How many services are offered at the location."""
    return ServiceAtLocation.objects.filter(location=location).count()


# --- versions ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value.quantize(COORDINATE_PLACES))
    if isinstance(value, datetime.time):
        return value.strftime(TIME_FORMAT)
    return value


def location_state(location: Location) -> dict[str, Any]:
    """A location as a version keeps it: each field's value, and its id."""
    state = {name: _plain(getattr(location, name)) for name in LOCATION_FIELDS}
    return {"id": str(location.pk), **state}


def opening_time_state(opening_time: OpeningTime) -> list[Any]:
    """``[day, "HH:MM", "HH:MM"]``: the day as the model numbers it, Monday 0."""
    return [
        opening_time.day,
        _plain(opening_time.opens_at),
        _plain(opening_time.closes_at),
    ]


def contact_state(contact: Contact) -> dict[str, Any]:
    return {"id": str(contact.pk), **{name: getattr(contact, name) for name in CONTACT_FIELDS}}


def _record(
    *,
    actor: Actor,
    services: list[Service],
    key: str,
    before: Any,
    after: Any,
) -> None:
    """A version of each service, and its "updated" time moved."""
    person = actor.person
    ServiceChange.objects.bulk_create(
        ServiceChange(
            service=service,
            changed_by_id=person.pk if person is not None else None,
            changes={key: [before, after]},
        )
        for service in services
    )
    Service.objects.filter(pk__in=[service.pk for service in services]).update(
        updated_at=timezone.now()
    )


def _locked(service: Service) -> Service:
    """The service, its row locked until the write ends, so two writes to it take turns."""
    return Service.objects.select_related("council").select_for_update().get(pk=service.pk)


def _stripped(values: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"Not a field this write sets: {', '.join(sorted(unknown))}")
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }


def _full_clean(record: Location | OpeningTime | Contact, errors: dict[str, list[str]]) -> None:
    try:
        record.full_clean(exclude=["council", "service"], validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name not in errors:  # one clear message a field: ours, where we have one
                errors[name] = messages
    if errors:
        raise ValidationError(errors)


# --- places -----------------------------------------------------------------------------------


def _coordinate(value: Any) -> Decimal | None:
    """A latitude or longitude as a number of six decimal places (None when not given)."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).quantize(COORDINATE_PLACES)
    except ArithmeticError:
        raise ValidationError(_("Enter the coordinates as numbers, like 51.4816")) from None


def _location_check(location: Location) -> None:
    errors: dict[str, list[str]] = {}
    if location.postcode:
        written = postcode_normalised(location.postcode)
        if written is None:
            errors.setdefault("postcode", []).append(_("Enter a postcode, like CF10 1EP"))
        else:
            location.postcode = written
    latitude, longitude = _coordinate(location.latitude), _coordinate(location.longitude)
    location.latitude, location.longitude = latitude, longitude
    if (latitude is None) != (longitude is None):
        errors.setdefault("latitude" if latitude is None else "longitude", []).append(
            _("Give both the latitude and the longitude, or neither")
        )
    if latitude is not None and not UK_LATITUDE[0] <= latitude <= UK_LATITUDE[1]:
        errors.setdefault("latitude", []).append(_("Enter a latitude in the UK, from 49.8 to 60.9"))
    if longitude is not None and not UK_LONGITUDE[0] <= longitude <= UK_LONGITUDE[1]:
        errors.setdefault("longitude", []).append(
            _("Enter a longitude in the UK, from -8.7 to 1.8")
        )
    _full_clean(location, errors)


def _offered_at(
    *, actor: Actor, service: Service, location: Location, created: bool
) -> ServiceAtLocation:
    at_location = ServiceAtLocation.objects.create(service=service, location=location)
    _record(actor=actor, services=[service], key=PLACE, before=None, after=location_state(location))
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=at_location,
        council=service.council,
        detail={
            "service": str(service.pk),
            "location": str(location.pk),
            "new_location": created,
        },
    )
    return at_location


@transaction.atomic
def place_add_new(
    *, actor: Actor, service: Service, values: Mapping[str, Any]
) -> ServiceAtLocation:
    """Offer the service at a new location of its council. A second send of the same place (the
    same name, address, town and postcode where the service is already offered) is refused."""
    service = _locked(service)
    location = Location(council=service.council, **_stripped(values, LOCATION_FIELDS))
    _location_check(location)
    if service.at_locations.filter(
        location__name__iexact=location.name,
        location__address__iexact=location.address,
        location__town__iexact=location.town,
        location__postcode__iexact=location.postcode,
    ).exists():
        raise ValidationError(_("The service is already offered at a place with this address."))
    location.save()
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=location)
    return _offered_at(actor=actor, service=service, location=location, created=True)


@transaction.atomic
def place_add_existing(*, actor: Actor, service: Service, location: Location) -> ServiceAtLocation:
    """Offer the service at one of its council's locations."""
    service = _locked(service)
    if location.council_id != service.council_id:
        raise ValidationError({"location": _("Choose a place of this council.")})
    if ServiceAtLocation.objects.filter(service=service, location=location).exists():
        raise ValidationError({"location": _("The service is already offered at this place.")})
    return _offered_at(actor=actor, service=service, location=location, created=False)


@transaction.atomic
def location_update(*, actor: Actor, location: Location, values: Mapping[str, Any]) -> Location:
    """Change a location. Every service offered at it keeps a version with each changed field
    before and after (and the place's name, to say which place); nothing changed records
    nothing. Returns the location as it now is."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    before = location_state(location)
    for name, value in _stripped(values, LOCATION_FIELDS).items():
        setattr(location, name, value)
    _location_check(location)
    after = location_state(location)
    changed = [name for name in LOCATION_FIELDS if before[name] != after[name]]
    if not changed:
        return location
    location.save()
    shown = ["id", "name", "town", *changed]
    sharing = list(
        Service.objects.filter(at_locations__location=location).order_by("pk").select_for_update()
    )
    _record(
        actor=actor,
        services=sharing,
        key=PLACE,
        before={name: before[name] for name in shown},
        after={name: after[name] for name in shown},
    )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=location,
        detail={
            "changed": {name: [before[name], after[name]] for name in changed},
            "services": [str(service.pk) for service in sharing],
        },
    )
    return location


@transaction.atomic
def place_remove(*, actor: Actor, at_location: ServiceAtLocation) -> bool:
    """Stop offering the service at the location. The location itself is deleted only when no
    other service is offered there; returns whether it was."""
    service = _locked(at_location.service)
    found = (
        ServiceAtLocation.objects.select_related("location")
        .filter(pk=at_location.pk, service=service)
        .first()
    )
    if found is None:  # already removed: a second send of the same page
        return False
    location = found.location
    state = location_state(location)
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=found,
        council=service.council,
        detail={"service": str(service.pk), "location": str(location.pk)},
    )
    found.delete()
    _record(actor=actor, services=[service], key=PLACE, before=state, after=None)
    if ServiceAtLocation.objects.filter(location=location).exists():
        return False
    audit_record(action=AuditEvent.Action.DELETE, actor=actor, obj=location)
    location.delete()
    return True


# --- opening times ----------------------------------------------------------------------------


def _opening_time_check(opening_time: OpeningTime) -> None:
    errors: dict[str, list[str]] = {}
    opens, closes = opening_time.opens_at, opening_time.closes_at
    if opens is not None and closes is not None and opens >= closes:
        errors.setdefault("closes_at", []).append(
            _("The closing time must be after the opening time")
        )
    duplicate = (
        OpeningTime.objects.filter(
            service_id=opening_time.service_id,
            day=opening_time.day,
            opens_at=opens,
            closes_at=closes,
        )
        .exclude(pk=opening_time.pk)
        .exists()
    )
    if duplicate:
        errors.setdefault("__all__", []).append(_("The service already has this opening time."))
    _full_clean(opening_time, errors)


@transaction.atomic
def opening_time_add(
    *,
    actor: Actor,
    service: Service,
    day: int,
    opens_at: datetime.time,
    closes_at: datetime.time,
) -> OpeningTime:
    """Add a weekly opening time; the same day and times twice is refused."""
    service = _locked(service)
    opening_time = OpeningTime(service=service, day=day, opens_at=opens_at, closes_at=closes_at)
    _opening_time_check(opening_time)
    opening_time.save()
    _record(
        actor=actor,
        services=[service],
        key=OPENING_TIME,
        before=None,
        after=opening_time_state(opening_time),
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=opening_time,
        council=service.council,
        detail={"service": str(service.pk), "after": opening_time_state(opening_time)},
    )
    return opening_time


@transaction.atomic
def opening_time_update(
    *,
    actor: Actor,
    opening_time: OpeningTime,
    day: int,
    opens_at: datetime.time,
    closes_at: datetime.time,
) -> OpeningTime:
    """Change a weekly opening time; the same times again records nothing."""
    service = _locked(opening_time.service)
    opening_time = OpeningTime.objects.get(pk=opening_time.pk, service=service)
    before = opening_time_state(opening_time)
    opening_time.day, opening_time.opens_at, opening_time.closes_at = day, opens_at, closes_at
    if opening_time_state(opening_time) == before:
        return opening_time
    _opening_time_check(opening_time)
    opening_time.save()
    after = opening_time_state(opening_time)
    _record(actor=actor, services=[service], key=OPENING_TIME, before=before, after=after)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=opening_time,
        council=service.council,
        detail={"service": str(service.pk), "changed": [before, after]},
    )
    return opening_time


@transaction.atomic
def opening_time_remove(*, actor: Actor, opening_time: OpeningTime) -> None:
    service = _locked(opening_time.service)
    found = OpeningTime.objects.filter(pk=opening_time.pk, service=service).first()
    if found is None:  # already removed
        return
    before = opening_time_state(found)
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=found,
        council=service.council,
        detail={"service": str(service.pk), "before": before},
    )
    found.delete()
    _record(actor=actor, services=[service], key=OPENING_TIME, before=before, after=None)


# --- contacts ---------------------------------------------------------------------------------


def _contact_check(contact: Contact) -> None:
    errors: dict[str, list[str]] = {}
    duplicate = (
        Contact.objects.filter(
            service_id=contact.service_id,
            name__iexact=contact.name,
            title__iexact=contact.title,
            phone=contact.phone,
            email__iexact=contact.email,
        )
        .exclude(pk=contact.pk)
        .exists()
    )
    if duplicate:
        errors.setdefault("__all__", []).append(_("The service already has this contact."))
    _full_clean(contact, errors)


@transaction.atomic
def contact_add(*, actor: Actor, service: Service, values: Mapping[str, Any]) -> Contact:
    """Add someone to ask about the service; the same contact twice is refused."""
    service = _locked(service)
    contact = Contact(service=service, **_stripped(values, CONTACT_FIELDS))
    _contact_check(contact)
    contact.save()
    after = contact_state(contact)
    _record(actor=actor, services=[service], key=CONTACT, before=None, after=after)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=contact,
        council=service.council,
        detail={"service": str(service.pk)},
    )
    return contact


@transaction.atomic
def contact_update(*, actor: Actor, contact: Contact, values: Mapping[str, Any]) -> Contact:
    """Change a contact; the same values again record nothing."""
    service = _locked(contact.service)
    contact = Contact.objects.get(pk=contact.pk, service=service)
    before = contact_state(contact)
    for name, value in _stripped(values, CONTACT_FIELDS).items():
        setattr(contact, name, value)
    after = contact_state(contact)
    if after == before:
        return contact
    _contact_check(contact)
    contact.save()
    _record(actor=actor, services=[service], key=CONTACT, before=before, after=after)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        obj=contact,
        council=service.council,
        detail={
            "service": str(service.pk),
            "changed": {
                name: [before[name], after[name]]
                for name in CONTACT_FIELDS
                if before[name] != after[name]
            },
        },
    )
    return contact


@transaction.atomic
def contact_remove(*, actor: Actor, contact: Contact) -> None:
    service = _locked(contact.service)
    found = Contact.objects.filter(pk=contact.pk, service=service).first()
    if found is None:  # already removed
        return
    before = contact_state(found)
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=found,
        council=service.council,
        detail={"service": str(service.pk)},
    )
    found.delete()
    _record(actor=actor, services=[service], key=CONTACT, before=before, after=None)

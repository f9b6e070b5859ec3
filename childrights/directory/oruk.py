"""The directory as Open Referral UK publishes it (HSDS 3.0, UK profile): the reads behind the
API's nine GET endpoints and the standard's objects built from our records.

Only published services leave through here, whatever their status, and only fields a young person
could read on the service's public page. A hidden address (a refuge) never leaves: its location
gives its town and council, never its street, postcode or coordinates, nor directions to it.
Every id is one of our UUIDs; parts of a record the standard gives an id but we keep as fields
(an address, a language, a cost) get a UUID derived from their record's, so the same part keeps
the same id from one request to the next.

The core standard has no Welsh fields: the API speaks English, and says where Welsh is spoken in
the service's ``languages``. Query parameters are read here, not in the view, so the rules for
what a good value is sit with the queries they feed; a bad one raises ``BadQuery``, which the view
answers with 400.
"""

import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils.dateparse import parse_datetime

from childrights.directory.models import (
    Contact,
    Location,
    Need,
    OpeningTime,
    Organisation,
    Service,
    ServiceAtLocation,
    Taxonomy,
)
from childrights.directory.search_text import (
    SHORTEST,
    containing,
    holding,
    oldest_at_most_key,
    term_key,
    words_of,
    youngest_at_least_key,
)

JSON = dict[str, Any]
ModelT = TypeVar("ModelT", bound=Model)

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
DEFAULT_PER_PAGE = 50
# The most records one page holds, whatever a client asks for: a page is one query either way,
# but its size bounds the work and memory of one request.
MAX_PER_PAGE = 100
# The oldest age, in years, the age filters take.
MAX_AGE = 200
MAX_SEARCH_WORDS = 8
# The largest page number (or page size) asked: past it a client narrows its search instead.
MOST_PAGE = 10_000
# RFC 5545 day codes, in OpeningTime.Day's order (Monday is 0).
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class BadQuery(ValueError):
    """A query parameter or id the API cannot use; its message says which and why."""


# --- reading the request ---------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int


@dataclass(frozen=True)
class ServiceQuery:
    """What a client asked /services or /service_at_locations for."""

    words: tuple[str, ...] = ()
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    modified_after: datetime | None = None


def id_from(value: str, name: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadQuery(
            f"{name} must be a UUID, such as 3f7b145d-84af-42d7-8fae-eaca714b02b2."
        ) from None


def _whole_number(params: Mapping[str, str], name: str, default: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise BadQuery(f"{name} must be a whole number of 1 or more.")
    if int(value) > MOST_PAGE:
        raise BadQuery(f"{name} must be {MOST_PAGE:,} or less.")
    return int(value)


def paging_from(params: Mapping[str, str]) -> Paging:
    per_page = min(_whole_number(params, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    return Paging(page=_whole_number(params, "page", 1), per_page=per_page)


def _age(params: Mapping[str, str], name: str) -> float | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        age = float(value)
    except ValueError:
        age = -1
    if not 0 <= age <= MAX_AGE:
        raise BadQuery(f"{name} must be an age in years, a number from 0 to {MAX_AGE}.")
    return age


def _time(params: Mapping[str, str], name: str) -> time | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"{name} must be a time of day such as 09:30.") from None
    # Opening times are the place's own clock times: an offset given with one is set aside.
    return parsed.replace(tzinfo=None)


def _day(params: Mapping[str, str]) -> int | None:
    value = params.get("day", "").strip().lower()
    if not value:
        return None
    for days in (RRULE_DAYS, DAY_NAMES):
        if value in (day.lower() for day in days):
            return [day.lower() for day in days].index(value)
    raise BadQuery("day must be a day of the week, such as MO or Monday.")


def _optional_id(params: Mapping[str, str], name: str) -> uuid.UUID | None:
    value = params.get(name, "").strip()
    return id_from(value, name) if value else None


def _modified_after(params: Mapping[str, str]) -> datetime | None:
    value = params.get("modified_after", "").strip()
    if not value:
        return None
    try:
        parsed = parse_datetime(value) or datetime.combine(date.fromisoformat(value), time())
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise BadQuery("modified_after must be a date and time with its offset, in ISO 8601.")
    try:
        # In UTC: the database takes offsets up to 15:59 only, and ISO 8601 allows more.
        return parsed.astimezone(UTC)
    except OverflowError:
        raise BadQuery("modified_after must be a date and time after the year 1.") from None


def service_query_from(params: Mapping[str, str]) -> ServiceQuery:
    minimum_age, maximum_age = _age(params, "minimum_age"), _age(params, "maximum_age")
    return ServiceQuery(
        words=tuple(params.get("search", "").split()[:MAX_SEARCH_WORDS]),
        taxonomy_term_id=_optional_id(params, "taxonomy_term_id"),
        taxonomy_id=_optional_id(params, "taxonomy_id"),
        organization_id=_optional_id(params, "organization_id"),
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        day=_day(params),
        start_time=_time(params, "start_time"),
        end_time=_time(params, "end_time"),
        modified_after=_modified_after(params),
    )


# --- the queries -----------------------------------------------------------------------------


def published_services() -> QuerySet[Service]:
    """Every service the public may see: published, whatever its status, in any council."""
    return Service.objects.filter(is_published=True)


def _search(query: ServiceQuery) -> Q:
    """Every word searched begins a word of the service (its name, description, who it is for,
    what happens, organisation or needs, in English or Welsh), and the service meets the
    taxonomy term asked for and the ages asked for: one condition on its search keys, which an
    index answers (``search_text.py``; ``services_matching`` compares the ages as well). A word
    under three letters cannot begin a key, so it is looked for anywhere in the service's words
    instead."""
    # Each word searched may split further at punctuation: the terms are counted after it.
    tokens = list(dict.fromkeys(word for text in query.words for word in words_of(text)))
    tokens = tokens[:MAX_SEARCH_WORDS]
    keys: list[str | None] = [term_key(query.taxonomy_term_id)] if query.taxonomy_term_id else []
    if query.minimum_age is not None:
        keys.append(youngest_at_least_key(query.minimum_age))
    if query.maximum_age is not None:
        keys.append(oldest_at_most_key(query.maximum_age))
    found = holding([word for word in tokens if len(word) >= SHORTEST] + [k for k in keys if k])
    for word in tokens:
        if len(word) < SHORTEST:
            found &= containing(word)
    return found


def services_matching(query: ServiceQuery) -> QuerySet[Service]:
    """The published services a query asks for, in name order (then id, so pages are stable).

    The age parameters mean what the profile says: ``minimum_age`` keeps services whose youngest
    age is at least the value (no youngest age counts as 0), ``maximum_age`` those whose oldest
    age is at most the value (no oldest age means no limit, which is above any value). The age
    keys answer both in the index for the ages they hold; the ages are compared here too, so an
    age past them means the same.
    """
    services = published_services().filter(_search(query))
    need_links = Service.needs.through.objects.filter(service_id=OuterRef("pk"))
    if query.taxonomy_id:
        services = services.filter(Exists(need_links.filter(need__taxonomy_id=query.taxonomy_id)))
    if query.organization_id:
        services = services.filter(organisation_id=query.organization_id)
    if query.minimum_age is not None and query.minimum_age > 0:
        services = services.filter(minimum_age__gte=query.minimum_age)
    if query.maximum_age is not None:
        services = services.filter(maximum_age__lte=query.maximum_age)
    times = OpeningTime.objects.filter(service_id=OuterRef("pk"))
    if query.day is not None or query.start_time or query.end_time:
        if query.day is not None:
            times = times.filter(day=query.day)
        if query.start_time:
            times = times.filter(opens_at__gte=query.start_time)
        if query.end_time:
            times = times.filter(closes_at__lte=query.end_time)
        services = services.filter(Exists(times))
    if query.modified_after:
        services = services.filter(updated_at__gte=query.modified_after)
    return services.order_by("name_en", "id")


def _full_services(services: QuerySet[Service]) -> QuerySet[Service]:
    """Services with everything a fully nested service shows, in a fixed number of queries."""
    return services.select_related("organisation").prefetch_related(
        Prefetch("needs", queryset=Need.objects.select_related("taxonomy")),
        "opening_times",
        "contacts",
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related("location__council").order_by(
                "location__town", "location__name", "id"
            ),
        ),
    )


# --- the standard's objects ------------------------------------------------------------------


def _derived_id(owner: uuid.UUID, part: str) -> str:
    """A stable id for a part of a record that has no row of its own."""
    return str(uuid.uuid5(owner, part))


def _with(record: JSON, **optional: Any) -> JSON:
    """The record with each optional field that has a value (the standard's optional fields are
    left out rather than sent empty: an empty url or email is not a valid one)."""
    record.update({key: value for key, value in optional.items() if value not in ("", None)})
    return record


def organization_object(organisation: Organisation) -> JSON:
    return _with(
        {
            "id": str(organisation.id),
            "name": organisation.name,
            "description": organisation.description_en,
        },
        email=organisation.email,
        website=organisation.website,
    )


def _number(value: int | Decimal | None) -> int | float | None:
    return float(value) if isinstance(value, Decimal) else value


def service_summary(service: Service) -> JSON:
    """A service's one-to-one fields and its organisation, as /services lists it."""
    return _with(
        {
            "id": str(service.id),
            "organization_id": str(service.organisation_id),
            "name": service.name_en,
            "description": service.description_en,
            "status": service.status,
            "organization": organization_object(service.organisation),
        },
        url=service.url,
        email=service.email,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        assured_date=service.last_checked_on.isoformat() if service.last_checked_on else None,
        last_modified=service.updated_at.isoformat(),
        # HSDS 3.0 core fields the UK profile's schema does not list (it allows them).
        eligibility_description=service.who_for_en,
        application_process=service.how_to_ask_en,
        fees_description=service.cost_en,
    )


def taxonomy_term_object(need: Need) -> JSON:
    return _with(
        {
            "id": str(need.id),
            "name": need.name_en,
            "description": need.description_en,
            "taxonomy": need.taxonomy.name,
            "taxonomy_id": str(need.taxonomy_id),
            "term": need.name_en,
            "code": need.code,
            "language": "en",
        },
        parent_id=str(need.parent_id) if need.parent_id else None,
    )


def taxonomy_object(taxonomy: Taxonomy, terms: list[Need] | None = None) -> JSON:
    record = _with(
        {"id": str(taxonomy.id), "name": taxonomy.name, "description": taxonomy.description},
        uri=taxonomy.uri,
        version=taxonomy.version,
    )
    if terms is not None:
        record["taxonomy_terms"] = [taxonomy_term_object(term) for term in terms]
    return record


def _attribute(service: Service, need: Need) -> JSON:
    """The link the standard makes between a service and a taxonomy term."""
    return {
        "id": _derived_id(service.id, f"attribute:{need.id}"),
        "link_id": str(service.id),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": str(need.id),
        "taxonomy_term": taxonomy_term_object(need),
    }


def _schedule(service: Service, opening: OpeningTime) -> JSON:
    return {
        "id": str(opening.id),
        "service_id": str(service.id),
        "freq": "WEEKLY",
        "interval": 1,
        "byday": RRULE_DAYS[opening.day],
        "opens_at": opening.opens_at.strftime("%H:%M"),
        "closes_at": opening.closes_at.strftime("%H:%M"),
    }


def _phone(owner: uuid.UUID, number: str, **link: str) -> JSON:
    return {"id": _derived_id(owner, f"phone:{number}"), **link, "number": number}


def _contact(service: Service, contact: Contact) -> JSON:
    record = _with(
        {"id": str(contact.id), "service_id": str(service.id), "name": contact.name},
        title=contact.title,
        email=contact.email,
    )
    if contact.phone:
        record["phones"] = [_phone(contact.id, contact.phone, contact_id=str(contact.id))]
    return record


def _languages(service: Service) -> list[JSON]:
    """Welsh where it is spoken, then the other languages named, as HSDS 3.0 languages."""
    named = [("Welsh", "cy")] if service.welsh_spoken else []
    named += [(name.strip(), "") for name in service.other_languages.split(",") if name.strip()]
    return [
        _with(
            {"id": _derived_id(service.id, f"language:{name}"), "service_id": str(service.id)},
            name=name,
            code=code,
        )
        for name, code in named
    ]


def _cost_options(service: Service) -> list[JSON]:
    option: JSON = {"id": _derived_id(service.id, "cost"), "service_id": str(service.id)}
    if service.is_free:
        return [_with(option, amount=0, currency="GBP", option="Free")]
    return [_with(option, option="There is a charge", amount_description=service.cost_en)]


def location_summary(location: Location) -> JSON:
    """A location's one-to-one fields; for a hidden address, named by its town (a refuge's
    name can give its address away) and without coordinates."""
    record: JSON = {
        "id": str(location.id),
        "location_type": "physical",
        "name": location.town if location.address_hidden else location.name,
    }
    if not location.address_hidden:
        _with(
            record,
            latitude=_number(location.latitude),
            longitude=_number(location.longitude),
        )
    return record


def _address(location: Location) -> JSON:
    """The location's address; for a hidden one, its town and council and nothing else."""
    hidden = location.address_hidden
    return {
        "id": _derived_id(location.id, "address"),
        "location_id": str(location.id),
        "address_1": "" if hidden else location.address,
        "city": location.town,
        "state_province": location.council.short_name,
        "postal_code": "" if hidden else location.postcode,
        "country": "GB",
        "address_type": "physical",
    }


def location_object(location: Location) -> JSON:
    record = location_summary(location)
    record["addresses"] = [_address(location)]
    if location.accessibility_en and not location.address_hidden:
        # Like the finder, nothing of a hidden place but its town: how to get in describes it.
        record["accessibility"] = [
            {
                "id": _derived_id(location.id, "accessibility"),
                "location_id": str(location.id),
                "description": location.accessibility_en,
            }
        ]
    if location.getting_there_en and not location.address_hidden:
        # HSDS 3.0's "transportation": directions to a hidden address would give it away.
        record["transportation"] = location.getting_there_en
    return record


def _at_location(at_location: ServiceAtLocation, location: JSON) -> JSON:
    return {
        "id": str(at_location.id),
        "service_id": str(at_location.service_id),
        "location_id": str(at_location.location_id),
        "location": location,
    }


def service_object(service: Service) -> JSON:
    """A fully nested service, from a service fetched through ``_full_services``."""
    record = service_summary(service)
    record.update(
        schedules=[_schedule(service, opening) for opening in service.opening_times.all()],
        service_at_locations=[
            _at_location(at_location, location_object(at_location.location))
            for at_location in service.at_locations.all()
        ],
        languages=_languages(service),
        cost_options=_cost_options(service),
        contacts=[_contact(service, contact) for contact in service.contacts.all()],
        attributes=[_attribute(service, need) for need in service.needs.all()],
    )
    if service.phone:
        record["phones"] = [_phone(service.id, service.phone, service_id=str(service.id))]
    return record


def service_at_location_summary(at_location: ServiceAtLocation) -> JSON:
    record = _at_location(at_location, location_summary(at_location.location))
    record["service"] = service_summary(at_location.service)
    return record


# --- pages and records -----------------------------------------------------------------------


# A list counts its records up to this many (``selectors.COUNTED_UP_TO``, as the finder does).
COUNTED_UP_TO = 1000


def page_of(records: QuerySet[ModelT], paging: Paging, shown: Callable[[ModelT], JSON]) -> JSON:
    """One page in the standard's envelope. ``size`` is the number of records on this page, as
    the UK profile defines it; a page past the last is an empty page, not an error.

    Records are counted up to ``COUNTED_UP_TO``. Up to there, pages are in the order asked
    for, with ``total_items`` and ``total_pages``. Past it (a search of a million services that
    matches tens of thousands), counting and sorting them all would make every page slow: pages
    are then in id order, which an index gives at once, and the two totals, which the profile
    does not require, are left out; ``last_page`` still says whether there is a next page.
    """
    start = (paging.page - 1) * paging.per_page
    counted = records.order_by()[: COUNTED_UP_TO + 1].count()
    if counted <= COUNTED_UP_TO:
        contents = [shown(record) for record in records[start : start + paging.per_page]]
        total_pages = math.ceil(counted / paging.per_page)
        return {
            "total_items": counted,
            "total_pages": total_pages,
            "page_number": paging.page,
            "size": len(contents),
            "first_page": paging.page == 1,
            "last_page": paging.page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    window = list(records.order_by("pk")[start : start + paging.per_page + 1])
    contents = [shown(record) for record in window[: paging.per_page]]
    return {
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": len(window) <= paging.per_page,
        "empty": not contents,
        "contents": contents,
    }


def services_page(query: ServiceQuery, paging: Paging) -> JSON:
    services = services_matching(query).select_related("organisation")
    return page_of(services, paging, service_summary)


def service_found(service_id: uuid.UUID) -> JSON | None:
    service = _full_services(published_services().filter(pk=service_id)).first()
    return service_object(service) if service else None


def _published_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__is_published=True)


def service_at_locations_page(query: ServiceQuery, paging: Paging) -> JSON:
    at_locations = (
        _published_at_locations()
        .filter(service__in=services_matching(query).values("pk"))
        .select_related("service__organisation", "location")
        .order_by("service__name_en", "service_id", "location__town", "location__name", "id")
    )
    return page_of(at_locations, paging, service_at_location_summary)


def service_at_location_found(at_location_id: uuid.UUID) -> JSON | None:
    at_location = (
        _published_at_locations()
        .select_related("location__council")
        .filter(pk=at_location_id)
        .first()
    )
    if at_location is None:
        return None
    service = _full_services(Service.objects.filter(pk=at_location.service_id)).get()
    record = _at_location(at_location, location_object(at_location.location))
    record["service"] = service_object(service)
    return record


def taxonomies_page(paging: Paging) -> JSON:
    return page_of(Taxonomy.objects.order_by("name", "id"), paging, taxonomy_object)


def taxonomy_found(taxonomy_id: uuid.UUID) -> JSON | None:
    taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
    if taxonomy is None:
        return None
    terms = list(taxonomy.terms.select_related("taxonomy").order_by("name_en", "id"))
    return taxonomy_object(taxonomy, terms)


def taxonomy_terms_page(paging: Paging) -> JSON:
    terms = Need.objects.select_related("taxonomy").order_by("taxonomy__name", "name_en", "id")
    return page_of(terms, paging, taxonomy_term_object)


def taxonomy_term_found(term_id: uuid.UUID) -> JSON | None:
    need = Need.objects.select_related("taxonomy").filter(pk=term_id).first()
    return taxonomy_term_object(need) if need else None

"""The Open Referral UK API answers in the UK profile's own JSON Schemas (copied unchanged, with
their licence, in oruk_schema/), publishes only published services and never a hidden address."""

import json
import uuid
from datetime import time
from decimal import Decimal
from functools import cache
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from childrights.directory import oruk
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
from childrights.directory.services import services_search_refresh
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "oruk_schema"
API = "/api/oruk"
_sequence = count(1)


# --- the standard's schemas -------------------------------------------------------------------


@cache
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def _definition(name: str) -> dict[str, Any]:
    """One of the definitions the profile's service_with_definitions.json gathers (taxonomy and
    taxonomy_term have no compiled schema of their own in the profile)."""
    definitions = _schema("service_with_definitions")["definitions"]
    return {"$ref": f"#/definitions/{name}", "definitions": definitions}


def _page_schema() -> dict[str, Any]:
    page: dict[str, Any] = _schema("openapi")["components"]["schemas"]["Page"]
    return {**page, "required": [*page["properties"], "contents"]}


def assert_valid(instance: Any, schema: dict[str, Any]) -> None:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)
    ]
    assert not errors, errors


def assert_page_valid(page: dict[str, Any], item_schema: dict[str, Any]) -> None:
    assert_valid(page, _page_schema())
    assert page["contents"], "an empty page proves nothing about its items"
    for item in page["contents"]:
        assert_valid(item, item_schema)


# --- records ---------------------------------------------------------------------------------


def make_taxonomy(**overrides: Any) -> Taxonomy:
    n = next(_sequence)
    fields = {"slug": f"needs-{n}", "name": f"Needs {n}", "description": "What people look for"}
    return Taxonomy.objects.create(**(fields | overrides))


def make_need(taxonomy: Taxonomy, **overrides: Any) -> Need:
    n = next(_sequence)
    fields = {"code": f"need-{n}", "name_en": f"Need {n}", "description_en": "A need"}
    return Need.objects.create(taxonomy=taxonomy, **(fields | overrides))


def make_service(council: Any = None, **overrides: Any) -> Service:
    council = council or make_council()
    n = next(_sequence)
    organisation = overrides.pop("organisation", None) or Organisation.objects.create(
        council=council, name=f"Organisation {n}", website="https://example.org/"
    )
    fields = {
        "name_en": f"Service {n:04d}",
        "name_cy": f"Gwasanaeth {n}",
        "description_en": "Help for young people",
        "is_published": True,
    }
    service = Service.objects.create(
        council=council, organisation=organisation, **(fields | overrides)
    )
    # Written around service_create, so its search field is written as that would.
    services_search_refresh(Service.objects.filter(pk=service.pk))
    return service


def make_location(service: Service, **overrides: Any) -> Location:
    fields = {
        "name": "Youth centre",
        "address": "1 High Street",
        "town": "Exampleton",
        "postcode": "EX1 1AA",
    }
    location = Location.objects.create(council=service.council, **(fields | overrides))
    ServiceAtLocation.objects.create(service=service, location=location)
    return location


def make_full_service(council: Any = None, **overrides: Any) -> Service:
    """A service with something in every part the standard nests."""
    service = make_service(
        council,
        who_for_en="Young people leaving care",
        how_to_ask_en="Ring us",
        minimum_age=16,
        maximum_age=25,
        is_free=False,
        cost_en="£2 a session",
        welsh_spoken=True,
        other_languages="Polish, Arabic",
        url="https://example.org/service",
        email="help@example.org",
        phone="0113 000 0000",
        **overrides,
    )
    need = make_need(make_taxonomy())
    service.needs.add(need)
    services_search_refresh(Service.objects.filter(pk=service.pk))
    OpeningTime.objects.create(
        service=service, day=OpeningTime.Day.TUESDAY, opens_at=time(9), closes_at=time(17)
    )
    Contact.objects.create(
        service=service, name="Sam", title="Personal adviser", phone="0113 1", email="s@x.org"
    )
    make_location(
        service,
        latitude=Decimal("53.800000"),
        longitude=Decimal("-1.550000"),
        accessibility_en="Step-free",
        getting_there_en="Bus 4",
    )
    return service


def get(client: Any, path: str, status: int = 200, **params: Any) -> Any:
    response = client.get(f"{API}{path}", params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


# --- the endpoints validate against the profile -------------------------------------------------


def test_the_root_says_version_profile_and_where_the_openapi_document_is(client):
    about = get(client, "/")
    assert about["version"] == "3.0"
    assert about["profile"].startswith("https://")
    assert about["openapi_url"] == "http://testserver/api/oruk/openapi.json"
    document = client.get(about["openapi_url"]).json()
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }
    assert document["servers"] == [{"url": "http://testserver/api/oruk/"}]


def test_services_list_validates(client):
    make_full_service()
    make_service()
    assert_page_valid(get(client, "/services"), _schema("service_list"))


def test_a_fully_nested_service_validates_and_carries_every_part(client):
    service = make_full_service()
    record = get(client, f"/services/{service.pk}")
    assert_valid(record, _schema("service"))
    assert record["id"] == str(service.pk)
    assert record["name"] == service.name_en
    assert record["minimum_age"] == 16
    assert record["schedules"][0]["byday"] == "TU"
    assert record["schedules"][0]["opens_at"] == "09:00"
    assert record["contacts"][0]["phones"][0]["number"] == "0113 1"
    assert [language.get("code") for language in record["languages"]] == ["cy", None, None]
    assert [language["name"] for language in record["languages"]] == [
        "Welsh",
        "Polish",
        "Arabic",
    ]
    assert record["cost_options"][0]["amount_description"] == "£2 a session"
    [attribute] = record["attributes"]
    assert attribute["taxonomy_term_id"] == str(service.needs.get().pk)
    assert attribute["link_id"] == str(service.pk)
    [address] = record["service_at_locations"][0]["location"]["addresses"]
    assert (address["address_1"], address["postal_code"]) == ("1 High Street", "EX1 1AA")
    assert "Gwasanaeth" not in json.dumps(record), "the API speaks English"


def test_ids_of_derived_parts_are_the_same_on_every_request(client):
    service = make_full_service()
    first = get(client, f"/services/{service.pk}")
    assert get(client, f"/services/{service.pk}") == first


def test_service_at_locations_list_and_detail_validate(client):
    service = make_full_service()
    page = get(client, "/service_at_locations")
    assert_page_valid(page, _schema("service_at_location_list"))
    at_location = service.at_locations.get()
    assert page["contents"][0]["id"] == str(at_location.pk)
    record = get(client, f"/service_at_locations/{at_location.pk}")
    assert_valid(record, _schema("service_at_location"))
    assert record["service"]["id"] == str(service.pk)
    assert record["location"]["addresses"][0]["city"] == "Exampleton"


def test_taxonomies_and_terms_validate(client):
    taxonomy = make_taxonomy(uri="https://example.org/needs", version="1")
    parent = make_need(taxonomy)
    child = make_need(taxonomy, parent=parent)
    assert_page_valid(get(client, "/taxonomies"), _definition("taxonomy"))
    record = get(client, f"/taxonomies/{taxonomy.pk}")
    assert_valid(record, _definition("taxonomy"))
    assert {term["id"] for term in record["taxonomy_terms"]} == {str(parent.pk), str(child.pk)}
    assert_page_valid(get(client, "/taxonomy_terms"), _definition("taxonomy_term"))
    term = get(client, f"/taxonomy_terms/{child.pk}")
    assert_valid(term, _definition("taxonomy_term"))
    assert term["parent_id"] == str(parent.pk)
    assert term["taxonomy_id"] == str(taxonomy.pk)


# --- what never leaves -----------------------------------------------------------------------


def test_unpublished_services_appear_nowhere(client):
    shown = make_full_service(name_en="Shown drop-in")
    hidden = make_full_service(name_en="Hidden drop-in", is_published=False)
    hidden_at = hidden.at_locations.get()
    for path in ("/services", "/service_at_locations"):
        for search in ("", "drop-in"):
            text = json.dumps(get(client, path, search=search))
            assert shown.name_en in text
            assert str(hidden.pk) not in text
            assert hidden.name_en not in text
    get(client, f"/services/{hidden.pk}", status=404)
    get(client, f"/service_at_locations/{hidden_at.pk}", status=404)


@pytest.mark.parametrize("status", [choice for choice, _ in Service.Status.choices])
def test_published_services_appear_whatever_their_status(client, status):
    service = make_service(status=status)
    assert get(client, f"/services/{service.pk}")["status"] == status


def test_a_hidden_address_is_never_output_only_its_town(client):
    service = make_service()
    location = make_location(
        service,
        name="Refuge on Secret Row",
        address="7 Secret Row",
        postcode="SE7 7RT",
        town="Northtown",
        address_hidden=True,
        latitude=Decimal("51.123456"),
        longitude=Decimal("-2.654321"),
        getting_there_en="Turn left at Secret Row",
        accessibility_en="Ramp at the back door on Secret Row",
    )
    at_location = service.at_locations.get()
    answers = [
        get(client, "/services"),
        get(client, f"/services/{service.pk}"),
        get(client, "/service_at_locations"),
        get(client, f"/service_at_locations/{at_location.pk}"),
        get(client, "/service_at_locations", search="Northtown"),
    ]
    for answer in answers:
        text = json.dumps(answer)
        for secret in ("Secret Row", "SE7", "51.12", "-2.65", str(location.latitude)):
            assert secret not in text
    record = get(client, f"/services/{service.pk}")
    assert_valid(record, _schema("service"))
    [address] = record["service_at_locations"][0]["location"]["addresses"]
    assert address["city"] == "Northtown"
    assert record["service_at_locations"][0]["location"]["name"] == "Northtown"


# --- filters ---------------------------------------------------------------------------------


def _names(page: dict[str, Any]) -> set[str]:
    return {item["name"] for item in page["contents"]}


def _service_names(page: dict[str, Any]) -> set[str]:
    return {item["service"]["name"] for item in page["contents"]}


def test_search_finds_words_in_name_description_and_need(client):
    housing = make_need(make_taxonomy(), name_en="Somewhere to live", keywords_en="flat, homeless")
    flat = make_service(name_en="Room for you")
    flat.needs.add(housing)
    services_search_refresh(Service.objects.filter(pk=flat.pk))
    make_service(name_en="Food bank", description_en="Free food parcels")
    make_service(name_en="Counselling")
    assert _names(get(client, "/services", search="homeless")) == {"Room for you"}
    assert _names(get(client, "/services", search="FOOD parcels")) == {"Food bank"}
    assert _names(get(client, "/services", search="food homeless")) == set()
    assert get(client, "/services", search="nothing like it")["empty"] is True


def test_taxonomy_term_and_taxonomy_filters(client):
    needs, other = make_taxonomy(), make_taxonomy()
    term = make_need(needs)
    with_term = make_service(name_en="With term")
    with_term.needs.add(term)
    with_other = make_service(name_en="With other")
    with_other.needs.add(make_need(other))
    make_service(name_en="With none")
    # Needs added around service_update: their keys are written as services.py would.
    services_search_refresh(Service.objects.filter(pk__in=[with_term.pk, with_other.pk]))
    assert _names(get(client, "/services", taxonomy_term_id=term.pk)) == {"With term"}
    assert _names(get(client, "/services", taxonomy_id=other.pk)) == {"With other"}
    make_location(with_term)
    make_location(with_other)
    page = get(client, "/service_at_locations", taxonomy_term_id=term.pk)
    assert _service_names(page) == {"With term"}


def test_age_filters_mean_what_the_profile_says(client):
    make_service(name_en="Children", minimum_age=5, maximum_age=11)
    make_service(name_en="Teenagers", minimum_age=13, maximum_age=19)
    make_service(name_en="Care leavers", minimum_age=16, maximum_age=25)
    make_service(name_en="Anyone")
    assert _names(get(client, "/services", minimum_age=13)) == {"Teenagers", "Care leavers"}
    assert _names(get(client, "/services", maximum_age=19)) == {"Children", "Teenagers"}
    both = get(client, "/services", minimum_age="12.5", maximum_age=20)
    assert _names(both) == {"Teenagers"}
    assert len(get(client, "/services", minimum_age=0)["contents"]) == 4


def test_day_and_time_filters_use_opening_times(client):
    tuesday = make_service(name_en="Tuesday club")
    OpeningTime.objects.create(service=tuesday, day=1, opens_at=time(16), closes_at=time(18))
    make_service(name_en="No times")
    assert _names(get(client, "/services", day="TU")) == {"Tuesday club"}
    assert _names(get(client, "/services", day="Tuesday", start_time="15:00")) == {"Tuesday club"}
    assert _names(get(client, "/services", day="MO")) == set()
    assert _names(get(client, "/services", end_time="17:00")) == set()


def test_organization_filter(client):
    service = make_service(name_en="Theirs")
    make_service(name_en="Someone else's")
    page = get(client, "/services", organization_id=service.organisation_id)
    assert _names(page) == {"Theirs"}


# --- paging ----------------------------------------------------------------------------------


def _envelope(page: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
    return tuple(page[key] for key in keys)


def test_paging_envelope_numbers(client):
    for _ in range(5):
        make_service()
    assert _envelope(get(client, "/services", per_page=2)) == (5, 3, 1, 2, True, False, False)
    assert _envelope(get(client, "/services", per_page=2, page=2)) == (
        5,
        3,
        2,
        2,
        False,
        False,
        False,
    )
    assert _envelope(get(client, "/services", per_page=2, page=3)) == (
        5,
        3,
        3,
        1,
        False,
        True,
        False,
    )
    past = get(client, "/services", per_page=2, page=4)
    assert _envelope(past) == (5, 3, 4, 0, False, True, True)
    assert past["contents"] == []


def test_pages_hold_each_service_once_in_order(client):
    made = {make_service().name_en for _ in range(5)}
    names = [
        item["name"]
        for page in (1, 2, 3)
        for item in get(client, "/services", per_page=2, page=page)["contents"]
    ]
    assert names == sorted(made)


def test_past_the_counted_number_pages_are_in_id_order_without_totals(client, monkeypatch):
    monkeypatch.setattr(oruk, "COUNTED_UP_TO", 3)
    made = [make_service() for _ in range(5)]
    pages = [get(client, "/services", per_page=2, page=page) for page in (1, 2, 3, 4)]
    profile_page = _schema("openapi")["components"]["schemas"]["Page"]
    for page in pages:
        assert "total_items" not in page
        assert "total_pages" not in page
        # The profile's page, as it is written: neither total is required.
        assert_valid(page, profile_page)
        for item in page["contents"]:
            assert_valid(item, _schema("service_list"))
    assert [page["last_page"] for page in pages] == [False, False, True, True]
    assert [page["size"] for page in pages] == [2, 2, 1, 0]
    ids = [item["id"] for page in pages for item in page["contents"]]
    assert ids == sorted(str(service.pk) for service in made)
    # Up to the counted number, the totals are there and the order is by name.
    monkeypatch.setattr(oruk, "COUNTED_UP_TO", 5)
    assert get(client, "/services", per_page=2)["total_items"] == 5


def test_an_empty_directory_is_one_empty_page(client):
    assert _envelope(get(client, "/services")) == (0, 0, 1, 0, True, True, True)


def test_per_page_is_capped(client):
    council = make_council()
    organisation = Organisation.objects.create(council=council, name="Big")
    Service.objects.bulk_create(
        Service(
            council=council,
            organisation=organisation,
            name_en=f"Service {n:03d}",
            description_en="Help",
            is_published=True,
        )
        for n in range(101)
    )
    page = get(client, "/services", per_page=1000)
    assert (page["size"], page["total_pages"], page["last_page"]) == (100, 2, False)
    assert get(client, "/services")["size"] == 50


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/services", {"page": "0"}),
        ("/services", {"page": "-1"}),
        ("/services", {"per_page": "x"}),
        ("/services", {"per_page": "0"}),
        ("/services", {"taxonomy_term_id": "not-a-uuid"}),
        ("/services", {"taxonomy_id": "1"}),
        ("/services", {"organization_id": "x"}),
        ("/services", {"minimum_age": "old"}),
        ("/services", {"maximum_age": "-3"}),
        ("/services", {"maximum_age": "100000"}),
        ("/services", {"day": "Funday"}),
        ("/services", {"start_time": "noon"}),
        ("/services", {"modified_after": "yesterday"}),
        ("/service_at_locations", {"page": "0"}),
        ("/taxonomies", {"per_page": "x"}),
        ("/taxonomy_terms", {"page": "two"}),
        ("/services/not-a-uuid", {}),
        ("/service_at_locations/123", {}),
        ("/taxonomies/x", {}),
        ("/taxonomy_terms/x", {}),
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, path, params):
    answer = get(client, path, status=400, **params)
    assert answer["error"]


def test_the_document_gives_the_ages_and_days_the_filters_take(client):
    document = get(client, "/openapi.json")
    parameters = document["paths"]["/services"]["get"]["parameters"]
    for name in ("minimum_age", "maximum_age"):
        (schema,) = [p["schema"] for p in parameters if p["name"] == name]
        assert (schema["minimum"], schema["maximum"]) == (0, 200)
    get(client, "/services", maximum_age="200", minimum_age="0")
    (day,) = [p["schema"] for p in parameters if p["name"] == "day"]
    for value in day["enum"]:
        get(client, "/services", day=value)


@pytest.mark.parametrize(
    ("when", "status"),
    [
        ("0102-02-03T11:44:35.7253+16:50", 200),
        ("2026-12-01T09:00:00+14:00", 200),
        ("0001-01-01T00:10:00+16:50", 400),
    ],
)
def test_modified_after_takes_any_offset_iso_8601_allows(client, when, status):
    """The database takes offsets up to 15:59 only: times are put in UTC first."""
    get(client, "/services", status=status, modified_after=when)


@pytest.mark.parametrize(
    "path", ["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]
)
def test_unknown_ids_answer_404_in_json(client, path):
    assert get(client, f"{path}/{uuid.uuid4()}", status=404)["error"]


def test_only_get_is_answered(client):
    response = client.post(f"{API}/services")
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_signed_in_people_get_the_same_json(client):
    make_service()
    client.force_login(make_user())
    page = get(client, "/services")
    assert page["total_items"] == 1


# --- cost --------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_page_size(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    for _ in range(6):
        service = make_full_service()
        make_location(service, name="Second place")
    for path in ("/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"):
        with django_assert_max_num_queries(20) as small:
            get(client, path, per_page=1)
        with django_assert_num_queries(len(small.captured_queries)):
            get(client, path, per_page=6)


def test_a_service_costs_the_same_queries_however_much_it_holds(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    small, large = make_full_service(), make_full_service()
    for n in range(5):
        make_location(large, name=f"Place {n}")
        large.needs.add(make_need(make_taxonomy()))
        Contact.objects.create(service=large, name=f"Person {n}")
    for path in ("/services/{}",):
        with django_assert_max_num_queries(20) as few:
            get(client, path.format(small.pk))
        with django_assert_num_queries(len(few.captured_queries)):
            get(client, path.format(large.pk))


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "10001", "0", "-1", "1.5"])
def test_a_page_number_that_is_not_a_small_whole_number_is_a_400(client, value):
    make_service()
    page = get(client, "/services", status=400, page=value)
    assert "page" in page["error"]


def test_a_search_splitting_into_many_terms_counts_only_the_first_few(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_service(name_en="Youth club")
    with CaptureQueriesContext(connection) as queries:
        get(client, "/services", search=".".join(f"a{n}" for n in range(2000)))
    conditions = max(query["sql"].count("LIKE") for query in queries.captured_queries)
    assert conditions <= oruk.MAX_SEARCH_WORDS

"""The OpenAPI document of our Open Referral UK API, served at the address ``GET /`` gives.

It describes what this implementation does, not the whole profile: the nine GET endpoints, the
query parameters each honours, and for each response the UK profile's JSON Schema (by its
published address, so a client validates against the standard itself). Kept beside ``oruk.py``
and tested against its views, so the two cannot drift apart.
"""

from typing import Any

from childrights.directory.oruk import (
    DAY_NAMES,
    DEFAULT_PER_PAGE,
    HSDS_VERSION,
    MAX_AGE,
    MAX_PER_PAGE,
    MOST_PAGE,
    PROFILE_URL,
    RRULE_DAYS,
)

JSON = dict[str, Any]

SCHEMAS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema"
ATTRIBUTION = (
    "Human Services Data Specification: an Open Referral resource (https://openreferral.org/)."
)


def _parameter(name: str, description: str, kind: str = "string", **extra: Any) -> JSON:
    """An optional query parameter; given empty, it counts as not given."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "description": description,
        "schema": {"type": kind, **extra},
    }


PAGING = [
    _parameter(
        "page", "Page number of the results, from 1.", "integer", minimum=1, maximum=MOST_PAGE
    ),
    _parameter(
        "per_page",
        f"Records on a page: {DEFAULT_PER_PAGE} unless asked, at most {MAX_PER_PAGE} (a larger "
        f"number, up to {MOST_PAGE:,}, gives {MAX_PER_PAGE}).",
        "integer",
        minimum=1,
        maximum=MOST_PAGE,
    ),
]
SERVICE_FILTERS = [
    _parameter("search", "Words each found in the service's name, description or needs."),
    _parameter("taxonomy_term_id", "Services with this taxonomy term (a need).", format="uuid"),
    _parameter("taxonomy_id", "Services with any term of this taxonomy.", format="uuid"),
    _parameter("organization_id", "Services this organisation runs.", format="uuid"),
    _parameter(
        "minimum_age",
        f"Services whose minimum age is at least this, in years ({MAX_AGE} at most).",
        "number",
        minimum=0,
        maximum=MAX_AGE,
    ),
    _parameter(
        "maximum_age",
        f"Services whose maximum age is at most this, in years ({MAX_AGE} at most).",
        "number",
        minimum=0,
        maximum=MAX_AGE,
    ),
    _parameter(
        "day",
        "Services open on this day: MO to SU, or the day's English name (in any case).",
        enum=[*RRULE_DAYS, *(name.capitalize() for name in DAY_NAMES)],
    ),
    _parameter("start_time", "Services opening at or after this time (HH:MM).", format="time"),
    _parameter("end_time", "Services closing at or before this time (HH:MM).", format="time"),
    _parameter(
        "modified_after", "Services changed at or after this ISO 8601 time.", format="date-time"
    ),
]


def _path_id(what: str) -> list[JSON]:
    return [
        {
            "in": "path",
            "name": "id",
            "required": True,
            "description": f"The id (a UUID) of the {what}.",
            "schema": {"type": "string", "format": "uuid"},
        }
    ]


def _one(summary: str, schema: str, what: str) -> JSON:
    return {
        "parameters": _path_id(what),
        "get": {
            "summary": summary,
            "responses": {
                "200": _json(summary, {"$ref": f"{SCHEMAS}/{schema}"}),
                "400": _json("The id is not a UUID.", {"$ref": "#/components/schemas/Error"}),
                "404": _json(
                    "No such record is published.", {"$ref": "#/components/schemas/Error"}
                ),
            },
        },
    }


def _page(summary: str, schema: str, parameters: list[JSON]) -> JSON:
    page = {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {"contents": {"type": "array", "items": {"$ref": f"{SCHEMAS}/{schema}"}}},
    }
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": _json(summary, page),
                "400": _json("A parameter is wrong.", {"$ref": "#/components/schemas/Error"}),
            },
        }
    }


def _json(description: str, schema: JSON) -> JSON:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(server_url: str) -> JSON:
    """The document, with the API's own address as its server."""
    about = {
        "type": "object",
        "properties": {
            "version": {"type": "string"},
            "profile": {"type": "string", "format": "uri"},
            "openapi_url": {"type": "string", "format": "uri"},
        },
    }
    return {
        "openapi": "3.0.0",
        "info": {
            "title": "Services for children and young people: Open Referral UK",
            "version": HSDS_VERSION,
            "description": (
                "Published services of every council's directory, in the Open Referral UK "
                f"profile of HSDS {HSDS_VERSION} ({PROFILE_URL}). Open to all without a key; "
                f"English only. {ATTRIBUTION}"
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": {"get": {"summary": "About this API.", "responses": {"200": _json("", about)}}},
            "/services": _page(
                "Published services, their one-to-one fields.",
                "compiled/service_list.json",
                [*SERVICE_FILTERS, *PAGING],
            ),
            "/services/{id}": _one(
                "A published service, fully nested.", "compiled/service.json", "service"
            ),
            "/service_at_locations": _page(
                "Published services at each of their locations.",
                "compiled/service_at_location_list.json",
                [*SERVICE_FILTERS, *PAGING],
            ),
            "/service_at_locations/{id}": _one(
                "A published service at one location, fully nested.",
                "compiled/service_at_location.json",
                "service at location",
            ),
            "/taxonomies": _page("Taxonomies.", "taxonomy.json", PAGING),
            "/taxonomies/{id}": _one("A taxonomy and its terms.", "taxonomy.json", "taxonomy"),
            "/taxonomy_terms": _page("Taxonomy terms (needs).", "taxonomy_term.json", PAGING),
            "/taxonomy_terms/{id}": _one("A taxonomy term.", "taxonomy_term.json", "taxonomy term"),
        },
        "components": {
            "schemas": {
                "Page": {
                    "type": "object",
                    "required": [
                        "total_items",
                        "total_pages",
                        "page_number",
                        "size",
                        "first_page",
                        "last_page",
                        "empty",
                        "contents",
                    ],
                    "properties": {
                        "total_items": {"type": "integer"},
                        "total_pages": {"type": "integer"},
                        "page_number": {"type": "integer"},
                        "size": {"type": "integer", "description": "Records on this page."},
                        "first_page": {"type": "boolean"},
                        "last_page": {"type": "boolean"},
                        "empty": {"type": "boolean", "description": "This page has none."},
                        "contents": {"type": "array"},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                },
            }
        },
    }

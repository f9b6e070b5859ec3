"""The Open Referral UK API: read-only JSON, open to anyone without a key or a session.

The profile asks that every response carry ``Access-Control-Allow-Origin: *`` so a page on any
site can read it; errors included, so a client reads our message rather than a browser's CORS
refusal. Errors are JSON too: 400 with what was wrong, 404 for a record that does not exist or is
not published (the two look the same, so an unpublished service's id gives nothing away).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from childrights.directory import oruk
from childrights.directory.oruk_openapi import openapi_document

NOT_FOUND = "No published record has this id."


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def open_json(view: Callable[..., JsonResponse]) -> Callable[..., HttpResponse]:
    """GET only, any origin, and a bad parameter answered with 400 and its message. It reads no
    cookie and changes nothing, so it needs no CSRF check: any other method is answered 405."""

    @csrf_exempt
    @wraps(view)
    def answer(request: HttpRequest, **kwargs: str) -> HttpResponse:
        try:
            response: HttpResponse = require_GET(view)(request, **kwargs)
        except oruk.BadQuery as problem:
            response = _json({"error": str(problem)}, status=400)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return answer


def _found(record: dict[str, Any] | None) -> JsonResponse:
    return _json(record) if record is not None else _json({"error": NOT_FOUND}, status=404)


@open_json
def about(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": oruk.HSDS_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("directory:oruk_openapi")),
        }
    )


@open_json
def openapi(request: HttpRequest) -> JsonResponse:
    return _json(openapi_document(request.build_absolute_uri(reverse("directory:oruk_about"))))


@open_json
def services(request: HttpRequest) -> JsonResponse:
    query = oruk.service_query_from(request.GET)
    return _json(oruk.services_page(query, oruk.paging_from(request.GET)))


@open_json
def service(request: HttpRequest, oruk_id: str) -> JsonResponse:
    return _found(oruk.service_found(oruk.id_from(oruk_id)))


@open_json
def service_at_locations(request: HttpRequest) -> JsonResponse:
    query = oruk.service_query_from(request.GET)
    return _json(oruk.service_at_locations_page(query, oruk.paging_from(request.GET)))


@open_json
def service_at_location(request: HttpRequest, oruk_id: str) -> JsonResponse:
    return _found(oruk.service_at_location_found(oruk.id_from(oruk_id)))


@open_json
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _json(oruk.taxonomies_page(oruk.paging_from(request.GET)))


@open_json
def taxonomy(request: HttpRequest, oruk_id: str) -> JsonResponse:
    return _found(oruk.taxonomy_found(oruk.id_from(oruk_id)))


@open_json
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    return _json(oruk.taxonomy_terms_page(oruk.paging_from(request.GET)))


@open_json
def taxonomy_term(request: HttpRequest, oruk_id: str) -> JsonResponse:
    return _found(oruk.taxonomy_term_found(oruk.id_from(oruk_id)))

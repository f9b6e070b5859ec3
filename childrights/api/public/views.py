"""The pages of the public API and the open data: the API's reference page, the open data page,
each dataset as CSV and the data package. All public, read-only and open to any origin; all but
the open data page (which reads no records) share the public API's count of requests a client."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from childrights.api import datasets, open_data
from childrights.api.datasets import Dataset
from childrights.api.public.api import LARGEST_PAGE, ORUK_API, PAGE_SIZE, any_origin, throttled

EXAMPLE_ROWS = 1


def _example(request: HttpRequest, dataset: Dataset) -> str:
    """An example record, as the API would send it, from the records there are (none is
    made up: where there are none, there is no example)."""
    found = dataset.found()[:EXAMPLE_ROWS]
    context = datasets.Context(base_url=request.build_absolute_uri("/"))
    rows = datasets.rows(dataset, list(found), context)
    if not rows:
        return ""
    return json.dumps(
        {key: datasets.json_value(value) for key, value in rows[0].items()},
        ensure_ascii=False,
        indent=2,
    )


def _parameters(dataset: Dataset) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = [
        {"name": "page", "kind": "page", "example": "2"},
        {"name": "page_size", "kind": "page_size", "example": str(PAGE_SIZE)},
    ]
    if dataset.filtered_by_council:
        parameters.append({"name": "council", "kind": "council", "example": "W06000015"})
    if dataset.filtered_by_date:
        parameters.append({"name": "published_from", "kind": "from", "example": "2026-04-01"})
        parameters.append({"name": "published_to", "kind": "to", "example": "2027-03-31"})
    return parameters


@require_GET
@throttled
def reference(request: HttpRequest) -> HttpResponse:
    endpoints = []
    for dataset in datasets.DATASETS:
        path = reverse(f"public_api:{dataset.slug}")
        example_query = "?council=W06000015" if dataset.filtered_by_council else "?page=1"
        endpoints.append(
            {
                "dataset": dataset,
                "path": path,
                "example_url": request.build_absolute_uri(path + example_query),
                "parameters": _parameters(dataset),
                "example": _example(request, dataset),
            }
        )
    return render(
        request,
        "api/public/reference.html",
        {
            "endpoints": endpoints,
            "index_url": request.build_absolute_uri(reverse("public_api:index")),
            "openapi_url": request.build_absolute_uri(reverse("public_api:openapi-json")),
            "oruk_url": request.build_absolute_uri(ORUK_API),
            "oruk_openapi_url": request.build_absolute_uri(ORUK_API + "openapi.json"),
            "page_size": PAGE_SIZE,
            "largest_page": LARGEST_PAGE,
        },
    )


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/public/open_data.html",
        {
            "datasets": [
                {
                    "dataset": dataset,
                    "csv": reverse("open_data:csv", args=[dataset.slug]),
                    "api": reverse(f"public_api:{dataset.slug}"),
                }
                for dataset in datasets.DATASETS
            ],
            "package_url": reverse("open_data:package"),
        },
    )


@require_GET
@any_origin
@throttled
def package(request: HttpRequest) -> JsonResponse:
    document = open_data.data_package(
        homepage=request.build_absolute_uri(reverse("open_data:page"))
    )
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
@any_origin
@throttled
def dataset_csv(request: HttpRequest, dataset: str) -> HttpResponseBase:
    found = datasets.BY_SLUG.get(dataset)
    if found is None:
        return HttpResponse(
            "No such dataset.", status=404, content_type="text/plain; charset=utf-8"
        )
    response = StreamingHttpResponse(
        open_data.csv_lines(found, base_url=request.build_absolute_uri("/")),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{open_data.csv_name(found)}"'
    return response

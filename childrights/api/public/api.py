"""The public API, version 1: read-only JSON of everything published, open to any origin.

Each dataset in ``api.datasets`` is one paged list under ``/api/v1/<dataset>``, with its
response model made from the dataset's fields, so the OpenAPI document, the answers, the CSV and
the table schema all say the same. Every answer (errors and refusals included) carries
``Access-Control-Allow-Origin: *``. Requests are counted per client (an IPv4 address, or an IPv6
/64) in the database (``core.ratelimit``), so every app server sees the same count; the same count
covers the OpenAPI documents, the open data files and the API's reference page (``throttled``).
A refused request is not recorded, so a client that keeps asking cannot grow the table. The
OpenAPI document is built once a process (it changes only with a deploy).
"""

import datetime
import re
import threading
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, cast

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, reverse
from django.utils import translation
from django.utils.http import urlencode
from ninja import NinjaAPI, Query, Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.throttling import BaseThrottle
from pydantic import BaseModel, BeforeValidator, create_model
from pydantic import Field as Described

from childrights.api import datasets
from childrights.api.datasets import Dataset
from childrights.core.clients import client_key
from childrights.core.ratelimit import Limit, Refusal, rate_limit_allow

VERSION = "1"
PAGE_SIZE = 50
LARGEST_PAGE = 200
ORUK_API = "/api/oruk/"


def public_refusal(request: HttpRequest) -> Refusal | None:
    """Count one request against its client's allowance a minute, or refuse it (unrecorded)."""
    limit = Limit(
        scope="api:public",
        per_window=settings.PUBLIC_API_REQUESTS_PER_MINUTE,
        window=datetime.timedelta(minutes=1),
    )
    return rate_limit_allow(limit, client_key(request))


class SharedThrottle(BaseThrottle):
    """So many requests a minute from one client, counted in the database."""

    def __init__(self) -> None:
        self.refused = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        refusal = public_refusal(request)
        self.refused.minutes = refusal.retry_after_minutes if refusal else None
        return refusal is None

    def wait(self) -> float | None:
        minutes = getattr(self.refused, "minutes", None)
        return None if minutes is None else float(min(minutes, 1) * 60)


TOO_MANY = "Too many requests from this address: wait a minute, then ask again."


def throttled(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The public API's count for a view outside it (open data, the OpenAPI documents): past
    it, 429 with Retry-After, as the API answers."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if public_refusal(request) is not None:
            response = JsonResponse({"detail": TOO_MANY}, status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    return answer


class BuiltOnce(NinjaAPI):
    """An API whose OpenAPI document is built on its first request and then kept: it holds
    nothing but the code's own descriptions, so it changes only with a deploy."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, docs_decorator=throttled, **kwargs)
        self._documents: dict[tuple[str, str | None], OpenAPISchema] = {}
        self._documents_lock = threading.Lock()

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, translation.get_language())
        with self._documents_lock:
            if key not in self._documents:
                self._documents[key] = super().get_openapi_schema(path_prefix=path_prefix)
            return self._documents[key]


def any_origin(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Any website may read the answer (errors included, so a client sees our message rather
    than a browser's refusal)."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return answer


class PublicApi(BuiltOnce):
    """django-ninja, with every answer open to any origin."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = any_origin(pattern.callback)
        return patterns, app_name, namespace


class Problem(Schema):
    detail: Any = Described(description="What was wrong: a message, or a list of problems.")


class Paging(Schema):
    page: int = Described(1, ge=1, le=100_000, description="The page to show, from 1.")
    page_size: int = Described(
        PAGE_SIZE, ge=1, le=LARGEST_PAGE, description=f"Records a page, at most {LARGEST_PAGE}."
    )


class ByCouncil(Paging):
    council: str = Described(
        "",
        max_length=9,
        pattern=r"^[A-Za-z0-9]*$",
        description="Only this council's records: its GSS code, e.g. W06000015.",
    )


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _written_as_a_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would also take a number as seconds since 1970."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("Write the date as YYYY-MM-DD, for example 2026-04-01")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_written_as_a_date)]


class ByCouncilAndDate(ByCouncil):
    published_from: IsoDate | None = Described(
        None, description="Only records published on or after this date (YYYY-MM-DD)."
    )
    published_to: IsoDate | None = Described(
        None, description="Only records published on or before this date (YYYY-MM-DD)."
    )


ARRAY_TYPES: dict[str, Any] = {"string": list[str], "integer": list[int]}
PYTHON_TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": datetime.date,
    "datetime": datetime.datetime,
}


def _camel(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-"))


def record_model(dataset: Dataset) -> type[BaseModel]:
    """The pydantic model of one record, from the dataset's fields."""
    fields: dict[str, Any] = {}
    for each in dataset.fields:
        kind: Any = ARRAY_TYPES[each.item_type] if each.type == "array" else PYTHON_TYPES[each.type]
        if not each.required:
            kind = kind | None
        fields[each.name] = (kind, Described(description=each.description))
    return create_model(_camel(dataset.slug), **fields)


def page_model(dataset: Dataset) -> type[BaseModel]:
    return create_model(
        f"{_camel(dataset.slug)}Page",
        count=(int, Described(description="How many records match, on every page.")),
        page=(int, Described(description="This page's number.")),
        page_size=(int, Described(description="Records a page.")),
        next=(str | None, Described(description="The next page's address, if there is one.")),
        previous=(
            str | None,
            Described(description="The previous page's address, if there is one."),
        ),
        results=cast(
            Any,
            (list.__class_getitem__(record_model(dataset)), Described(description="The records.")),
        ),
    )


def page_of(
    request: HttpRequest,
    dataset: Dataset,
    paging: Paging,
    *,
    council: str = "",
    published_from: datetime.date | None = None,
    published_to: datetime.date | None = None,
) -> dict[str, Any]:
    found = dataset.found(council=council, published_from=published_from, published_to=published_to)
    pages = Paginator(found, paging.page_size)
    start = (paging.page - 1) * paging.page_size
    records = list(found[start : start + paging.page_size])
    count = pages.count
    context = datasets.Context(base_url=request.build_absolute_uri("/"))
    query: dict[str, str | int] = {key: request.GET[key] for key in request.GET if key != "page"}

    def link(page: int) -> str:
        return request.build_absolute_uri(request.path + "?" + urlencode({**query, "page": page}))

    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "next": link(paging.page + 1) if start + paging.page_size < count else None,
        "previous": link(paging.page - 1)
        if paging.page > 1 and start - paging.page_size < count
        else None,
        "results": [
            {key: datasets.json_value(value) for key, value in row.items()}
            for row in datasets.rows(dataset, records, context)
        ],
    }


def _operation(dataset: Dataset) -> Callable[..., dict[str, Any]]:
    if dataset.filtered_by_date:

        def dated(request: HttpRequest, filters: Query[ByCouncilAndDate]) -> dict[str, Any]:
            return page_of(
                request,
                dataset,
                filters,
                council=filters.council,
                published_from=filters.published_from,
                published_to=filters.published_to,
            )

        return dated
    if dataset.filtered_by_council:

        def by_council(request: HttpRequest, filters: Query[ByCouncil]) -> dict[str, Any]:
            return page_of(request, dataset, filters, council=filters.council)

        return by_council

    def listed(request: HttpRequest, filters: Query[Paging]) -> dict[str, Any]:
        return page_of(request, dataset, filters)

    return listed


THROTTLED = {
    "description": "Too many requests from this address: wait as many seconds as Retry-After says.",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before asking again.",
            "schema": {"type": "integer"},
        }
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def build() -> PublicApi:
    api = PublicApi(
        title="Rights at the Heart public API",
        version=VERSION,
        description=(
            "Read-only open data: the councils register, the children's rights framework, the "
            "programme's partners, published impact assessments, 'you said, we did' and progress "
            "summaries. Nothing unpublished is ever here. Each list is paged and, where it makes "
            "sense, filtered by council (GSS code) and by the date records were published. "
            f"Services for children and families are in the Open Referral UK API at {ORUK_API}."
        ),
        urls_namespace="public_api",
        docs_url=None,
        throttle=[SharedThrottle()],
    )

    class Dataset_(Schema):
        slug: str = Described(description="The dataset's short name.")
        title: str
        description: str
        url: str = Described(description="Its list in this API.")
        csv_url: str = Described(description="All of it as one CSV file.")
        licence: str

    class Index(Schema):
        datasets: list[Dataset_]
        openapi_url: str
        open_referral_uk_url: str = Described(
            description="The Open Referral UK API of services for children and families."
        )
        data_package_url: str = Described(description="The Frictionless data package.")

    @api.get("/", response=Index, summary="What this API holds", operation_id="index")
    def index(request: HttpRequest) -> dict[str, Any]:
        return {
            "datasets": [
                {
                    "slug": dataset.slug,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                    "url": request.build_absolute_uri(reverse(f"public_api:{dataset.slug}")),
                    "csv_url": request.build_absolute_uri(
                        reverse("open_data:csv", args=[dataset.slug])
                    ),
                    "licence": dataset.licence.title,
                }
                for dataset in datasets.DATASETS
            ],
            "openapi_url": request.build_absolute_uri(reverse("public_api:openapi-json")),
            "open_referral_uk_url": request.build_absolute_uri(ORUK_API),
            "data_package_url": request.build_absolute_uri(reverse("open_data:package")),
        }

    for dataset in datasets.DATASETS:
        api.get(
            f"/{dataset.slug}",
            response={200: page_model(dataset), 422: Problem},
            summary=str(dataset.title),
            description=str(dataset.description),
            operation_id=dataset.slug.replace("-", "_"),
            url_name=dataset.slug,
            openapi_extra={"responses": {"429": THROTTLED}},
        )(_operation(dataset))
    return api


public_api = build()

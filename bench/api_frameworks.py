"""Django REST framework against django-ninja: the same public endpoint, requested many times.

The endpoint is the councils register as the public API serves it: paged (50 a page), filtered
by nation, type and whether the council is current, each council with its successor's GSS code.
It is written three times over one shared query: a plain Django view (``JsonResponse`` over
Django's paginator, the baseline), Django REST framework (a ``ListAPIView`` with a
``ModelSerializer`` and ``PageNumberPagination``) and django-ninja (a ``Schema`` with
``@paginate(PageNumberPagination)``). Each is requested through Django's test client, so the
project's whole middleware stack runs, round-robin so noise falls on all three alike. It prints
the median and 95th percentile time of a request, the queries a request made, and each
framework's figures over the baseline's; then the time to build each framework's OpenAPI document
and its size.

    APP_ENV=test .venv/bin/python bench/api_frameworks.py --requests 2000

It makes its own SQLite database (the register from ``load_reference_data``) in a temporary
folder, or uses ``--database`` (a PostgreSQL URL whose database it migrates and fills).
"""

import argparse
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The URLconf below is this module: let Django import it by name when it runs as a script.
sys.modules.setdefault("bench.api_frameworks", sys.modules[__name__])

PAGE_SIZE = 50
# What a request asks for: the first page, later pages, and filters that find many or few.
QUERIES = [
    "",
    "?page=2",
    "?page=5",
    "?nation=wales",
    "?nation=england&current=true",
    "?nation=england&current=true&page=3",
    "?type=london-borough",
    "?nation=scotland&current=false",
]
urlpatterns: list[Any] = []
# The django-ninja API, once built (its OpenAPI document is measured).
NINJA: list[Any] = []


def build_urls() -> list[Any]:
    """The three implementations, built once Django is set up."""
    from django.core.paginator import Paginator
    from django.db.models import QuerySet
    from django.http import HttpRequest, JsonResponse
    from django.urls import path
    from ninja import NinjaAPI, Query, Schema
    from ninja import pagination as ninja_pagination
    from pydantic import Field

    # DRF ships no types: each use of it is Any to mypy (ADR 18).
    from rest_framework import (  # type: ignore[import-untyped]
        generics,
        pagination,
        serializers,
    )

    from childrights.councils.models import Council

    def register(
        nation: str = "", type: str = "", current: bool | None = None
    ) -> QuerySet[Council]:
        found = Council.objects.filter(is_demo=False).select_related("successor")
        if nation:
            found = found.filter(nation=nation)
        if type:
            found = found.filter(type=type)
        if current is not None:
            found = found.filter(end_date__isnull=current)
        return found.order_by("gss_code")

    def as_dict(council: Council) -> dict[str, Any]:
        return {
            "gss_code": council.gss_code,
            "name": council.name,
            "short_name": council.short_name,
            "name_cy": council.name_cy,
            "short_name_cy": council.short_name_cy,
            "nation": council.nation,
            "type": council.type,
            "website": council.website,
            "start_date": council.start_date.isoformat() if council.start_date else None,
            "end_date": council.end_date.isoformat() if council.end_date else None,
            "successor_gss_code": council.successor.gss_code if council.successor else None,
        }

    def flag(value: str | None) -> bool | None:
        return None if value in (None, "") else value == "true"

    # The baseline: plain Django.
    def plain(request: HttpRequest) -> JsonResponse:
        found = register(
            request.GET.get("nation", ""),
            request.GET.get("type", ""),
            flag(request.GET.get("current")),
        )
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        return JsonResponse(
            {"count": page.paginator.count, "items": [as_dict(c) for c in page.object_list]}
        )

    # Django REST framework.
    class CouncilSerializer(serializers.ModelSerializer[Council]):  # type: ignore[misc]
        successor_gss_code = serializers.CharField(
            source="successor.gss_code", default=None, allow_null=True
        )

        class Meta:
            model = Council
            fields = [
                "gss_code",
                "name",
                "short_name",
                "name_cy",
                "short_name_cy",
                "nation",
                "type",
                "website",
                "start_date",
                "end_date",
                "successor_gss_code",
            ]

    class Pages(pagination.PageNumberPagination):  # type: ignore[misc]
        page_size = PAGE_SIZE

    class DrfCouncils(generics.ListAPIView[Council]):  # type: ignore[misc]
        serializer_class = CouncilSerializer
        pagination_class = Pages
        authentication_classes: list[Any] = []
        permission_classes: list[Any] = []

        def get_queryset(self) -> QuerySet[Council]:
            params = self.request.query_params
            return register(
                params.get("nation", ""), params.get("type", ""), flag(params.get("current"))
            )

    # django-ninja.
    class CouncilOut(Schema):
        gss_code: str
        name: str
        short_name: str
        name_cy: str
        short_name_cy: str
        nation: str
        type: str
        website: str
        start_date: date | None = None
        end_date: date | None = None
        successor_gss_code: str | None = Field(None, alias="successor.gss_code")

    class Filters(Schema):
        nation: str = ""
        type: str = ""
        current: bool | None = None

    api = NinjaAPI(urls_namespace="bench_ninja", docs_url=None)

    @api.get("/councils", response=list[CouncilOut])
    @ninja_pagination.paginate(ninja_pagination.PageNumberPagination, page_size=PAGE_SIZE)
    def ninja_councils(request: HttpRequest, filters: Query[Filters]) -> QuerySet[Council]:
        return register(filters.nation, filters.type, filters.current)

    NINJA.append(api)
    return [
        path("bench/plain/councils", plain),
        path("bench/drf/councils", DrfCouncils.as_view()),
        path("bench/ninja/", api.urls),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests to each framework")
    parser.add_argument("--database", default="", help="a PostgreSQL URL (default: SQLite)")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    database = args.database or f"sqlite:///{scratch.name}/bench.sqlite3"
    env = os.environ | {
        "APP_ENV": "test",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "ALLOWED_HOSTS": "testserver",
    }
    os.environ.update(env)
    began = time.perf_counter()
    for command in (["migrate"], ["load_reference_data"]):
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
        )
    prepared = time.perf_counter() - began

    from django.conf import settings

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "rest_framework", "ninja"]
    settings.REST_FRAMEWORK = {
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "UNAUTHENTICATED_USER": None,
    }
    settings.ROOT_URLCONF = "bench.api_frameworks"

    import django

    django.setup()
    import ninja
    import pydantic
    import rest_framework
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from childrights.councils.models import Council

    urlpatterns[:] = build_urls()
    client = Client()
    names = {
        "plain": "plain Django (baseline)",
        "drf": "Django REST framework",
        "ninja": "django-ninja",
    }
    paths = {key: f"/bench/{key}/councils" for key in names}

    def get(path: str) -> Any:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:300]!r}")
        return response

    # Each implementation answers each request with the same councils.
    for query in QUERIES:
        answers = {}
        for key, path in paths.items():
            body = get(path + query).json()
            answers[key] = (
                body["count"],
                [c["gss_code"] for c in body.get("items", body.get("results", []))],
            )
        if len(set(map(str, answers.values()))) != 1:
            raise SystemExit(f"the implementations disagree on {query!r}: {answers}")

    queries: dict[str, float] = {}
    for key, path in paths.items():
        with CaptureQueriesContext(connection) as captured:
            for query in QUERIES:
                get(path + query)
        queries[key] = len(captured.captured_queries) / len(QUERIES)

    times: dict[str, list[float]] = {key: [] for key in paths}
    order = list(paths)
    for n in range(args.requests):
        query = QUERIES[n % len(QUERIES)]
        order = order[1:] + order[:1]
        for key in order:
            start = time.perf_counter()
            get(paths[key] + query)
            times[key].append(time.perf_counter() - start)

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[18]

    base_median = statistics.median(times["plain"])
    base_p95 = p95(times["plain"])
    print(
        f"API frameworks benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n"
        f"machine: {os.cpu_count()} CPUs, {platform.machine()} {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; Django "
        f"{django.get_version()}, djangorestframework {rest_framework.VERSION}, django-ninja "
        f"{ninja.__version__}, pydantic {pydantic.VERSION}\n"
        f"database: {connection.vendor} ({Council.objects.filter(is_demo=False).count()} "
        f"councils), prepared in {prepared:.1f} s\n"
        f"{args.requests} requests to each, round-robin, over {len(QUERIES)} queries "
        f"(pages and filters), through the test client and the project's middleware\n"
    )
    print(
        f"{'':26} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'median/base':>12} "
        f"{'p95/base':>9}"
    )
    for key, label in names.items():
        median, high = statistics.median(times[key]), p95(times[key])
        print(
            f"{label:26} {median * 1000:10.2f} {high * 1000:8.2f} {queries[key]:8.1f} "
            f"{median / base_median:12.2f} {high / base_p95:9.2f}"
        )
    drf_median, ninja_median = statistics.median(times["drf"]), statistics.median(times["ninja"])
    print(
        f"\ndjango-ninja / Django REST framework: median {ninja_median / drf_median:.2f}, "
        f"p95 {p95(times['ninja']) / p95(times['drf']):.2f}"
    )

    # The OpenAPI document each framework writes for the same endpoint.
    from drf_spectacular.generators import SchemaGenerator

    def timed(build: Callable[[], dict[str, Any]]) -> tuple[float, int]:
        start = time.perf_counter()
        document = build()
        return time.perf_counter() - start, len(json.dumps(document, default=str))

    drf_time, drf_size = timed(
        lambda: SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    )
    ninja_time, ninja_size = timed(lambda: NINJA[0].get_openapi_schema())
    print(
        f"OpenAPI document for the endpoint: drf-spectacular {drf_time * 1000:.0f} ms, "
        f"{drf_size:,} bytes; django-ninja {ninja_time * 1000:.0f} ms, {ninja_size:,} bytes"
    )
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: every page, as every role that can open it and as the public, on a small and a
national data set in the same run.

    .venv/bin/python bench/page_sweep.py [--scale 1.0] [--small-scale 0.01] [--small-councils 40]
        [--repeats 5] [--database postgres://postgres@127.0.0.1:5432] [--keep] [--reuse]
        [--only TEXT ...] [--skipped-in FILE] [--unfilled] [--assert-targets]

Makes two scratch PostgreSQL databases from one migrated one holding the reference data
(``childrights_bench_pages_base``; ``--prefix`` names others): ``childrights_bench_pages_small``
and ``childrights_bench_pages_national``, filled by ``manage.py make_national_data`` at
``--small-scale`` (with ``--small-councils`` councils, so that each council holds less than in
the national set too) and at ``--scale``. ``--keep`` keeps them; ``--reuse`` measures kept ones
again without filling them. ``--only`` takes one or more fragments of a route or URL name;
``--skipped-in var/page_sweep.json`` sweeps only the patterns an earlier run had no record for
(after ``make_national_data --extras-only`` has topped the kept data sets up); ``--unfilled``
requests nothing and lists, for each data set, the patterns still without a record.

Each data set is measured in its own process: every URL pattern of the project (read from the
URL configuration, as core/tests/test_every_object_url_is_council_scoped.py reads it), its
keywords filled with the ids of records of one council of the data set (the first, which has
the most of everything), requested with a GET through Django's test client (in process: no web
server, no network; the time is Django's, the database's and the template's) as the public and
as a member of that council in each council role, and as the programme team. A page a role
opens (200) is requested ``--repeats`` more times: the median and p95 of those, and the number
of database queries of one request. Streams (CSV downloads) are read to their first megabyte.

Budgets: p95 under 300 ms, and no more queries on the national data set than on the small one.
Prints the slowest 20 pages, every page over budget, and the pages no role could open (and why).
``--assert-targets`` exits with status 1 when a page is over budget.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import database_create, database_drop, database_exists, percentile  # noqa: E402

PREFIX = "childrights_bench_pages"
BUDGET_MS = 300
STREAM_LIMIT = 1_000_000
# Pages that end the session or only send somewhere else on GET; the sweep stays signed in.
SKIPPED_NAMES = {"accounts:sign_out", "admin:logout", "accounts:logout"}
# Filters and searches asked of long lists, besides the plain page (by URL name).
QUERIES: dict[str, list[str]] = {
    "core:audit": ["?council={council_id}", "?actor=staff1", "?action=login"],
    "directory:finder": ["?q=counselling"],
    "core:search": ["?q=counselling"],
    "participation:concerns": ["?page=2"],
    "assessments:register": ["?q=library"],
}


def environment(database_url: str) -> dict[str, str]:
    return os.environ | {
        "APP_ENV": "test",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "ALLOWED_HOSTS": "testserver",
    }


def names(prefix: str) -> tuple[str, dict[str, str]]:
    """The base database's name, and the data sets' by label."""
    return f"{prefix}_base", {"small": f"{prefix}_small", "national": f"{prefix}_national"}


def prepare(args: argparse.Namespace) -> dict[str, str]:
    """The two filled databases' URLs (made, or kept ones when --reuse)."""
    urls = {}
    base, sets = names(args.prefix)
    for label, name in sets.items():
        urls[label] = f"{args.database}/{name}"
    if args.reuse:
        for name in sets.values():
            if not database_exists(args.database, name):
                raise SystemExit(f"{name} is not there to reuse: run without --reuse first")
        return urls
    if not database_exists(args.database, base):
        print(f"Migrating {base} and loading the reference data...", flush=True)
        url = database_create(args.database, base)
        for command in (["migrate"], ["load_reference_data"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command, "-v0"],
                cwd=ROOT,
                env=environment(url),
                check=True,
            )
    for label, name in sets.items():
        url = database_create(args.database, name, template=base)
        scale = args.small_scale if label == "small" else args.scale
        extra = ["--councils", str(args.small_councils)] if label == "small" else []
        print(f"Filling the {label} data set (scale {scale})...", flush=True)
        began = time.perf_counter()
        subprocess.run(  # noqa: S603
            [
                *(sys.executable, "manage.py", "make_national_data", "--scale", str(scale)),
                *("--seed", str(args.seed), *extra),
            ],
            cwd=ROOT,
            env=environment(url),
            check=True,
        )
        print(f"  filled in {time.perf_counter() - began:.0f} s", flush=True)
    return urls


# ---- in the measuring process -----------------------------------------------------------------


def patterns() -> Iterator[tuple[str, str, set[str]]]:
    """(route, name, keywords) of every URL pattern."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver: Any, prefix: str, names: tuple[str, ...]) -> Iterator[Any]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                more = (entry.namespace,) if entry.namespace else ()
                yield from walk(entry, prefix + str(entry.pattern), names + more)
            elif isinstance(entry, URLPattern):
                name = ":".join((*names, entry.name or "?"))
                yield prefix + str(entry.pattern), name, set(entry.pattern.regex.groupindex)

    yield from walk(get_resolver(), "", ())


def fill_route(route: str, values: dict[str, Any]) -> str | None:
    """A concrete path for a route, or None where a pattern is left in it."""
    path = route
    for name, value in values.items():
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
    path = "/" + path.replace("^", "").replace("$", "").replace("\\", "")
    return None if re.search(r"[<>()\[\]*+?|]", path) else path


def values_for(council_id: int) -> dict[str, Any]:
    """For each URL keyword, the id (or key) of a record of the council (None where there is
    none)."""
    from django.apps import apps

    def first(label: str, field: str = "pk", order: str = "pk", **lookup: Any) -> Any:
        model = apps.get_model(label)
        return model.objects.filter(**lookup).order_by(order).values_list(field, flat=True).first()

    c = council_id
    service = first("directory.Service", council_id=c, is_published=True)
    sso = first("accounts.SingleSignOn", "council_id", council_id=c)
    found: dict[str, Any] = {
        "council_id": c,
        "gss_code": first("councils.Council", "gss_code", pk=c),
        "service_id": service,
        "oruk_id": first("directory.Service", council_id=c, is_published=True),
        "location_id": first("directory.Location", council_id=c),
        "opening_time_id": first("directory.OpeningTime", service_id=service),
        "contact_id": first("directory.Contact", service_id=service),
        "entitlement_id": first("directory.Entitlement", offer__council_id=c),
        "suggestion_id": first("directory.Suggestion", council_id=c, held=False),
        "comment_id": first("directory.SendComment", council_id=c, held=False),
        "consultation_id": first("participation.Consultation", council_id=c, status="closed"),
        "link_key": first("participation.Consultation", "link_key", council_id=c, status="open"),
        "question_id": first("participation.Question", consultation__council_id=c),
        "code_id": first("participation.AccessCode", consultation__council_id=c),
        "answer_id": first(
            "participation.Answer", response__council_id=c, choice=None, order="response_id"
        ),
        "concern_id": first("participation.Concern", council_id=c),
        "phrase_id": first("participation.Phrase"),
        "theme_id": first("participation.FeedbackTheme", consultation__council_id=c),
        # A theme found in written answers, and an answer placed in one (its consultation's
        # current run: the first council's runs are all finished).
        "found_theme_id": first("participation.Theme", run__consultation__council_id=c),
        "placed_id": first(
            "participation.ThemeAnswer",
            run__consultation__council_id=c,
            answer__response__flagged=False,
            answer__response__withdrawn_at=None,
        ),
        "commitment_id": first(
            "participation.Commitment", consultation__council_id=c, consultation__pledge=None
        ),
        "assessment_id": first("assessments.Assessment", council_id=c),
        "public_key": first(
            "assessments.Assessment", "public_key", council_id=c, state="published"
        ),
        "version_number": 1,
        "project_id": first("assessments.Project", council_id=c),
        "decision_id": first("assessments.DecisionRecord", council_id=c),
        "membership_id": first("accounts.Membership", council_id=c),
        "invitation_id": first("accounts.Invitation", council_id=c, confirmed_at=None),
        # An invitation sent this week and not yet accepted (the emailed link's token).
        "token": first(
            "accounts.Invitation",
            "token",
            order="-created_at",
            council_id=c,
            confirmed_at__isnull=False,
            accepted_at=None,
        ),
        "course_id": first("outcomes.Course", council_id=c),
        "session_id": first("outcomes.TrainingSession", course__council_id=c),
        "attendance_id": first(
            "outcomes.Attendance", session__course__council_id=c, status="completed"
        ),
        "trainee_id": first("outcomes.Trainee", council_id=c),
        "round_id": first("outcomes.Round", council_id=c, status="open"),
        "report_id": first("outcomes.Report", council_id=c),
        "indicator_slug": first("outcomes.OutcomeIndicator", "slug", council=None),
        "child_id": first("myviews.Child", council_id=c),
        "team_id": first("myviews.Team", council_id=c),
        "allocation_id": first("myviews.Allocation", child__council_id=c),
        "statement_id": first("myviews.Statement", child__council_id=c, status="sent"),
        "meeting_id": first("myviews.Meeting", child__council_id=c),
        "alert_id": first("myviews.Alert", council_id=c),
        "access_key": first("myviews.Child", "access_key", council_id=c),
        "topic": "where-i-live",
        "board_report_id": first("parenting.BoardReport", council_id=c),
        "api_token_id": first("api.CouncilToken", council_id=c),
        "partnership_id": first("programme.Partnership", council_id=c),
        "partner_slug": first("programme.Partnership", "slug", council_id=c),
        "pilot_id": first("programme.Pilot"),
        "fact_id": first("programme.BaselineFact"),
        "enquiry_id": first("programme.Enquiry"),
        "principle_slug": first("framework.Principle", "slug"),
        "indicator_id": first("framework.Indicator"),
        "number": first("framework.Article", "number"),
        "dataset_id": first("poverty.Dataset", council_id=c),
        "measure_id": first("poverty.Measure", council_id=c),
        "run_id": first("poverty.Run", council_id=c, status="done"),
        "provider_id": f"council-{sso}" if sso else None,  # its own sign-in provider's
        "code": "cy",
        "app_label": "councils",
    }
    from childrights.api import datasets

    found["dataset"] = datasets.DATASETS[0].slug if datasets.DATASETS else None
    return found  # a None: no such record, and the patterns that need it are not requested


def admin_object(route: str) -> Any:
    """The first record of the model an admin object URL is about."""
    from django.apps import apps

    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if not match:
        return None
    try:
        model = apps.get_model(match.group(1), match.group(2))
    except LookupError:
        return None
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first()


def chosen_routes(path: str) -> set[str]:
    """The route of each pattern an earlier sweep's file had no record for (on the national
    data set)."""
    earlier = json.loads(Path(path).read_text())
    return {record["route"] for record in earlier["national"] if not record["pages"]}


def values_by_name(council_id: int, user: Any) -> dict[str, dict[str, Any]]:
    """Keywords whose value depends on the page, by URL name: records of another kind or state
    than ``values_for``'s, and tokens (not records) made here for a user of the data set, as the
    email that carries one would."""
    from django.apps import apps
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    def first(label: str, **lookup: Any) -> Any:
        model = apps.get_model(label)
        return model.objects.filter(**lookup).order_by("pk").values_list("pk", flat=True).first()

    c = council_id
    promise = first("participation.Commitment", consultation__pledge__council_id=c)
    programme_report = first("outcomes.Report", kind="programme")
    held_suggestion = first("directory.Suggestion", council_id=c, held=True)
    held_comment = first("directory.SendComment", council_id=c, held=True)
    return {
        "accounts:password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
        "assessments:stage": {"stage": "screening"},
        "assessments:project_stage": {"stage": "analyse"},
        "parenting:promise_edit": {"commitment_id": promise},
        "parenting:promise_update": {"commitment_id": promise},
        "outcomes:programme_report": {"report_id": programme_report},
        "outcomes:programme_report_pdf": {"report_id": programme_report},
        "directory:held_suggestion": {"suggestion_id": held_suggestion},
        "directory:held_comment": {"comment_id": held_comment},
    }  # a None leaves the pattern without a record, as values_for's do


def drop_harness_finalizers() -> None:
    """Django's test client (on each request) and ``CaptureQueriesContext`` (on each use) connect
    ``close_old_connections`` and ``reset_queries`` to signals again, and each connection
    leaves a ``weakref.finalize`` that lives as long as the function does: for ever. Over a
    sweep's 20,000 requests they would pile up in the measuring process, about 200,000 objects,
    and the collector's full collections would grow with them (to 200 to 360 ms), a cost no app
    server has. Detached, they can never run, which they never would anyway."""
    from django.db import close_old_connections, reset_queries

    gc.disable()  # a collection while the registry is copied could run a finalizer, changing it
    try:
        entries = list(weakref.finalize._registry.items())  # type: ignore[attr-defined]
    finally:
        gc.enable()
    for finalizer, info in entries:
        if info.weakref() in (close_old_connections, reset_queries):
            finalizer.detach()


def measure(
    repeats: int,
    only: list[str],
    chosen: set[str] | None = None,
    unfilled: bool = False,
) -> list[dict[str, Any]]:
    """Request every pattern (those whose route or name holds one of ``only``, and those in
    ``chosen``, where given) as each actor; with ``unfilled``, request nothing and say which
    patterns have a record to fill their keywords."""
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)  # "Not Found" for each role a page is not for
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.national import FIRST_ROLES
    from childrights.accounts.models import User
    from childrights.core.startup import freeze_start_up_objects
    from childrights.testing.auth import sign_in

    # The council whose members are staff0..: the first, with the most of everything.
    lead = User.objects.get(email="staff0@council0.bench.example")
    council_id = lead.memberships.get().council_id
    if council_id is None:
        raise SystemExit("The data set's first lead belongs to no council: fill it again.")
    actors: dict[str, Client] = {"public": Client()}
    for slug in FIRST_ROLES:
        member = (
            User.objects.filter(
                memberships__council_id=council_id,
                memberships__role__slug=slug,
                email__endswith=".bench.example",
            )
            .order_by("pk")
            .first()
        )
        if member is not None:
            actors[slug] = sign_in(Client(), member)
    team = User.objects.get(email="team0@programme.bench.example")
    actors["programme-team"] = sign_in(Client(), team)
    values = values_for(council_id)
    by_name = values_by_name(council_id, lead)
    # As the app server does once the application is loaded (wsgi.py).
    freeze_start_up_objects()
    # Time in the collector's full collections (the oldest generation), request by request.
    full_collections = {"ms": 0.0, "began": 0.0}

    def collector(phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            full_collections["began"] = time.perf_counter()
        else:
            full_collections["ms"] += (time.perf_counter() - full_collections["began"]) * 1000

    gc.callbacks.append(collector)

    def get(client: Client, path: str) -> tuple[int, int]:
        response = client.get(path)
        drop_harness_finalizers()
        size = 0
        if response.streaming:
            for chunk in response.streaming_content:  # type: ignore[attr-defined]
                size += len(chunk)
                if size >= STREAM_LIMIT:
                    break
            response.close()
        else:
            size = len(response.content)
        return response.status_code, size

    results: list[dict[str, Any]] = []
    for route, name, keywords in patterns():
        if route.startswith("bench/") or name in SKIPPED_NAMES:
            continue
        if only and not any(fragment in route or fragment in name for fragment in only):
            continue
        if chosen is not None and route not in chosen:
            continue
        given = values | by_name.get(name, {})
        if "object_id" in keywords:
            given["object_id"] = admin_object(route)
        missing = sorted(k for k in keywords if given.get(k) is None)
        path = None if missing else fill_route(route, {k: given[k] for k in keywords})
        if path is None:
            results.append(
                {"name": name, "route": route, "missing": missing or ["a pattern"], "pages": []}
            )
            continue
        if unfilled:
            results.append({"name": name, "route": route, "path": path, "pages": None})
            continue
        queries = ["", *(query.format(**given) for query in QUERIES.get(name, []))]
        for query in queries:
            record: dict[str, Any] = {"name": name, "route": route, "path": path + query}
            pages: list[dict[str, Any]] = []
            record["pages"] = pages
            for actor, client in actors.items():
                status, size = get(client, path + query)
                if status != 200:
                    pages.append({"actor": actor, "status": status})
                    continue
                times = []
                collecting = []
                counted = 0
                for n in range(repeats):
                    full_collections["ms"] = 0.0
                    began = time.perf_counter()
                    with CaptureQueriesContext(connection) as captured:
                        get(client, path + query)
                    times.append((time.perf_counter() - began) * 1000)
                    collecting.append(full_collections["ms"])
                    if n == 0:
                        counted = len(captured.captured_queries)
                worst = max(range(repeats), key=times.__getitem__)
                pages.append(
                    {
                        "actor": actor,
                        "status": status,
                        "bytes": size,
                        "median_ms": statistics.median(times),
                        "p95_ms": percentile(times, 0.95),
                        "queries": counted,
                        # The slowest request's time in full collections of the collector.
                        "slowest_full_gc_ms": collecting[worst],
                    }
                )
            results.append(record)
            opened = [p for p in pages if p["status"] == 200]
            slowest = max((float(p["p95_ms"]) for p in opened), default=0.0)
            print(
                f"  {path + query}: {len(opened)} of {len(pages)} open it"
                + (f", slowest p95 {slowest:.0f} ms" if opened else ""),
                flush=True,
            )
    return results


# ---- the report -------------------------------------------------------------------------------


def report(small: list[dict[str, Any]], national: list[dict[str, Any]], out: Path) -> bool:
    """Print the comparison; True when every page is inside its budgets."""

    def opened(results: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
        return {
            (record["path"], page["actor"]): page | {"name": record["name"]}
            for record in results
            for page in record["pages"]
            if page["status"] == 200
        }

    big, little = opened(national), opened(small)
    rows = sorted(big.items(), key=lambda item: -item[1]["p95_ms"])

    def line(key: tuple[str, str], page: dict[str, Any]) -> str:
        before = little.get(key, {}).get("queries")
        grew = before is not None and page["queries"] > before
        return (
            f"{page['p95_ms']:8.0f} {page['median_ms']:8.0f} {page['queries']:6} "
            f"{'?' if before is None else before:>6} {'GREW' if grew else '':5} "
            f"{key[1]:30} {key[0]}"
        )

    header = f"{'p95 ms':>8} {'p50 ms':>8} {'queries':>6} {'small':>6} {'':5} {'as':30} page"
    print(f"\nThe slowest 20 of {len(big)} pages opened (page and role), national data set:")
    print(header)
    for key, page in rows[:20]:
        print(line(key, page))
    slow = [(key, page) for key, page in rows if page["p95_ms"] >= BUDGET_MS]
    grew = [
        (key, page)
        for key, page in rows
        if key in little and page["queries"] > little[key]["queries"]
    ]
    print(
        f"\nOver {BUDGET_MS} ms at p95 ({len(slow)}), with the time the slowest request spent in "
        "the collector's full collections:"
    )
    for key, page in slow:
        print(f"{line(key, page)}  (full collections {page.get('slowest_full_gc_ms', 0):.0f} ms)")
    print(f"\nMore queries on the national data set than on the small one ({len(grew)}):")
    for key, page in grew:
        print(line(key, page))
    not_opened = [
        record
        for record in national
        if record["pages"] and all(page["status"] != 200 for page in record["pages"])
    ]
    unfilled = [record for record in national if not record["pages"]]
    print(f"\nPatterns without a record to fill their keywords ({len(unfilled)}):")
    for record in unfilled:
        print(f"  {record['route']} ({', '.join(record['missing'])})")
    print(f"\nPages no one opened with a GET ({len(not_opened)}): answers")
    for record in not_opened:
        answers = sorted({page["status"] for page in record["pages"]})
        print(f"  {record['path']}: {answers}")
    medians = [page["median_ms"] for page in big.values()]
    if medians:
        print(
            f"\n{len(big)} pages opened; median of medians {statistics.median(medians):.0f} ms; "
            f"{len(slow)} over {BUDGET_MS} ms at p95; "
            f"{len(grew)} with more queries at national size"
        )
    out.write_text(json.dumps({"small": small, "national": national}, indent=1))
    print(f"Every figure: {out}")
    return not slow and not grew


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=0.01)
    parser.add_argument("--small-councils", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--prefix",
        default=PREFIX,
        help="the databases' names: PREFIX_base, PREFIX_small and PREFIX_national",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--reuse", action="store_true", help="measure kept databases again")
    parser.add_argument(
        "--only", nargs="+", default=[], help="only URL patterns whose route or name holds one"
    )
    parser.add_argument(
        "--skipped-in",
        help="only the patterns this earlier sweep's file (var/page_sweep.json) had no record for",
    )
    parser.add_argument(
        "--unfilled",
        action="store_true",
        help="request nothing: list the patterns without a record to fill their keywords",
    )
    parser.add_argument("--out", default="var/page_sweep.json")
    parser.add_argument("--assert-targets", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # a database URL: measure it
    args = parser.parse_args()

    if args.measure:
        os.environ.update(environment(args.measure))
        chosen = chosen_routes(args.skipped_in) if args.skipped_in else None
        results = measure(args.repeats, args.only, chosen, args.unfilled)
        Path(args.out).write_text(json.dumps(results))
        return 0

    urls = prepare(args)
    found: dict[str, list[dict[str, Any]]] = {}
    for label, url in urls.items():
        print(f"Measuring the {label} data set...", flush=True)
        out = ROOT / "var" / f"page_sweep_{label}.json"
        out.parent.mkdir(exist_ok=True)
        command = [sys.executable, __file__, "--measure", url, "--out", str(out)]
        command += ["--repeats", str(args.repeats)] + (["--only", *args.only] if args.only else [])
        if args.skipped_in:
            command += ["--skipped-in", str(Path(args.skipped_in).resolve())]
        command += ["--unfilled"] if args.unfilled else []
        subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
        found[label] = json.loads(out.read_text())
    if args.unfilled:
        for label, results in found.items():
            without = [record for record in results if "missing" in record]
            print(
                f"\nThe {label} data set: {len(results) - len(without)} of {len(results)} "
                f"patterns have a record to fill their keywords; without one ({len(without)}):"
            )
            for record in without:
                print(f"  {record['route']} ({', '.join(record['missing'])})")
        return 0
    print(
        f"\nPostgreSQL, {os.cpu_count()} CPUs; Django's test client in process (no web server); "
        f"median and p95 of {args.repeats} requests after one; "
        + (
            "the kept data sets"
            if args.reuse
            else f"national scale {args.scale}, small scale {args.small_scale} with "
            f"{args.small_councils} councils"
        )
    )
    inside = report(found["small"], found["national"], ROOT / args.out)
    if not (args.keep or args.reuse):
        for name in names(args.prefix)[1].values():
            database_drop(args.database, name)
    if args.assert_targets and not inside:
        print("TARGET MISSED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the benchmarks share: scratch databases, timings, and rows written in SQL.

Only for benchmarks and made-up data sets: everything here refuses a database that is not a
scratch one (its name says ``bench``, ``scratch`` or starts with ``test``) and an ``APP_ENV``
other than ``test`` or ``development``.
"""

from __future__ import annotations

import os
import socket
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

SCRATCH_MARKS = ("bench", "scratch")
SAFE_ENVIRONMENTS = {"test", "development"}


def is_scratch(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("test") or any(mark in lowered for mark in SCRATCH_MARKS)


def refuse_unless_scratch(name: str, *, environment: bool = True) -> None:
    """Stop unless the database is a scratch one and (``environment``) APP_ENV is test or
    development."""
    app_env = os.environ.get("APP_ENV", "")
    if environment and app_env not in SAFE_ENVIRONMENTS:
        raise SystemExit(
            f"APP_ENV is {app_env!r}: made-up data is only written with APP_ENV=test or "
            "APP_ENV=development."
        )
    if not is_scratch(name):
        raise SystemExit(
            f"The database {name!r} is not a scratch database: its name must contain 'bench' or "
            "'scratch', or start with 'test'."
        )


def database_create(server: str, name: str, template: str | None = None) -> str:
    """A new, empty scratch database (dropped first if it was there); its URL."""
    import psycopg

    refuse_unless_scratch(name, environment=False)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copied = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copied}')
    return f"{server}/{name}"


def database_drop(server: str, name: str) -> None:
    import psycopg

    refuse_unless_scratch(name, environment=False)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(times: list[float], fraction: float) -> float:
    """The nearest-rank percentile of ``times``."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def percentiles(action: Callable[[int], object], requests: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``requests`` calls of ``action(n)``, after one warm-up."""
    action(requests)
    times = []
    for n in range(requests):
        began = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def median_ms(action: Callable[[], object], repeats: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def insert_rows(
    cursor: Any,
    model: Any,
    values: Mapping[str, str],
    *,
    count: int | None = None,
    source: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> int:
    """Insert rows of ``model`` in one ``INSERT ... SELECT``; returns how many.

    ``values`` maps field names (``council`` or ``council_id`` for a foreign key) to SQL
    expressions. The rows come from ``source`` (a ``FROM ...`` clause and what follows it), or
    else from ``generate_series(0, count - 1) AS g``, so expressions may use ``g``. Every other
    column gets its field's default (as Django would save it), ``now()`` for ``auto_now`` fields,
    NULL where it may be null and '' where it may be blank; a unique field with a generated
    default gets a value derived from ``g``. A field that has none of these must be given.
    ``params`` are named parameters (``%(name)s``) the expressions use.
    """
    from django.db import connection, models

    meta = model._meta
    names = {field.name for field in meta.concrete_fields}
    given = {
        name if name in names else name.removesuffix("_id"): expr for name, expr in values.items()
    }
    columns, expressions = [], []
    arguments: dict[str, Any] = dict(params or {})
    for field in meta.concrete_fields:
        automatic = isinstance(field, models.AutoField | models.BigAutoField)
        if field.primary_key and automatic and field.name not in given:
            continue
        columns.append(f'"{field.column}"')
        if field.name in given:
            expressions.append(given[field.name])
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expressions.append("now()")
        elif field.unique and field.has_default() and callable(field.default):
            made = f"md5('{meta.db_table}.{field.column}.' || g)"
            if isinstance(field, models.UUIDField):
                expressions.append(f"{made}::uuid")
            else:
                expressions.append(f"upper(left({made}, {min(field.max_length or 32, 32)}))")
        elif field.has_default():
            key = f"default_{field.column}"
            arguments[key] = field.get_db_prep_save(field.get_default(), connection)
            expressions.append(f"%({key})s")
        elif field.null:
            expressions.append("NULL")
        elif field.blank and isinstance(field, models.CharField | models.TextField):
            expressions.append("''")
        else:
            raise ValueError(f"{meta.label}.{field.name} needs a value")
    unknown = set(given) - names
    if unknown:
        raise ValueError(f"{meta.label} has no fields {sorted(unknown)}")
    rows = source or f"FROM generate_series(0, {int(count or 0) - 1}) AS g"
    cursor.execute(
        f"INSERT INTO {meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} {rows}",
        arguments,
    )
    return int(cursor.rowcount)


def without_indexes(cursor: Any, table: str, load: Callable[[], None]) -> None:
    """Drop ``table``'s indexes that back no constraint, load, and make them again."""
    cursor.execute(
        """
        SELECT indexname, indexdef FROM pg_indexes AS i
        WHERE tablename = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = indexname)
        """,
        [table],
    )
    dropped = cursor.fetchall()
    for name, _definition in dropped:
        cursor.execute(f'DROP INDEX "{name}"')
    load()
    for _name, definition in dropped:
        cursor.execute(definition)

"""Checking uploaded microdata (one row per child) before anything is stored.

The file is scanned lazily with Polars' streaming engine: it passes through in batches, only the
columns a check needs are read, and no cell becomes a Python object. Problems are reported with
the line of the file they are on.
"""

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

MAX_ERRORS = 50
# A measure uses a few dozen columns; far more is a mistake or an attack on the checks.
MAX_COLUMNS = 500
MAX_HEADER_BYTES = 64 * 1024
ROW_INDEX = "__row_number_in_file__"
# Columns with a meaning of their own; every other column may be used by an indicator or a group.
NUMERIC_COLUMNS = {"weight": (0.0, None), "age": (0.0, 25.0)}


@dataclass
class UploadCheck:
    rows: int = 0
    columns: list[dict[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint_bytes(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _scan(path: Path, fmt: str) -> pl.LazyFrame:
    if fmt == "parquet":
        return pl.scan_parquet(path)
    return pl.scan_csv(path, infer_schema=False, raise_if_empty=False)


def _csv_header(path: Path) -> list[str]:
    """The header as written: Polars would quietly rename a repeated column. Read from the
    first line alone, at most MAX_HEADER_BYTES of it."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline(MAX_HEADER_BYTES + 1)
    if len(first) > MAX_HEADER_BYTES:
        raise HeaderRefused(
            _("line 1: the header is longer than %(count)s characters")
            % {"count": MAX_HEADER_BYTES}
        )
    try:
        return next(csv.reader([first]), [])
    except csv.Error as error:
        raise HeaderRefused(
            _("line 1 could not be read: %(problem)s") % {"problem": error}
        ) from error


class HeaderRefused(ValueError):
    """The header cannot be read within the limits; the message says why."""


def _unreadable(error: Exception, fmt: str) -> str:
    message = str(error).split("\n", 1)[0]
    if "more fields than defined" in message or "found more fields" in message:
        return _("A row has more values than the header has columns. Check for extra commas.")
    return _("The file could not be read as %(format)s: %(problem)s") % {
        "format": fmt.upper(),
        "problem": message,
    }


def _line(row_index: int, fmt: str) -> str:
    # CSV: line 1 is the header, so the first child is on line 2.
    if fmt == "csv":
        return _("line %(number)s") % {"number": row_index + 2}
    return _("row %(number)s") % {"number": row_index + 1}


def upload_check(path: Path, fmt: str) -> UploadCheck:
    """Every problem with the file, each with its line; no errors means it can be stored."""
    check = UploadCheck()
    try:
        lazy = _scan(path, fmt)
        schema = lazy.collect_schema()
        names = _csv_header(path) if fmt == "csv" else list(schema.names())
        if len(names) > MAX_COLUMNS:
            check.errors.append(
                _("line 1: the file has %(count)s columns; at most %(limit)s can be used")
                % {"count": len(names), "limit": MAX_COLUMNS}
            )
            return check
        blank = [position + 1 for position, name in enumerate(names) if not str(name).strip()]
        if blank:
            check.errors.append(_("line 1: column %(number)s has no name") % {"number": blank[0]})
        duplicates = sorted(name for name, times in Counter(names).items() if times > 1)
        if duplicates:
            check.errors.append(
                _("line 1: the column “%(name)s” appears more than once") % {"name": duplicates[0]}
            )
        # One streaming pass over every column: it counts the rows and makes the parser read
        # each whole line, so a line with extra values is caught.
        counts = lazy.select(pl.len().alias(ROW_INDEX), pl.all().null_count()).collect(
            engine="streaming"
        )
        check.rows = int(counts.item(0, 0))
        if check.rows == 0:
            check.errors.append(_("The file has no rows: it needs one row for each child"))
        check.columns = [{"name": name, "type": str(dtype)} for name, dtype in schema.items()]
        for column, (low, high) in NUMERIC_COLUMNS.items():
            if column in schema.names():
                check.errors.extend(_numeric_problems(lazy, column, low, high, fmt))
    except HeaderRefused as refused:
        check.errors.append(str(refused))
        return check
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        check.errors.append(_unreadable(error, fmt))
        return check
    if len(check.errors) > MAX_ERRORS:
        hidden = len(check.errors) - MAX_ERRORS
        check.errors = [
            *check.errors[:MAX_ERRORS],
            _("…and %(count)s more problems") % {"count": hidden},
        ]
    return check


def _numeric_problems(
    lazy: pl.LazyFrame, column: str, low: float, high: float | None, fmt: str
) -> list[str]:
    raw = pl.col(column)
    text = raw.cast(pl.Utf8).str.strip_chars()
    number = raw.cast(pl.Float64, strict=False)
    bad = (text.is_null() | (text == "")) | number.is_null() | (number < low)
    if high is not None:
        bad = bad | (number > high)
    if column == "weight":
        bad = bad | (number <= 0) | number.is_nan() | number.is_infinite()
    found = (
        lazy.select(column)
        .with_row_index(ROW_INDEX)
        .filter(bad)
        .select(ROW_INDEX, text.alias("_value"))
        .head(MAX_ERRORS + 1)
        .collect(engine="streaming")
    )
    if high is not None:
        problem = _(
            "%(where)s: %(column)s must be a number between %(low)s and %(high)s, not “%(value)s”"
        )
    else:
        problem = _("%(where)s: %(column)s must be a number more than 0, not “%(value)s”")
    return [
        problem
        % {
            "where": _line(row, fmt),
            "column": column,
            "low": f"{low:g}",
            "high": f"{high:g}" if high is not None else "",
            "value": value or _("(empty)"),
        }
        for row, value in found.iter_rows()
    ]

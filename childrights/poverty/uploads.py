"""Checking uploaded microdata (one row per child) before anything is stored.

The file is read column by column with Polars, so ten million rows never become ten million
Python objects; problems are reported with the line of the file they are on.
"""

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

MAX_ERRORS = 50
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


def _read(path: Path, fmt: str) -> pl.DataFrame:
    if fmt == "parquet":
        return pl.read_parquet(path)
    return pl.read_csv(path, infer_schema=False, raise_if_empty=False)


def _csv_header(path: Path) -> list[str]:
    """The header as written: Polars would quietly rename a repeated column."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return next(csv.reader(handle), [])


def _line(row_index: int, fmt: str) -> str:
    # CSV: line 1 is the header, so the first child is on line 2.
    return f"line {row_index + 2}" if fmt == "csv" else f"row {row_index + 1}"


def upload_check(path: Path, fmt: str) -> UploadCheck:
    """Every problem with the file, each with its line; no errors means it can be stored."""
    check = UploadCheck()
    try:
        frame = _read(path, fmt)
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        check.errors.append(f"The file could not be read as {fmt.upper()}: {error}".strip())
        return check
    names = _csv_header(path) if fmt == "csv" else frame.columns
    blank = [position + 1 for position, name in enumerate(names) if not str(name).strip()]
    if blank:
        check.errors.append(f"line 1: column {blank[0]} has no name")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        check.errors.append(f"line 1: the column {duplicates[0]!r} appears more than once")
    if frame.height == 0:
        check.errors.append("The file has no rows: it needs one row for each child")
    check.rows = frame.height
    check.columns = [{"name": name, "type": str(dtype)} for name, dtype in frame.schema.items()]
    for column, (low, high) in NUMERIC_COLUMNS.items():
        if column not in names:
            continue
        check.errors.extend(_numeric_problems(frame, column, low, high, fmt))
    if len(check.errors) > MAX_ERRORS:
        hidden = len(check.errors) - MAX_ERRORS
        check.errors = [*check.errors[:MAX_ERRORS], f"…and {hidden} more problems"]
    return check


def _numeric_problems(
    frame: pl.DataFrame, column: str, low: float, high: float | None, fmt: str
) -> list[str]:
    raw = pl.col(column)
    text = raw.cast(pl.Utf8).str.strip_chars()
    number = raw.cast(pl.Float64, strict=False)
    bad = (text.is_null() | (text == "")) | number.is_null() | (number < low)
    if high is not None:
        bad = bad | (number > high)
    if column == "weight":
        bad = bad | (number <= 0)
    found = (
        frame.with_row_index("_row")
        .filter(bad)
        .select("_row", text.alias("_value"))
        .head(MAX_ERRORS + 1)
    )
    limits = f"between {low:g} and {high:g}" if high is not None else "more than 0"
    return [
        f"{_line(row, fmt)}: {column} must be a number {limits}, not {value or '(empty)'!r}"
        for row, value in found.iter_rows()
    ]

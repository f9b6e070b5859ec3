"""Checking uploaded microdata (one row per child) before anything is stored.

Three steps:

1. What the file is (:func:`~childrights.poverty.layout.file_format`): CSV or Parquet from its
   bytes whatever its name; a workbook, compressed file, UTF-16 or old Mac text is refused.
2. For CSV, its shape (:func:`~childrights.poverty.layout.csv_layout`): the separator, UTF-8,
   the values on every line, no blank or empty lines, quotes where a reader expects them. A
   row with too many values or a misplaced quote stops the check here; other problems of shape
   are listed with those of the values.
3. Every column (:func:`_counts`): how many values are missing, numbers, whole numbers, yes/no,
   or look like a number written wrongly ("1,234", "NA", "Infinity"). The CSV reader first
   reads every column as numbers; only the columns that are not all numbers are then read as
   text, and judged by their distinct values (or value by value, where there are many). From
   those counts each column gets a type; values that contradict it are looked up again, by
   line, only when there are some. Names the measure gives a meaning to (weight, household_id,
   age) are matched without regard to case or surrounding spaces.

No cell becomes a Python object except the few that are reported.
"""

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childrights.poverty.layout import (
    MAX_PROBLEMS,
    CsvLayout,
    FileRefused,
    csv_layout,
    file_format,
)

MAX_ERRORS = MAX_PROBLEMS
# A measure uses a few dozen columns; far more is a mistake or an attack on the checks.
MAX_COLUMNS = 500
# One row per child: far more than the children of any council (the largest have under half a
# million), and what the engine is measured at; it keeps the check of the largest file to a few
# seconds (docs/benchmarks.md).
MAX_ROWS = 10_000_000
ROW_INDEX = "__row_number_in_file__"
SHOWN_CHARACTERS = 40  # of a wrong value, in its message

NUMBER, WHOLE, YES_NO, TEXT, EMPTY = "number", "whole number", "yes/no", "text", "empty"
KIND_LABELS = {
    NUMBER: gettext_lazy("Number"),
    WHOLE: gettext_lazy("Whole number"),
    YES_NO: gettext_lazy("Yes or no"),
    TEXT: gettext_lazy("Text"),
    EMPTY: gettext_lazy("Empty"),
}
YES = ("yes", "y", "true")
NO = ("no", "n", "false")
# Ways of writing "no value" that a spreadsheet or statistics package leaves behind. In a column
# of numbers they would be read as text, so they are refused with their line.
MISSING_MARKERS = ("na", "n/a", "#n/a", "null", "none", "nan", "-", ".", "missing", "inf", "-inf")
COMMA_NUMBER = r"^[-+]?\d[\d,]*(\.\d+)?$"

# Columns with a meaning of their own, matched by their normalised name.
WEIGHT, HOUSEHOLD, AGE = "weight", "household_id", "age"
NUMERIC_RANGES: dict[str, tuple[float, float | None]] = {WEIGHT: (0.0, None), AGE: (0.0, 25.0)}


def normal_name(name: str) -> str:
    """A column name as it is matched: surrounding spaces and case do not count."""
    return name.strip().casefold()


@dataclass
class UploadCheck:
    format: str = "csv"
    separator: str = ","
    rows: int = 0
    columns: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint_bytes(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def upload_check(path: Path) -> UploadCheck:
    """Every problem with the file, with its line; no errors means it can be stored."""
    check = UploadCheck()
    hidden = 0  # problems found but not listed
    try:
        check.format = file_format(path)
        layout: CsvLayout | None = None
        if check.format == "csv":
            layout = csv_layout(path)
            check.separator = layout.separator
            names, rows = layout.names, layout.rows
        else:
            scan = pl.scan_parquet(path)
            names = list(scan.collect_schema().names())
            rows = int(scan.select(pl.len()).collect().item())  # from the file's metadata
        if _header_problems(names, check):
            return check
        if rows > MAX_ROWS:
            check.errors.append(
                _(
                    "The file has %(count)s rows; at most %(limit)s can be checked, far more "
                    "than any council has children. Split the file, for example by area."
                )
                % {"count": f"{rows:,}", "limit": f"{MAX_ROWS:,}"}
            )
            return check
        if layout is not None:
            check.errors.extend(layout.problems)
            hidden = layout.hidden_problems
        if layout is None or not layout.unreadable:
            _column_checks(path, check, layout)
    except FileRefused as refused:
        check.errors.append(str(refused))
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        check.errors.append(
            _("The file could not be read as %(format)s: %(problem)s")
            % {"format": check.format.upper(), "problem": str(error).split("\n", 1)[0]}
        )
    if len(check.errors) > MAX_ERRORS:
        hidden += len(check.errors) - MAX_ERRORS
        check.errors = check.errors[:MAX_ERRORS]
    if hidden:
        check.errors.append(_("…and %(count)s more problems") % {"count": hidden})
    return check


def _header_problems(names: list[str], check: UploadCheck) -> bool:
    if not any(str(name).strip() for name in names):
        check.errors.append(_("line 1 is empty: the first line must hold the names of the columns"))
        return True
    if len(names) > MAX_COLUMNS:
        check.errors.append(
            _("line 1: the file has %(count)s columns; at most %(limit)s can be used")
            % {"count": len(names), "limit": MAX_COLUMNS}
        )
        return True
    blank = [position + 1 for position, name in enumerate(names) if not str(name).strip()]
    if blank:
        check.errors.append(_("line 1: column %(number)s has no name") % {"number": blank[0]})
    same = [
        sorted(name for name in names if normal_name(name) == key)
        for key, times in Counter(normal_name(name) for name in names if name.strip()).items()
        if times > 1
    ]
    for spellings in same[:MAX_ERRORS]:
        if len(set(spellings)) == 1:
            check.errors.append(
                _("line 1: the column “%(name)s” appears more than once") % {"name": spellings[0]}
            )
        else:
            check.errors.append(
                _(
                    "line 1: the columns %(names)s differ only in capital letters or spaces: "
                    "give each column a different name"
                )
                % {"names": ", ".join(f"“{name}”" for name in spellings)}
            )
    return bool(check.errors)


def _scan(path: Path, check: UploadCheck) -> pl.LazyFrame:
    if check.format == "parquet":
        return pl.scan_parquet(path)
    return pl.scan_csv(path, separator=check.separator, infer_schema=False, raise_if_empty=False)


def _text(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Utf8).str.strip_chars()


def _flags(column: str, dtype: pl.DataType) -> dict[str, pl.Expr]:
    """Boolean expressions for each thing counted about a column's values."""
    if dtype.is_numeric():
        value = pl.col(column).cast(pl.Float64)
        present = value.is_not_null() & ~value.is_nan()
        number = present & value.is_finite()
        return {
            "present": present,
            "number": number,
            "whole": number & (value == value.round(0)),
            "yes_no": pl.lit(False),
            "marker": present & ~number,
            "comma": pl.lit(False),
        }
    if dtype == pl.Boolean:
        present = pl.col(column).is_not_null()
        return {
            "present": present,
            "number": pl.lit(False),
            "whole": pl.lit(False),
            "yes_no": present,
            "marker": pl.lit(False),
            "comma": pl.lit(False),
        }
    text = _text(column)
    lower = text.str.to_lowercase()
    value = text.cast(pl.Float64, strict=False)
    number = value.is_finite().fill_null(False)
    return {
        "present": text.is_not_null() & (text != ""),
        "number": number,
        "whole": number & (value == value.round(0)),
        "yes_no": lower.is_in([*YES, *NO]),
        # "NA" and the like, and what reads as a number but is not one to count with
        # ("Infinity", "1e400", "-nan").
        "marker": lower.is_in(list(MISSING_MARKERS)) | (value.is_not_null() & ~number),
        "comma": text.str.contains(",", literal=True) & text.str.contains(COMMA_NUMBER),
    }


def _value(column: str, dtype: pl.DataType) -> pl.Expr:
    if dtype.is_numeric():
        return pl.col(column).cast(pl.Float64)
    if dtype == pl.Boolean:
        return pl.lit(None, dtype=pl.Float64)
    return _text(column).cast(pl.Float64, strict=False)


def _column_checks(path: Path, check: UploadCheck, layout: CsvLayout | None) -> None:
    lazy = _scan(path, check)
    schema = lazy.collect_schema()
    unusable = [
        name
        for name, dtype in schema.items()
        if isinstance(dtype, pl.List | pl.Array | pl.Struct | pl.Object | pl.Binary)
    ]
    for name in unusable:
        check.errors.append(
            _("the column “%(name)s” holds lists or other nested values, which cannot be used")
            % {"name": name}
        )
    if unusable:
        return
    items = list(schema.items())
    totals = _counts(path, check, lazy, items)
    check.rows = int(totals[ROW_INDEX])
    if check.rows == 0:
        check.errors.append(_("The file has no rows: it needs one row for each child"))
        return
    found: list[tuple[int, str]] = []  # (row, problem): listed in the order of the file
    for position, (name, dtype) in enumerate(items):
        counts = {key: int(totals[f"{position}:{key}"] or 0) for key in FLAGS}
        kind, wrong = _kind(counts)
        low, high = totals[f"{position}:min"], totals[f"{position}:max"]
        if kind == WHOLE and low is not None and high is not None:
            low, high = int(low), int(high)
        check.columns.append(
            {
                "name": name,
                "type": kind,
                "missing": check.rows - counts["present"],
                "min": low if kind in (NUMBER, WHOLE) else None,
                "max": high if kind in (NUMBER, WHOLE) else None,
            }
        )
        if wrong:
            found += _wrong_values(lazy, name, dtype, wrong, layout)
        meaning = normal_name(name)
        if meaning in NUMERIC_RANGES and int(totals[f"{position}:fits"]) < check.rows:
            low_limit, high_limit = NUMERIC_RANGES[meaning]
            found += _range_problems(lazy, name, low_limit, high_limit, layout)
        elif meaning == HOUSEHOLD and counts["present"] < check.rows:
            found += _missing_problems(lazy, name, layout)
    check.errors.extend(problem for _row, problem in sorted(found, key=lambda pair: pair[0]))


FLAGS = ("present", "number", "whole", "yes_no", "marker", "comma")


def _fits(meaning: str, value: pl.Expr) -> pl.Expr:
    low, high = NUMERIC_RANGES[meaning]
    fits = value.is_finite() & (value > low if meaning == WEIGHT else value >= low)
    return fits & (value <= high) if high is not None else fits


def _counts(
    path: Path, check: UploadCheck, lazy: pl.LazyFrame, items: list[tuple[str, pl.DataType]]
) -> dict[str, Any]:
    """For each column (by position): how many values are present, numbers, whole numbers,
    yes/no, missing-value markers and numbers written with commas; the smallest and largest
    number; for weight and age, how many are in range. Keys are "position:what"."""
    if check.format == "parquet":
        return _parquet_counts(lazy, items)
    # CSV: first every column read as numbers by the CSV reader itself (a value that is not a
    # number becomes null), which is several times faster than turning text into numbers.
    names = [name for name, _dtype in items]
    numbers = pl.scan_csv(
        path,
        separator=check.separator,
        schema=dict.fromkeys(names, pl.Float64),
        ignore_errors=True,
        raise_if_empty=False,
    )
    counted = [pl.len().alias(ROW_INDEX)]
    for position, name in enumerate(names):
        value = pl.col(name)
        # Whole numbers, smallest and largest are right for a column of numbers and gaps; any
        # other column has them counted again from its distinct values.
        counted += [
            value.is_finite().sum().alias(f"{position}:number"),
            (value == value.round(0)).sum().alias(f"{position}:whole"),
            value.min().alias(f"{position}:min"),
            value.max().alias(f"{position}:max"),
        ]
        if normal_name(name) in NUMERIC_RANGES:
            counted.append(_fits(normal_name(name), value).sum().alias(f"{position}:fits"))
    totals = numbers.select(counted).collect(engine="streaming").row(0, named=True)
    # Then, only where needed, as text. A column of numbers alone is done. A column with no
    # numbers at all (areas, sexes) is judged by its distinct values and how often each
    # appears. A column with some numbers and some gaps has its missing values counted as text:
    # if numbers and missing values make up the whole column it is done too, otherwise its
    # distinct values are looked at as well.
    rows = int(totals[ROW_INDEX])
    for position in range(len(names)):
        totals.update({f"{position}:{key}": 0 for key in ("yes_no", "marker", "comma")})
        totals[f"{position}:present"] = totals[f"{position}:number"]
    if not rows:
        return totals
    text_like = [p for p in range(len(names)) if not totals[f"{p}:number"]]
    partial = [p for p in range(len(names)) if 0 < totals[f"{p}:number"] < rows]
    judge = _Judge(lazy, {p: (names[p], pl.String()) for p in text_like})
    found = lazy.select(
        *(pl.col(names[p]).null_count().alias(str(p)) for p in partial), *judge.exprs
    ).collect(engine="streaming")
    totals.update(judge.totals(found))
    mixed: dict[int, tuple[str, pl.DataType]] = {}
    for position in partial:
        present = rows - int(found[str(position)][0])
        if present == totals[f"{position}:number"]:
            totals[f"{position}:present"] = present
        else:
            mixed[position] = (names[position], pl.String())
    if mixed:
        judge = _Judge(lazy, mixed)
        totals.update(judge.totals(lazy.select(judge.exprs).collect(engine="streaming")))
    return totals


def _parquet_counts(lazy: pl.LazyFrame, items: list[tuple[str, pl.DataType]]) -> dict[str, Any]:
    """Parquet columns have types: numbers and true/false are counted directly, and any other
    column is judged as text, all in one pass."""
    counted: list[pl.Expr] = [pl.len().alias(ROW_INDEX)]
    others = {}
    for position, (name, dtype) in enumerate(items):
        if dtype.is_numeric() or dtype == pl.Boolean:
            counted += _summed(name, dtype, position)
        else:
            others[position] = (name, dtype)
        if normal_name(name) in NUMERIC_RANGES:
            fits = _fits(normal_name(name), _value(name, dtype))
            counted.append(fits.sum().alias(f"{position}:fits"))
    judge = _Judge(lazy, others)
    found = lazy.select(*counted, *judge.exprs).collect(engine="streaming")
    totals = found.select(pl.exclude(judge.lists)).row(0, named=True)
    totals.update(judge.totals(found))
    return totals


def _summed(name: str, dtype: pl.DataType, position: int) -> list[pl.Expr]:
    """The counts of :data:`FLAGS`, smallest and largest number, over every value."""
    flags = _flags(name, dtype)
    number = pl.when(flags["number"]).then(_value(name, dtype))
    return [
        *(flags[key].sum().alias(f"{position}:{key}") for key in FLAGS),
        number.min().alias(f"{position}:min"),
        number.max().alias(f"{position}:max"),
    ]


# A column with more distinct values than this in its first rows (an identifier, free text) is
# counted value by value, in a stream; others (areas, sexes) by their distinct values, faster.
SAMPLE_ROWS = 100_000
FEW_DISTINCT = 10_000


class _Judge:
    """What the values of some columns are, each judged the cheaper way: by its distinct values
    and how often each appears, or, for a column with many, value by value."""

    def __init__(self, lazy: pl.LazyFrame, columns: Mapping[int, tuple[str, pl.DataType]]) -> None:
        self.columns = columns
        sample = (
            lazy.head(SAMPLE_ROWS)
            .select(_text(name).n_unique().alias(str(p)) for p, (name, _d) in columns.items())
            .collect()
            .row(0, named=True)
            if columns
            else {}
        )
        self.few = {p for p in columns if sample[str(p)] <= FEW_DISTINCT}
        self.lists = [f"distinct {p}" for p in sorted(self.few)]
        self.exprs: list[pl.Expr] = []
        for position, (name, dtype) in columns.items():
            if position in self.few:
                self.exprs.append(_distinct(name).alias(f"distinct {position}"))
            else:
                self.exprs += _summed(name, dtype, position)

    def totals(self, found: pl.DataFrame) -> dict[str, Any]:
        totals: dict[str, Any] = {}
        for position in self.columns:
            if position in self.few:
                totals.update(_judged(found[f"distinct {position}"][0], position))
            else:
                totals.update(
                    {key: found[key][0] for key in found.columns if key.startswith(f"{position}:")}
                )
        return totals


def _distinct(column: str) -> pl.Expr:
    """The column's distinct values (spaces around them removed) with how often each appears,
    as one list: a handful for the text columns microdata holds."""
    return _text(column).drop_nulls().value_counts(name="n").implode()


def _judged(distinct: pl.Series, position: int) -> dict[str, Any]:
    """The counts of :data:`FLAGS`, and the smallest and largest number, from distinct values."""
    values = distinct.struct.unnest()
    values = values.rename({values.columns[0]: "value"})
    flags = _flags("value", pl.String())
    number = pl.when(flags["number"]).then(_value("value", pl.String()))
    summary = values.select(
        *(pl.col("n").filter(flags[key]).sum().alias(key) for key in FLAGS),
        number.min().alias("min"),
        number.max().alias("max"),
    ).row(0, named=True)
    return {f"{position}:{key}": value for key, value in summary.items()}


def _kind(counts: dict[str, int]) -> tuple[str, list[str]]:
    """The column's type, and which counted kinds of value contradict it (to be reported)."""
    present, number, yes_no = counts["present"], counts["number"], counts["yes_no"]
    marker, comma = counts["marker"], counts["comma"]
    if present == 0:
        return EMPTY, []
    if number == present:
        return (WHOLE if counts["whole"] == number else NUMBER), []
    if yes_no == present:
        return YES_NO, []
    if number and number + marker + comma + yes_no == present:
        wrong = [key for key in ("marker", "comma", "yes_no") if counts[key]]
        return (WHOLE if counts["whole"] == number else NUMBER), wrong
    if yes_no and yes_no + marker == present:
        return YES_NO, ["marker"]
    return TEXT, []


def _line(row: int, layout: CsvLayout | None) -> str:
    if layout is not None:
        return _("line %(number)s") % {"number": layout.line_of(row)}
    return _("row %(number)s") % {"number": row + 1}


def _found(
    lazy: pl.LazyFrame, column: str, condition: pl.Expr, layout: CsvLayout | None
) -> list[tuple[int, str]]:
    """The first rows (index, value as written) where ``condition`` holds, leaving out rows
    already reported for their shape."""
    skip = layout.problem_rows if layout is not None else set()
    rows = (
        lazy.select(column)
        .with_row_index(ROW_INDEX)
        .filter(condition)
        .select(ROW_INDEX, _text(column).str.slice(0, SHOWN_CHARACTERS + 1).alias("_value"))
        .head(MAX_ERRORS + len(skip) + 1)
        .collect(engine="streaming")
    )
    return [
        (int(row), _shortened(str(value or "")))
        for row, value in rows.iter_rows()
        if row not in skip
    ]


def _shortened(value: str) -> str:
    return value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS] + "…"


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _wrong_values(
    lazy: pl.LazyFrame, column: str, dtype: pl.DataType, wrong: list[str], layout: CsvLayout | None
) -> list[tuple[int, str]]:
    flags = _flags(column, dtype)
    condition = pl.any_horizontal([flags[key] for key in wrong]) & flags["present"]
    problems = []
    for row, value in _found(lazy, column, condition, layout):
        lowered = value.lower()
        if lowered in MISSING_MARKERS:
            text = _("%(where)s: “%(value)s” in %(column)s: leave a missing value empty instead")
        elif lowered in YES or lowered in NO:
            text = _(
                "%(where)s: “%(value)s” in %(column)s, where other rows hold numbers: write 1 "
                "for yes and 0 for no"
            )
        elif _is_float(value):
            text = _(
                "%(where)s: “%(value)s” in %(column)s is not a number that can be counted: "
                "write the number, or leave the cell empty if it is missing"
            )
        else:
            text = _(
                "%(where)s: “%(value)s” in %(column)s: write numbers without commas, with a "
                "full stop for decimals (1234.5)"
            )
        problems.append(
            (row, text % {"where": _line(row, layout), "value": value, "column": column})
        )
    return problems


def _range_problems(
    lazy: pl.LazyFrame, column: str, low: float, high: float | None, layout: CsvLayout | None
) -> list[tuple[int, str]]:
    text = _text(column)
    number = text.cast(pl.Float64, strict=False)
    bad = (text.is_null() | (text == "")) | number.is_null() | (number < low)
    bad = bad | number.is_nan() | number.is_infinite()
    if high is not None:
        bad = bad | (number > high)
        problem = _(
            "%(where)s: %(column)s must be a number between %(low)s and %(high)s, not “%(value)s”"
        )
    else:
        bad = bad | (number <= 0)
        problem = _("%(where)s: %(column)s must be a number more than 0, not “%(value)s”")
    return [
        (
            row,
            problem
            % {
                "where": _line(row, layout),
                "column": column,
                "low": f"{low:g}",
                "high": f"{high:g}" if high is not None else "",
                "value": value or _("(empty)"),
            },
        )
        for row, value in _found(lazy, column, bad, layout)
    ]


def _missing_problems(
    lazy: pl.LazyFrame, column: str, layout: CsvLayout | None
) -> list[tuple[int, str]]:
    text = _text(column)
    return [
        (
            row,
            _(
                "%(where)s: %(column)s is empty: every child needs a household, so that "
                "children of one household are counted together"
            )
            % {"where": _line(row, layout), "column": column},
        )
        for row, _shown in _found(lazy, column, text.is_null() | (text == ""), layout)
    ]

"""Turning raw columns into deprivations, with Polars expressions (no Python loop over rows).

Each indicator becomes one boolean expression with its missing-data rule already applied, and
(for ``missing="exclude"``) one expression saying the child must be left out. :func:`profile_code`
packs a child's deprivations into one integer (bit ``j`` set when deprived in indicator ``j``),
which is what :func:`~childrights.poverty.engine.core.compute` counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from childrights.poverty.engine.definitions import Indicator, Measure, MeasureError


def _kind(dtype: pl.DataType) -> str:
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_numeric():
        return "number"
    if dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum):
        return "text"
    if dtype == pl.Null:
        return "null"
    return "other"


def require_columns(frame: pl.DataFrame, columns: Iterable[tuple[str, str]]) -> None:
    """Raise if any ``(column, used_for)`` pair names a column the data does not have."""
    available = set(frame.columns)
    for column, used_for in columns:
        if column not in available:
            shown = ", ".join(sorted(available)[:20]) or "none"
            raise MeasureError(
                f"The column {column!r} ({used_for}) is not in the data. Columns found: {shown}."
            )


@dataclass(frozen=True)
class Missingness:
    """Which columns hold missing values (nulls, and NaN in float columns)."""

    nulls: frozenset[str]
    nans: frozenset[str]

    @classmethod
    def of(cls, frame: pl.DataFrame, columns: Iterable[str]) -> Missingness:
        columns = sorted(set(columns))
        nulls = frozenset(c for c in columns if frame[c].null_count() > 0)
        floats = [c for c in columns if frame.schema[c].is_float()]
        nans: frozenset[str] = frozenset()
        if floats:
            found = frame.select(pl.col(c).is_nan().any().alias(c) for c in floats).row(0)
            nans = frozenset(c for c, has in zip(floats, found, strict=True) if has)
        return cls(nulls, nans)


def _raw_rule(indicator: Indicator, dtype: pl.DataType) -> pl.Expr:
    """Deprived or not for a present value (null where the value is missing)."""
    column = pl.col(indicator.column)
    kind = _kind(dtype)
    name = f"Indicator {indicator.slug!r} (column {indicator.column!r})"
    if kind == "null":
        return pl.lit(None, dtype=pl.Boolean)
    if indicator.rule in ("below", "above"):
        if kind != "number":
            raise MeasureError(
                f"{name} compares numbers with a threshold, but the column holds {dtype}; "
                "convert it to numbers first."
            )
        t = indicator.threshold
        if indicator.rule == "below":
            return column <= t if indicator.inclusive else column < t
        return column >= t if indicator.inclusive else column > t
    if indicator.rule == "in":
        categories = list(indicator.categories)
        if kind == "text":
            if not all(isinstance(c, str) for c in categories):
                raise MeasureError(f"{name} holds text, so its categories must be text.")
            if isinstance(dtype, pl.Enum):
                # Compare the Enum's own codes: casting ten million values to text is slow.
                known = dtype.categories.to_list()
                codes = [known.index(c) for c in categories if c in known]
                if codes:
                    return column.to_physical().is_in(codes)
                return pl.when(column.is_not_null()).then(pl.lit(False))
            return column.is_in(categories)
        if kind == "boolean":
            if not all(isinstance(c, bool) for c in categories):
                raise MeasureError(f"{name} holds true/false, so its categories must be too.")
            return column.is_in(categories)
        if kind == "number":
            if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in categories):
                raise MeasureError(f"{name} holds numbers, so its categories must be numbers.")
            if all(isinstance(c, int) for c in categories) and dtype.is_integer():
                return column.is_in(categories)
            return column.cast(pl.Float64).is_in([float(c) for c in categories])
        raise MeasureError(f"{name} holds {dtype}, which the rule 'in' cannot read.")
    # flag / lacks
    if kind == "boolean":
        return column if indicator.rule == "flag" else ~column
    if kind == "number":
        return column != 0 if indicator.rule == "flag" else column == 0
    raise MeasureError(
        f"{name} must hold true/false or 0/1 for the rule {indicator.rule!r}, not {dtype}."
    )


@dataclass(frozen=True)
class IndicatorExprs:
    deprived: pl.Expr  # never null: the missing-data rule is applied
    excluded: pl.Expr | None  # None when nothing can exclude the child


def indicator_exprs(
    indicator: Indicator, schema: pl.Schema, missing: Missingness
) -> IndicatorExprs:
    dtype = schema[indicator.column]
    raw = _raw_rule(indicator, dtype)
    column = pl.col(indicator.column)
    has_nan = indicator.column in missing.nans
    has_null = indicator.column in missing.nulls or dtype == pl.Null
    if not has_nan and not has_null:
        return IndicatorExprs(raw, None)
    absent = column.is_null()
    if has_nan:
        absent = absent | column.is_nan().fill_null(True)
        raw = pl.when(column.is_nan()).then(None).otherwise(raw)
    fill = indicator.missing == "deprived"
    deprived = raw.fill_null(fill)
    return IndicatorExprs(deprived, absent if indicator.missing == "exclude" else None)


def excluded_expr(exprs: Sequence[IndicatorExprs]) -> pl.Expr | None:
    parts = [e.excluded for e in exprs if e.excluded is not None]
    return pl.any_horizontal(parts) if parts else None


def profile_code(exprs: Sequence[IndicatorExprs]) -> pl.Expr:
    """Bit ``j`` set when deprived in indicator ``j``, in the smallest integer type that fits."""
    dtype: pl.DataType = pl.UInt16() if len(exprs) <= 16 else pl.Int64()
    bits = [
        pl.when(e.deprived).then(pl.lit(1 << j, dtype)).otherwise(pl.lit(0, dtype))
        for j, e in enumerate(exprs)
    ]
    return pl.sum_horizontal(bits)


def measure_columns(measure: Measure) -> list[tuple[str, str]]:
    return [(i.column, f"used by indicator {i.slug!r}") for i in measure.indicators]


def deprivation_matrix(
    frame: pl.DataFrame, measure: Measure
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """``(g, included)``: ``g[i, j]`` is True when child ``i`` is deprived in indicator ``j``.

    Indicators are in the order of ``measure.indicators``; missing values follow each indicator's
    rule. ``included[i]`` is False when a missing value in an ``missing="exclude"`` indicator
    leaves the child out (their row of ``g`` is then meaningless). ``g`` is Fortran-ordered
    (each indicator's column is contiguous), the layout the rules are computed in.
    """
    require_columns(frame, measure_columns(measure))
    missing = Missingness.of(frame, [i.column for i in measure.indicators])
    exprs = [indicator_exprs(i, frame.schema, missing) for i in measure.indicators]
    excluded = excluded_expr(exprs)
    selected = [e.deprived.alias(f"g{j}") for j, e in enumerate(exprs)]
    if excluded is not None:
        selected.append(excluded.alias("excluded"))
    out = frame.select(selected) if frame.height else None
    g = np.zeros((len(exprs), frame.height), dtype=np.bool_)
    included = np.ones(frame.height, dtype=np.bool_)
    if out is not None:
        for j in range(len(exprs)):
            g[j] = out[f"g{j}"].to_numpy()
        if excluded is not None:
            np.logical_not(out["excluded"].to_numpy(), out=included)
    return g.T, included


def _integer_codes(
    series: pl.Series, scale: int
) -> tuple[npt.NDArray[np.int64], list[int | None]] | None:
    """Dense codes for an integer column with a modest range (None when the range is too wide)."""
    low, high = series.min(), series.max()
    if not isinstance(low, int) or not isinstance(high, int):
        return None
    span = high - low + 1
    if span > max(4 * series.len(), 1 << 16):
        return None
    offset = (series.cast(pl.Int64) - low).fill_null(span).to_numpy()
    present = np.bincount(offset, minlength=span + 1) > 0
    lookup = (np.cumsum(present) - 1) * scale
    values: list[int | None] = [int(v) + low for v in np.flatnonzero(present[:span])]
    if present[span]:
        values.append(None)
    return np.take(lookup, offset, mode="clip"), values


def _categorical_codes(series: pl.Series, scale: int) -> tuple[npt.NDArray[np.int64], list[object]]:
    """Codes from the categories' own integer codes through a small lookup table (one pass)."""
    present = series.drop_nulls().unique()
    physical = np.asarray(present.to_physical().to_numpy(), dtype=np.int64)
    names: list[object] = present.cast(pl.String).to_list()
    if isinstance(series.dtype, pl.Enum):
        order = np.argsort(physical, kind="stable")
    else:
        order = np.asarray(sorted(range(len(names)), key=lambda n: str(names[n])), dtype=np.int64)
    has_null = series.null_count() > 0
    top = int(physical.max()) + 1 if physical.size else 0
    lookup = np.full(top + 1, len(names), dtype=np.int64)  # the last slot: missing
    lookup[physical[order]] = np.arange(len(names))
    codes = series.to_physical()
    if has_null:
        codes = codes.fill_null(top)
    values = [names[n] for n in order] + ([None] if has_null else [])
    return np.take(lookup * scale, codes.to_numpy(), mode="clip"), values


def group_expr(frame: pl.DataFrame, column: str) -> pl.Expr:
    """What to read for a breakdown or cluster column: text becomes categorical (its integer
    codes are what :func:`factorize` counts), in the same pass as everything else."""
    expr = pl.col(column)
    return expr.cast(pl.Categorical) if frame.schema[column] == pl.String else expr


def factorize(series: pl.Series, scale: int = 1) -> tuple[npt.NDArray[np.int64], list[object]]:
    """Codes ``0..m-1`` (times ``scale``) for a column's values, and the values.

    Values are sorted (an Enum keeps its own order) with a missing value last, as ``None``.
    The codes are a new, writable array.
    """
    dtype = series.dtype
    if series.len() and series.null_count() == series.len():
        return np.zeros(series.len(), dtype=np.int64), [None]
    if dtype == pl.String:
        series = series.cast(pl.Categorical)
        dtype = series.dtype
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return _categorical_codes(series, scale)
    if dtype == pl.Boolean or dtype.is_integer():
        found = _integer_codes(series.cast(pl.Int8) if dtype == pl.Boolean else series, scale)
        if found is not None:
            codes, numbers = found
            if dtype == pl.Boolean:
                return codes, [None if v is None else bool(v) for v in numbers]
            return codes, list(numbers)
    uniques = series.drop_nulls().unique().sort()
    values: list[object] = uniques.to_list()
    codes = np.array(
        series.replace_strict(
            uniques,
            np.arange(len(values), dtype=np.int64) * scale,
            default=len(values) * scale,
            return_dtype=pl.Int64,
        ).to_numpy(),
        dtype=np.int64,
    )
    if series.null_count():
        values.append(None)
    return codes, values


def small_integer_range(series: pl.Series) -> tuple[int, int] | None:
    """``(lowest, highest)`` of an integer column whose values can index an array directly."""
    if not series.dtype.is_integer() or not series.len():
        return None
    low, high = series.min(), series.max()
    if isinstance(low, int) and isinstance(high, int) and high - low < 4 * series.len() + 16:
        return low, high
    return None


def cluster_ids(series: pl.Series, column: str) -> tuple[npt.NDArray[np.int64], int]:
    """Integer ids ``0..m-1`` (not necessarily all used) for the clusters, and ``m``."""
    if series.null_count():
        raise MeasureError(f"The cluster column {column!r} has missing values.")
    span = small_integer_range(series)
    if span is not None:
        ids = np.asarray(series.cast(pl.Int64).to_numpy(), dtype=np.int64)
        return (ids - span[0] if span[0] else ids), span[1] - span[0] + 1
    codes, values = factorize(series)
    return codes, len(values)

"""What :func:`~childrights.poverty.engine.core.compute` returns. ``to_dict()`` gives plain JSON.

Shares (H, A, M0, headcounts, population shares) are fractions between 0 and 1; contributions
are percentages that add up to 100. Where a ratio has nothing to divide by (no one poor, so no
intensity; no one in a group) it is 0.0; a standard error that cannot be estimated (one cluster)
is NaN, and ``None`` in ``to_dict()``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, NamedTuple


class CurvePoint(NamedTuple):
    """Headcount and adjusted headcount if the cutoff were ``k``."""

    k: float
    H: float
    M0: float


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator. ``weight`` is None in a result that pools age groups weighting it unequally.

    Headcounts are shares of the children the indicator applies to (with age groups, the
    children of the groups that use it). ``contribution_pct`` is ``w_j h_j / M0`` in percent
    (pooled over age groups: each group's ``w_j h_j`` weighted by its population share).
    """

    slug: str
    label: str
    dimension: str
    weight: float | None
    uncensored_headcount: float
    censored_headcount: float
    contribution_pct: float


@dataclass(frozen=True)
class DimensionResult:
    """A dimension: deprived in it means deprived in any of its indicators."""

    slug: str
    label: str
    weight: float | None
    uncensored_headcount: float
    censored_headcount: float
    contribution_pct: float


@dataclass(frozen=True)
class BreakdownRow:
    """One subgroup: ``M0 = sum(population_share * M0_group)``, contributions add up to 100."""

    value: object
    n: int
    population: float
    population_share: float
    H: float
    A: float
    M0: float
    contribution_pct: float


@dataclass(frozen=True)
class Overlaps:
    """MODA overlaps, uncensored (every child, poor or not), over the dimensions listed.

    ``count_shares[m]`` is the share of children deprived in exactly ``m`` dimensions and
    ``count_n[m]`` how many children that is (unweighted). ``pairwise[a][b]`` is the share deprived
    in both dimension ``a`` and ``b`` (the diagonal: deprived in ``a``).
    """

    dimensions: tuple[str, ...]
    count_shares: tuple[float, ...]
    count_n: tuple[int, ...]
    pairwise: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class BootstrapResult:
    """Resampling clusters (or children) with replacement ``replicates`` times."""

    replicates: int
    seed: int
    se_H: float
    se_A: float
    se_M0: float
    ci_H: tuple[float, float]
    ci_A: tuple[float, float]
    ci_M0: tuple[float, float]


@dataclass(frozen=True)
class AgeGroupResult:
    slug: str
    label: str
    min_age: float
    max_age: float
    population_share: float
    result: Result


@dataclass(frozen=True)
class Result:
    """The measure on one population (all children, or one age group).

    ``n`` children were measured (``population`` with survey weights; equal to ``n`` without);
    ``n_excluded`` were left out for missing data and ``n_out_of_scope`` fell in no age group.
    ``k`` is None when age groups use different cutoffs. Standard errors are by linearisation
    (see the engine's documentation); confidence intervals are 95%, clipped to [0, 1].
    """

    n: int
    population: float
    n_excluded: int
    n_out_of_scope: int
    k: float | None
    H: float
    A: float
    M0: float
    se_H: float
    se_A: float
    se_M0: float
    ci_H: tuple[float, float]
    ci_A: tuple[float, float]
    ci_M0: tuple[float, float]
    indicators: tuple[IndicatorResult, ...]
    dimensions: tuple[DimensionResult, ...]
    breakdowns: dict[str, tuple[BreakdownRow, ...]]
    k_curve: tuple[CurvePoint, ...]
    overlaps: Overlaps
    weighted: bool
    n_clusters: int | None
    age_groups: tuple[AgeGroupResult, ...] = ()
    bootstrap: BootstrapResult | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-serialisable data (NaN becomes None)."""
        data = _plain(self)
        assert isinstance(data, dict)  # noqa: S101 - a dataclass always becomes a dict
        return data


def _plain(value: object) -> object:
    if isinstance(value, CurvePoint):
        return {name: _plain(part) for name, part in value._asdict().items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(part) for key, part in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(part) for part in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if hasattr(value, "item"):  # a NumPy scalar
        return _plain(value.item())
    return str(value)

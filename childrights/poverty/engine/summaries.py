"""Everything reported about one population, from per-profile totals (small tables only).

``weight[key]`` is the survey weight of the children with profile ``key`` and ``count[key]`` how
many there are; the per-domain ``bits`` and ``dims`` say which indicators and dimensions each
profile is deprived in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from childrights.poverty.engine.inference import ProfileTables, ratio
from childrights.poverty.engine.keys import Domain
from childrights.poverty.engine.results import (
    BreakdownRow,
    CurvePoint,
    DimensionResult,
    IndicatorResult,
    Overlaps,
)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: A child is poor when their score ``c >= k - TOLERANCE`` (and ``c > 0``).
TOLERANCE = 1e-12


@dataclass
class Counts:
    count: Ints  # children per key
    weight: Floats  # survey weight per key
    weight2: Floats | None  # squared survey weights per key (unclustered standard errors)
    groups: dict[str, tuple[list[object], Ints, Floats]]  # column -> values, (G, L) counts, weights


@dataclass
class DomainTables:
    bits: list[Bools]  # per domain: (profiles, indicators)
    dims: list[Bools]  # per domain: (profiles, dimensions)


def profile_tables(domains: list[Domain], size: int) -> tuple[ProfileTables, DomainTables]:
    """Score, poverty and deprivations of every profile key (``size`` keys, sentinels last)."""
    poor = np.zeros(size, dtype=np.float64)
    score = np.zeros(size, dtype=np.float64)
    domain_of = np.full(size, len(domains), dtype=np.int64)
    bits: list[Bools] = []
    dims: list[Bools] = []
    for number, domain in enumerate(domains):
        assert domain.codes is not None  # noqa: S101 - filled when the keys are made
        measure = domain.measure
        shifts = np.arange(domain.size, dtype=np.int64)
        domain_bits = ((domain.codes[:, None] >> shifts) & 1).astype(np.bool_)
        domain_score = np.zeros(domain_bits.shape[0])
        for j, weight in enumerate(measure.weights):  # in order, as c_i = sum_j w_j g_ij
            domain_score += weight * domain_bits[:, j]
        block = slice(domain.start, domain.stop)
        score[block] = domain_score
        poor[block] = (domain_score >= measure.k - TOLERANCE) & (domain_score > 0)
        domain_of[block] = number
        owner = np.asarray(measure.dimension_of_indicator)
        flags = np.zeros((domain_bits.shape[0], len(measure.dimensions)), dtype=np.bool_)
        for position in range(len(measure.dimensions)):
            flags[:, position] = domain_bits[:, owner == position].any(axis=1)
        bits.append(domain_bits)
        dims.append(flags)
    measured = (domain_of < len(domains)).astype(np.float64)
    tables = ProfileTables(measured, poor, poor * score, score, domain_of)
    return tables, DomainTables(bits, dims)


def population_index(domains: list[Domain], numbers: Sequence[int]) -> Ints:
    parts = [np.arange(domains[d].start, domains[d].stop, dtype=np.int64) for d in numbers]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def totals(weight: Floats, tables: ProfileTables, index: Ints) -> tuple[float, float, float]:
    """``N``, ``Q`` (poor) and ``S`` (censored scores), weighted, over the keys in ``index``."""
    w = weight[index]
    return float(w.sum()), float(w @ tables.poor[index]), float(w @ tables.censored[index])


def _same(values: list[float], everywhere: bool) -> float | None:
    if everywhere and values and max(values) - min(values) <= TOLERANCE:
        return values[0]
    return None


@dataclass
class _Tally:
    label: str
    dimension: str
    n: float = 0.0
    uncensored: float = 0.0
    censored: float = 0.0
    weighted: float = 0.0  # sum over domains of w_j * censored total


def indicator_results(
    domains: list[Domain],
    numbers: Sequence[int],
    counts: Counts,
    tables: ProfileTables,
    domain_tables: DomainTables,
    s: float,
) -> tuple[tuple[IndicatorResult, ...], tuple[DimensionResult, ...]]:
    """Per indicator and dimension (matched by slug across age groups)."""
    indicators: dict[str, _Tally] = {}
    dimensions: dict[str, _Tally] = {}
    indicator_weights: dict[str, list[float]] = {}
    dimension_weights: dict[str, list[float]] = {}
    for number in numbers:
        domain = domains[number]
        measure = domain.measure
        block = slice(domain.start, domain.stop)
        w = counts.weight[block]
        wp = w * tables.poor[block]
        population = float(w.sum())
        bits, flags = domain_tables.bits[number], domain_tables.dims[number]
        uncensored, censored = w @ bits, wp @ bits
        dim_uncensored, dim_censored = w @ flags, wp @ flags
        owner = measure.dimension_of_indicator
        for j, indicator in enumerate(measure.indicators):
            tally = indicators.setdefault(
                indicator.slug,
                _Tally(indicator.label, measure.dimensions[owner[j]].slug),
            )
            tally.n += population
            tally.uncensored += float(uncensored[j])
            tally.censored += float(censored[j])
            tally.weighted += measure.weights[j] * float(censored[j])
            indicator_weights.setdefault(indicator.slug, []).append(measure.weights[j])
        for position, dimension in enumerate(measure.dimensions):
            members = [j for j in range(len(owner)) if owner[j] == position]
            tally = dimensions.setdefault(dimension.slug, _Tally(dimension.label, ""))
            tally.n += population
            tally.uncensored += float(dim_uncensored[position])
            tally.censored += float(dim_censored[position])
            tally.weighted += sum(measure.weights[j] * float(censored[j]) for j in members)
            dimension_weights.setdefault(dimension.slug, []).append(
                math.fsum(measure.weights[j] for j in members)
            )
    every = len(numbers)
    return (
        tuple(
            IndicatorResult(
                slug=slug,
                label=tally.label,
                dimension=tally.dimension,
                weight=_same(indicator_weights[slug], len(indicator_weights[slug]) == every),
                uncensored_headcount=ratio(tally.uncensored, tally.n),
                censored_headcount=ratio(tally.censored, tally.n),
                contribution_pct=100 * ratio(tally.weighted, s),
            )
            for slug, tally in indicators.items()
        ),
        tuple(
            DimensionResult(
                slug=slug,
                label=tally.label,
                weight=_same(dimension_weights[slug], len(dimension_weights[slug]) == every),
                uncensored_headcount=ratio(tally.uncensored, tally.n),
                censored_headcount=ratio(tally.censored, tally.n),
                contribution_pct=100 * ratio(tally.weighted, s),
            )
            for slug, tally in dimensions.items()
        ),
    )


def overlaps(
    domains: list[Domain],
    numbers: Sequence[int],
    counts: Counts,
    domain_tables: DomainTables,
    n: float,
) -> Overlaps:
    """MODA overlaps over the dimensions of these domains (a dimension a domain does not
    measure counts as not deprived there)."""
    slugs: list[str] = []
    for number in numbers:
        for dimension in domains[number].measure.dimensions:
            if dimension.slug not in slugs:
                slugs.append(dimension.slug)
    size = len(slugs)
    shares = np.zeros(size + 1)
    children = np.zeros(size + 1)
    pairwise = np.zeros((size, size))
    for number in numbers:
        domain = domains[number]
        block = slice(domain.start, domain.stop)
        w = counts.weight[block]
        flags = np.zeros((domain.stop - domain.start, size))
        for position, dimension in enumerate(domain.measure.dimensions):
            flags[:, slugs.index(dimension.slug)] = domain_tables.dims[number][:, position]
        deprived_in = flags.sum(axis=1).astype(np.int64)
        shares += np.bincount(deprived_in, weights=w, minlength=size + 1)
        children += np.bincount(deprived_in, weights=counts.count[block], minlength=size + 1)
        pairwise += flags.T @ (flags * w[:, None])
    scale = 1 / n if n > 0 else 0.0
    return Overlaps(
        dimensions=tuple(slugs),
        count_shares=tuple(float(x) * scale for x in shares),
        count_n=tuple(round(float(x)) for x in children),
        pairwise=tuple(tuple(float(x) * scale for x in row) for row in pairwise),
    )


def k_curve(
    index: Ints, counts: Counts, tables: ProfileTables, n: float, ks: Sequence[float] | None
) -> tuple[CurvePoint, ...]:
    """H and M0 at each cutoff: ``ks``, or every distinct positive score that occurs. Each
    domain's children are judged by their own score; age groups share the curve's k."""
    score = tables.score[index]
    weight = counts.weight[index]
    if ks is None:
        seen = score[(counts.count[index] > 0) & (score > 0)]
        levels = [float(k) for k in np.unique(np.round(seen, 12))]
    else:
        levels = [float(k) for k in ks]
    # A score of 0 never makes a child poor, whatever k: park those below every cutoff.
    level = np.where(score > 0, score, -1.0)
    order = np.argsort(level, kind="stable")
    ordered = level[order]
    w = weight[order]
    above = np.concatenate([np.cumsum(w[::-1])[::-1], [0.0]])
    above_s = np.concatenate([np.cumsum((w * score[order])[::-1])[::-1], [0.0]])
    points = []
    for k in levels:
        first = int(np.searchsorted(ordered, k - TOLERANCE, side="left"))
        points.append(CurvePoint(k, ratio(float(above[first]), n), ratio(float(above_s[first]), n)))
    return tuple(points)


def breakdowns(
    index: Ints, counts: Counts, tables: ProfileTables, population: tuple[float, float, float]
) -> dict[str, tuple[BreakdownRow, ...]]:
    """Subgroup decomposition: ``M0 = sum_g share_g * M0_g``; groups with no child are left out."""
    n_all, _, s_all = population
    poor, censored = tables.poor[index], tables.censored[index]
    out: dict[str, tuple[BreakdownRow, ...]] = {}
    for column, (values, group_count, group_weight) in counts.groups.items():
        children = group_count[:, index].sum(axis=1)
        w = group_weight[:, index]
        n, q, s = w.sum(axis=1), w @ poor, w @ censored
        out[column] = tuple(
            BreakdownRow(
                value=value,
                n=int(children[g]),
                population=float(n[g]),
                population_share=ratio(float(n[g]), n_all),
                H=ratio(float(q[g]), float(n[g])),
                A=ratio(float(s[g]), float(q[g])),
                M0=ratio(float(s[g]), float(n[g])),
                contribution_pct=100 * ratio(float(s[g]), s_all),
            )
            for g, value in enumerate(values)
            if children[g] > 0
        )
    return out

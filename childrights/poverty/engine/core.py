"""The computation: every estimate comes from weighted counts of deprivation profiles.

A child's *profile* is the set of indicators they are deprived in, packed into an integer key
(see :mod:`~childrights.poverty.engine.keys`). Everything the Alkire-Foster method and MODA report
-- scores, who is poor, H, A, M0, censored and uncensored headcounts, contributions, the curve
over k, overlaps, subgroup decompositions -- depends on a child only through their profile,
age group, subgroup and survey weight. So the engine makes one parallel Polars pass over the raw
columns, a few ``np.bincount`` passes (weights per key, and per subgroup x key), and then works on
tables of at most a few thousand rows. Standard errors with clusters need three more passes (see
:mod:`~childrights.poverty.engine.inference`, which also documents the estimator).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import polars as pl

from childrights.poverty.engine import keys as key_module
from childrights.poverty.engine.definitions import AgeGrouping, Measure, MeasureError
from childrights.poverty.engine.inference import (
    ClusterTotals,
    Inputs,
    ProfileTables,
    cluster_totals,
    clustered_errors,
    interval,
    ratio,
    unclustered_errors,
)
from childrights.poverty.engine.inference import bootstrap as run_bootstrap
from childrights.poverty.engine.keys import Domain
from childrights.poverty.engine.results import AgeGroupResult, BootstrapResult, Result
from childrights.poverty.engine.rules import (
    cluster_ids,
    factorize,
    group_expr,
    require_columns,
    small_integer_range,
)
from childrights.poverty.engine.summaries import (
    Counts,
    DomainTables,
    breakdowns,
    indicator_results,
    k_curve,
    overlaps,
    population_index,
    profile_tables,
    totals,
)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def _domains(measure: Measure, age_groups: AgeGrouping | None) -> list[Domain]:
    if age_groups is None:
        return [Domain("all", "All children", None, None, measure)]
    return [
        Domain(g.slug, g.label, g.min_age, g.max_age, g.measure or measure)
        for g in age_groups.groups
    ]


def _check_options(
    frame: pl.DataFrame,
    domains: list[Domain],
    weight_column: str | None,
    cluster_column: str | None,
    group_columns: tuple[str, ...],
    ks: Sequence[float] | None,
    age_groups: AgeGrouping | None,
    bootstrap: int,
) -> None:
    needed = [
        (i.column, f"used by indicator {i.slug!r}") for d in domains for i in d.measure.indicators
    ]
    if weight_column is not None:
        needed.append((weight_column, "the survey weights"))
    if cluster_column is not None:
        needed.append((cluster_column, "the clusters"))
    needed.extend((c, "a breakdown") for c in group_columns)
    if age_groups is not None:
        needed.append((age_groups.column, "the ages"))
    require_columns(frame, needed)
    if age_groups is not None and not frame.schema[age_groups.column].is_numeric():
        raise MeasureError(f"The age column {age_groups.column!r} must hold numbers.")
    if weight_column is not None:
        series = frame[weight_column]
        if not series.dtype.is_numeric():
            raise MeasureError(f"The survey weight column {weight_column!r} must hold numbers.")
        if series.null_count():
            raise MeasureError(
                f"The survey weight column {weight_column!r} has "
                f"{series.null_count()} missing values."
            )
    if cluster_column is not None and frame[cluster_column].null_count():
        raise MeasureError(f"The cluster column {cluster_column!r} has missing values.")
    if len(set(group_columns)) != len(group_columns):
        raise MeasureError("A breakdown column is listed more than once.")
    for k in ks or ():
        if not isinstance(k, int | float) or isinstance(k, bool) or not 0 < k <= 1:
            raise MeasureError(f"Every k on the curve must be more than 0 and at most 1 ({k!r}).")
    if not isinstance(bootstrap, int) or isinstance(bootstrap, bool) or bootstrap < 0:
        raise MeasureError("bootstrap is a number of replicates: 0 (none) or more.")


def _weights(series: pl.Series, column: str) -> Floats:
    weights = np.asarray(series.to_numpy(), dtype=np.float64)
    if weights.size and (not math.isfinite(float(weights.sum())) or weights.min() < 0):
        raise MeasureError(
            f"Survey weights in {column!r} must be numbers of 0 or more (no infinities)."
        )
    return weights


def _weighted_count(cells: Ints, weights: Floats, size: int) -> Floats:
    return np.asarray(np.bincount(cells, weights=weights, minlength=size), dtype=np.float64)


def _counts(
    key: Ints,
    weights: Floats | None,
    size: int,
    groups: dict[str, pl.Series],
    need_weight2: bool,
) -> Counts:
    """Children and weights per key, and per (subgroup, key) for each breakdown column."""
    by_group: dict[str, tuple[list[object], Ints, Floats]] = {}
    count: Ints | None = None
    weight: Floats | None = None
    for column, series in groups.items():
        cell, values = factorize(series, scale=size)  # a new array: add the keys in place
        cell += key
        bins = len(values) * size
        group_count: Ints = np.bincount(cell, minlength=bins).reshape(len(values), size)
        group_weight: Floats = (
            group_count.astype(np.float64)
            if weights is None
            else _weighted_count(cell, weights, bins).reshape(len(values), size)
        )
        del cell
        by_group[column] = (values, group_count, group_weight)
        if count is None:
            count, weight = group_count.sum(axis=0), group_weight.sum(axis=0)
    if count is None or weight is None:
        count = np.bincount(key, minlength=size)
        weight = (
            count.astype(np.float64) if weights is None else _weighted_count(key, weights, size)
        )
    weight2: Floats | None = None
    if need_weight2:
        weight2 = weight if weights is None else _weighted_count(key, weights * weights, size)
    return Counts(count, weight, weight2, by_group)


def compute(
    frame: pl.DataFrame,
    measure: Measure,
    *,
    weight_column: str | None = None,
    cluster_column: str | None = None,
    group_columns: Sequence[str] = (),
    ks: Sequence[float] | None = None,
    age_groups: AgeGrouping | None = None,
    bootstrap: int = 0,
    seed: int = 0,
) -> Result:
    """The Alkire-Foster measure, with MODA age groups and overlaps, for one child per row.

    - ``weight_column``: survey weights (numbers >= 0, none missing); without it every child
      counts once.
    - ``cluster_column``: household or cluster ids (none missing), for cluster-robust standard
      errors and so that the bootstrap resamples whole clusters.
    - ``group_columns``: a subgroup decomposition for each (``Result.breakdowns``).
    - ``ks``: the cutoffs for ``Result.k_curve``; by default every score that occurs.
    - ``age_groups``: each group measured with its own indicators, weights and k
      (``AgeGroup.measure``, or ``measure``). The overall figures pool the groups' children, so
      the overall M0 is the population-share-weighted sum of the groups' M0 (as MODA does);
      ``Result.age_groups`` has each group's own result. Children in no group are left out
      (``n_out_of_scope``).
    - ``bootstrap``: that many replicates (0 = none), drawn with ``seed``.

    Raises :class:`MeasureError` for a measure the data cannot support (a missing column, a rule
    that does not fit the column's type, no child left to measure).
    """
    group_columns = tuple(group_columns)
    domains = _domains(measure, age_groups)
    _check_options(
        frame, domains, weight_column, cluster_column, group_columns, ks, age_groups, bootstrap
    )
    plan = key_module.plan_keys(frame, domains, age_groups.column if age_groups else None)
    # One Polars pass for every per-child column (Polars runs the expressions in parallel).
    selected = [plan.expr.alias("key")]
    selected += [group_expr(frame, c).alias(f"group{n}") for n, c in enumerate(group_columns)]
    if weight_column is not None:
        selected.append(pl.col(weight_column).cast(pl.Float64).alias("weight"))
    n_domains = len(domains)
    span = small_integer_range(frame[cluster_column]) if cluster_column is not None else None
    if cluster_column is not None and span is not None:
        # Integer ids (households usually are): cluster x domain cells in the same pass.
        cell = (pl.col(cluster_column).cast(pl.Int64) - span[0]) * n_domains
        if age_groups is not None:
            cell = cell + key_module.domain_expr(domains, age_groups.column)
        selected.append(cell.alias("cell"))
    elif cluster_column is not None:
        selected.append(group_expr(frame, cluster_column).alias("cluster"))
    read = frame.select(selected) if frame.height else None
    raw = np.asarray(read["key"].to_numpy(), dtype=np.int64) if read is not None else None
    key = plan.finish(raw) if raw is not None else np.zeros(0, dtype=np.int64)
    n_profiles = domains[-1].stop
    size = n_profiles + n_domains + 1
    weights = (
        _weights(read["weight"], str(weight_column))
        if read is not None and weight_column is not None
        else None
    )
    groups = {c: read[f"group{n}"] for n, c in enumerate(group_columns)} if read is not None else {}
    counts = _counts(key, weights, size, groups, cluster_column is None)
    n_children = int(counts.count[:n_profiles].sum())
    if n_children == 0 or counts.weight[:n_profiles].sum() <= 0:
        left_out = int(counts.count[n_profiles : n_profiles + n_domains].sum())
        raise MeasureError(
            f"No child could be measured: {left_out} were left out for missing data and "
            f"{int(counts.count[-1])} were in no age group"
            + (" (and every survey weight is 0)." if n_children else ".")
        )
    tables, domain_tables = profile_tables(domains, size)
    clusters: ClusterTotals | None = None
    cells: Ints | None = None
    if cluster_column is not None and read is not None:
        if span is not None:
            n_ids = span[1] - span[0] + 1
            cells = np.asarray(read["cell"].to_numpy(), dtype=np.int64)
        else:
            ids, n_ids = cluster_ids(read["cluster"], cluster_column)
            cells = ids * n_domains
            cells += np.take(tables.domain, key, mode="clip").clip(0, n_domains - 1)
        clusters = cluster_totals(key, weights, tables, cells, n_ids, n_domains)
    populations = [list(range(n_domains))]
    if age_groups is not None:
        populations += [[d] for d in range(n_domains)]
    indexes = [population_index(domains, numbers) for numbers in populations]
    replicates: list[BootstrapResult | None] = [None] * len(populations)
    if bootstrap:
        units = cells // n_domains if cells is not None else None
        replicates = list(
            run_bootstrap(bootstrap, seed, key, weights, size, n_profiles, indexes, tables, units)
        )
    results = [
        _result(
            domains,
            numbers,
            index,
            counts,
            tables,
            domain_tables,
            clusters,
            n_children,
            ks,
            boot,
            n_out_of_scope=int(counts.count[-1]) if not number else 0,
            weighted=weights is not None,
        )
        for number, (numbers, index, boot) in enumerate(
            zip(populations, indexes, replicates, strict=True)
        )
    ]
    overall = results[0]
    if age_groups is None:
        return overall
    return dataclasses.replace(
        overall,
        age_groups=tuple(
            AgeGroupResult(
                slug=domain.slug,
                label=domain.label,
                min_age=float(domain.min_age if domain.min_age is not None else 0),
                max_age=float(domain.max_age if domain.max_age is not None else 0),
                population_share=ratio(group.population, overall.population),
                result=group,
            )
            for domain, group in zip(domains, results[1:], strict=True)
        ),
    )


def _result(
    domains: list[Domain],
    numbers: list[int],
    index: Ints,
    counts: Counts,
    tables: ProfileTables,
    domain_tables: DomainTables,
    clusters: ClusterTotals | None,
    n_children: int,
    ks: Sequence[float] | None,
    boot: BootstrapResult | None,
    *,
    n_out_of_scope: int,
    weighted: bool,
) -> Result:
    population = totals(counts.weight, tables, index)
    n, q, s = population
    h, a, m0 = ratio(q, n), ratio(s, q), ratio(s, n)
    inputs = Inputs(numbers, index, population)
    if clusters is not None:
        se_h, se_a, se_m0 = clustered_errors(inputs, clusters)
    else:
        assert counts.weight2 is not None  # noqa: S101 - counted whenever there are no clusters
        se_h, se_a, se_m0 = unclustered_errors(
            inputs, counts.weight, counts.weight2, tables, n_children
        )
    indicators, dimensions = indicator_results(domains, numbers, counts, tables, domain_tables, s)
    cutoffs = {domains[d].measure.k for d in numbers}
    left_out = counts.count[[domains[-1].stop + d for d in numbers]].sum()
    return Result(
        n=int(counts.count[index].sum()),
        population=n,
        n_excluded=int(left_out),
        n_out_of_scope=n_out_of_scope,
        k=cutoffs.pop() if len(cutoffs) == 1 else None,
        H=h,
        A=a,
        M0=m0,
        se_H=se_h,
        se_A=se_a,
        se_M0=se_m0,
        ci_H=interval(h, se_h),
        ci_A=interval(a, se_a),
        ci_M0=interval(m0, se_m0),
        indicators=indicators,
        dimensions=dimensions,
        breakdowns=breakdowns(index, counts, tables, population),
        k_curve=k_curve(index, counts, tables, n, ks),
        overlaps=overlaps(domains, numbers, counts, domain_tables, n),
        weighted=weighted,
        n_clusters=clusters.count if clusters is not None else None,
        bootstrap=boot,
    )

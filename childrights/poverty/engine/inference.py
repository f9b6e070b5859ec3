"""Standard errors (linearisation, optionally cluster-robust) and the bootstrap.

``H = Q/N``, ``A = S/Q`` and ``M0 = S/N`` are ratios of weighted totals over the measured
children: ``N = sum w_i``, ``Q = sum w_i p_i`` and ``S = sum w_i p_i c_i`` (``p_i`` = poor,
``c_i`` = deprivation score). For ``R = Y/X`` the linearised value of a primary sampling unit
``u`` (a cluster, or a child when there are no clusters) is
``z_u = sum_{i in u} w_i (y_i - R x_i) / X`` and

    Var(R) = m / (m - 1) * sum_u (z_u - mean(z))^2

over the ``m`` units: the with-replacement ("ultimate cluster") estimator that Stata's ``svy``
and R's ``survey`` use without strata or finite population corrections. A cluster is a unit when
it has a measured child of positive weight. An age group's figures are domain estimates: every
unit counts, those without children of the group with ``z_u = 0``.

Computation. Without clusters, ``z`` depends on a child only through their weight and profile,
so the sums come from per-profile totals of ``w`` and ``w^2``. With clusters, the totals
``(N_c, Q_c, S_c)`` of each cluster and domain are counted once (three ``bincount`` passes); then
``sum z`` and ``sum z^2`` for every ratio and population are quadratic forms in their Gram matrix.
Where that would lose precision (a variance that is almost exactly 0) ``z`` is computed directly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from childrights.poverty.engine.results import BootstrapResult

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

Z_95 = 1.959963984540054


def ratio(top: float, bottom: float) -> float:
    """``top / bottom``, or 0.0 when there is nothing to divide by."""
    return top / bottom if bottom > 0 else 0.0


def interval(value: float, se: float) -> tuple[float, float]:
    if not math.isfinite(se):
        return (math.nan, math.nan)
    return (max(0.0, value - Z_95 * se), min(1.0, value + Z_95 * se))


@dataclass
class ProfileTables:
    """Per profile key (sentinels included): measured (0/1), poor (0/1), censored score, score
    and domain (``D`` for the sentinels)."""

    measured: Floats
    poor: Floats
    censored: Floats
    score: Floats
    domain: Ints


@dataclass
class ClusterTotals:
    """``n[c, d]``, ``q[c, d]``, ``s[c, d]``: weighted children, poor children and censored
    scores of cluster ``c`` in domain ``d``; their Gram matrix and sums (columns ordered N by
    domain, Q by domain, S by domain); the number of clusters with positive weight."""

    n: Floats
    q: Floats
    s: Floats
    gram: Floats
    sums: Floats
    count: int
    n_domains: int


_CHUNK = 1 << 16


def cluster_totals(
    key: Ints, weights: Floats | None, tables: ProfileTables, cell: Ints, n_ids: int, n_domains: int
) -> ClusterTotals:
    """``cell`` is ``cluster id * D + domain`` for every child (anything in range for a child
    who is not measured: their values are 0). Three ``bincount`` passes, one reused buffer."""
    size = n_ids * n_domains
    buffer = np.empty(key.size, dtype=np.float64)
    totals: list[Floats] = []
    for table in (tables.measured, tables.poor, tables.censored):
        np.take(table, key, out=buffer, mode="clip")
        if weights is not None:
            np.multiply(buffer, weights, out=buffer)
        counted = np.bincount(cell, weights=buffer, minlength=size)
        totals.append(np.asarray(counted[:size], dtype=np.float64).reshape(n_ids, n_domains))
        del counted
    del buffer
    n, q, s = totals
    count = int(np.count_nonzero(n @ np.ones(n_domains) > 0))
    width = 3 * n_domains + 1  # N, Q, S by domain, then 1 so the Gram matrix holds the sums
    gram = np.zeros((width, width))
    block = np.empty((min(_CHUNK, n_ids), width))
    block[:, -1] = 1.0
    for start in range(0, n_ids, _CHUNK):
        stop = min(start + _CHUNK, n_ids)
        rows = block[: stop - start]
        for slot, part in enumerate(totals):
            rows[:, slot * n_domains : (slot + 1) * n_domains] = part[start:stop]
        gram += rows.T @ rows
    return ClusterTotals(n, q, s, gram[:-1, :-1], gram[-1, :-1], count, n_domains)


@dataclass
class Inputs:
    """What the standard errors need for one population (a set of domains)."""

    numbers: Sequence[int]  # the domains
    index: Ints  # their profile keys
    totals: tuple[float, float, float]  # N, Q, S


def _combine(total: float, squares: float, units: int, denominator: float) -> float:
    if units < 2 or denominator <= 0:
        return math.nan
    spread = max(squares - total * total / units, 0.0)
    return math.sqrt(units / (units - 1) * spread) / denominator


def _coefficients(totals: tuple[float, float, float]) -> list[tuple[float, float, float, float]]:
    """For H, A, M0: ``z`` as ``a_N * N + a_Q * Q + a_S * S``, and the denominator."""
    n, q, s = totals
    h, a, m0 = ratio(q, n), ratio(s, q), ratio(s, n)
    return [(-h, 1.0, 0.0, n), (0.0, -a, 1.0, q), (-m0, 0.0, 1.0, n)]


def clustered_errors(population: Inputs, clusters: ClusterTotals) -> tuple[float, float, float]:
    size = clusters.n_domains
    out = []
    for a_n, a_q, a_s, denominator in _coefficients(population.totals):
        vector = np.zeros(3 * size)
        for d in population.numbers:
            vector[d], vector[size + d], vector[2 * size + d] = a_n, a_q, a_s
        total = float(vector @ clusters.sums)
        squares = float(vector @ clusters.gram @ vector)
        scale = float(np.abs(vector) @ clusters.gram @ np.abs(vector))
        if squares <= 1e-6 * scale:  # cancellation: compute z exactly
            z = (
                clusters.n @ vector[:size]
                + clusters.q @ vector[size : 2 * size]
                + clusters.s @ vector[2 * size :]
            )
            total, squares = float(z.sum()), float(z @ z)
        out.append(_combine(total, squares, clusters.count, denominator))
    return out[0], out[1], out[2]


def unclustered_errors(
    population: Inputs, weight: Floats, weight2: Floats, tables: ProfileTables, units: int
) -> tuple[float, float, float]:
    index = population.index
    w1, w2 = weight[index], weight2[index]
    columns = (np.ones(index.size), tables.poor[index], tables.censored[index])
    out = []
    for a_n, a_q, a_s, denominator in _coefficients(population.totals):
        z = a_n * columns[0] + a_q * columns[1] + a_s * columns[2]  # per child of each profile
        out.append(_combine(float(w1 @ z), float(w2 @ (z * z)), units, denominator))
    return out[0], out[1], out[2]


def bootstrap(
    replicates: int,
    seed: int,
    key: Ints,
    weights: Floats | None,
    size: int,
    n_profiles: int,
    populations: list[Ints],
    tables: ProfileTables,
    cluster_ids: Ints | None,
) -> list[BootstrapResult]:
    """Resample units with replacement; each replicate's H, A and M0 come from re-counted
    profile totals, so a replicate costs one pass over the measured children."""
    rng = np.random.default_rng(seed)
    measured = np.flatnonzero(key < n_profiles)
    key_in = key[measured]
    weight_in = weights[measured] if weights is not None else None
    if cluster_ids is not None:
        units, position = np.unique(cluster_ids[measured], return_inverse=True)
        n_units = units.size
    else:
        n_units = measured.size
    draws = np.zeros((replicates, len(populations), 3))
    for r in range(replicates):
        pick = rng.integers(0, n_units, n_units)
        if cluster_ids is None:
            chosen = key_in[pick]
            chosen_weights = weight_in[pick] if weight_in is not None else None
            histogram = np.bincount(chosen, weights=chosen_weights, minlength=size)
        else:
            times = np.bincount(pick, minlength=n_units).astype(np.float64)
            multiplier = np.take(times, position)
            if weight_in is not None:
                multiplier *= weight_in
            histogram = np.bincount(key_in, weights=multiplier, minlength=size)
        histogram = histogram.astype(np.float64, copy=False)
        for number, index in enumerate(populations):
            w = histogram[index]
            n, q, s = (
                float(w.sum()),
                float(w @ tables.poor[index]),
                float(w @ tables.censored[index]),
            )
            draws[r, number] = (ratio(q, n), ratio(s, q), ratio(s, n))
    results = []
    for number in range(len(populations)):
        sample = draws[:, number, :]
        se = sample.std(axis=0, ddof=1) if replicates > 1 else np.full(3, math.nan)
        low, high = np.quantile(sample, [0.025, 0.975], axis=0)
        results.append(
            BootstrapResult(
                replicates=replicates,
                seed=seed,
                se_H=float(se[0]),
                se_A=float(se[1]),
                se_M0=float(se[2]),
                ci_H=(float(low[0]), float(high[0])),
                ci_A=(float(low[1]), float(high[1])),
                ci_M0=(float(low[2]), float(high[2])),
            )
        )
    return results

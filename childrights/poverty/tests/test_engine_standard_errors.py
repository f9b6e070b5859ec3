"""Standard errors and confidence intervals, against simulated data whose truth is known."""

import itertools
from typing import Any

import numpy as np
import polars as pl
import pytest

from childrights.poverty.engine import AgeGroup, AgeGrouping, Dimension, Indicator, Measure, compute

# Four independent indicators, equal weights, k = 1/2: poor when deprived in two or more.
CHANCES = (0.3, 0.2, 0.4, 0.1)
MEASURE = Measure(
    tuple(
        Dimension(f"d{j}", f"D{j}", (Indicator(f"i{j}", f"I{j}", f"i{j}", "flag"),))
        for j in range(4)
    ),
    0.5,
)


def truth() -> tuple[float, float]:
    """H and M0 in the population, by adding up all 16 profiles."""
    h = m0 = 0.0
    for profile in itertools.product([0, 1], repeat=4):
        chance = float(np.prod([p if g else 1 - p for p, g in zip(CHANCES, profile, strict=True)]))
        score = sum(profile) / 4
        if score >= 0.5:
            h += chance
            m0 += chance * score
    return h, m0


def sample(rng: np.random.Generator, n: int, clustered: bool = False) -> pl.DataFrame:
    """Children in households of 1 to 4; with ``clustered``, indicator 2 is shared by the
    household (as housing is), so children of a household are alike."""
    household = np.repeat(np.arange(n), rng.integers(1, 5, n))[:n]
    columns: dict[str, Any] = {
        f"i{j}": (rng.random(n) < p).astype(np.int8) for j, p in enumerate(CHANCES)
    }
    if clustered:
        columns["i2"] = (rng.random(n) < CHANCES[2]).astype(np.int8)[household]
    # Survey weights unrelated to the outcome: the estimators stay unbiased for the truth.
    columns["weight"] = rng.uniform(0.5, 2.0, n)
    columns["household"] = household
    return pl.DataFrame(columns)


def test_on_a_large_sample_the_95_percent_intervals_cover_the_true_h_and_m0():
    true_h, true_m0 = truth()
    result = compute(sample(np.random.default_rng(11), 200_000), MEASURE, weight_column="weight")
    assert result.ci_H[0] <= true_h <= result.ci_H[1]
    assert result.ci_M0[0] <= true_m0 <= result.ci_M0[1]
    assert result.se_H == pytest.approx(np.sqrt(true_h * (1 - true_h) / 200_000), rel=0.15)


def _coverage(clustered: bool, cluster_column: str | None) -> tuple[float, float]:
    true_h, true_m0 = truth()
    rng = np.random.default_rng(2024)
    covered_h = covered_m0 = 0
    runs = 300
    for _ in range(runs):
        result = compute(
            sample(rng, 600, clustered),
            MEASURE,
            weight_column="weight",
            cluster_column=cluster_column,
        )
        covered_h += result.ci_H[0] <= true_h <= result.ci_H[1]
        covered_m0 += result.ci_M0[0] <= true_m0 <= result.ci_M0[1]
    return covered_h / runs, covered_m0 / runs


def test_about_95_percent_of_intervals_cover_the_truth_over_repeated_samples():
    h, m0 = _coverage(clustered=False, cluster_column=None)
    assert 0.92 <= h <= 0.98
    assert 0.92 <= m0 <= 0.98


def test_cluster_robust_intervals_keep_their_coverage_when_households_are_alike():
    h, m0 = _coverage(clustered=True, cluster_column="household")
    assert 0.92 <= h <= 0.98
    assert 0.92 <= m0 <= 0.98


def test_ignoring_the_clusters_understates_the_standard_error_when_households_are_alike():
    frame = sample(np.random.default_rng(5), 20_000, clustered=True)
    naive = compute(frame, MEASURE, weight_column="weight")
    robust = compute(frame, MEASURE, weight_column="weight", cluster_column="household")
    assert robust.se_H > 1.1 * naive.se_H
    assert robust.n_clusters == frame["household"].n_unique()
    assert robust.H == naive.H


@pytest.mark.parametrize("cluster_column", [None, "household"])
def test_the_analytic_standard_errors_agree_with_the_bootstrap_within_15_percent(cluster_column):
    frame = sample(np.random.default_rng(8), 4000, clustered=True)
    result = compute(
        frame,
        MEASURE,
        weight_column="weight",
        cluster_column=cluster_column,
        bootstrap=400,
        seed=3,
    )
    boot = result.bootstrap
    assert boot is not None
    assert boot.replicates == 400
    assert boot.se_H == pytest.approx(result.se_H, rel=0.15)
    assert boot.se_A == pytest.approx(result.se_A, rel=0.15)
    assert boot.se_M0 == pytest.approx(result.se_M0, rel=0.15)
    assert boot.ci_H[0] < result.H < boot.ci_H[1]
    assert boot.ci_M0[0] < result.M0 < boot.ci_M0[1]


def test_the_bootstrap_repeats_itself_with_the_same_seed():
    frame = sample(np.random.default_rng(9), 500, clustered=True)
    first = compute(frame, MEASURE, cluster_column="household", bootstrap=30, seed=7)
    again = compute(frame, MEASURE, cluster_column="household", bootstrap=30, seed=7)
    other = compute(frame, MEASURE, cluster_column="household", bootstrap=30, seed=8)
    assert first.bootstrap == again.bootstrap
    assert first.bootstrap != other.bootstrap


def test_each_age_group_gets_its_own_standard_errors_and_bootstrap():
    rng = np.random.default_rng(10)
    frame = sample(rng, 3000, clustered=True).with_columns(age=pl.Series(rng.integers(0, 18, 3000)))
    groups = AgeGrouping(
        "age", (AgeGroup("young", "Under 9", 0, 8), AgeGroup("old", "9 to 17", 9, 17))
    )
    result = compute(
        frame, MEASURE, cluster_column="household", age_groups=groups, bootstrap=300, seed=1
    )
    for group in result.age_groups:
        # A smaller population: a wider interval than for everyone together.
        assert group.result.se_H > result.se_H
        assert group.result.bootstrap is not None
        assert group.result.bootstrap.se_H == pytest.approx(group.result.se_H, rel=0.2)


@pytest.mark.parametrize("cluster_column", [None, "household"])
def test_standard_errors_are_zero_when_nothing_varies(cluster_column):
    # Everyone deprived in exactly two of four indicators: all poor, all with score 1/2.
    frame = pl.DataFrame(
        {
            "i0": [1, 1, 0, 0, 1, 1],
            "i1": [1, 0, 1, 0, 0, 1],
            "i2": [0, 1, 1, 1, 0, 0],
            "i3": [0, 0, 0, 1, 1, 0],
            "weight": [1.0, 2.0, 0.5, 1.5, 3.0, 1.0],
            "household": [1, 1, 2, 2, 3, 3],
        }
    )
    result = compute(frame, MEASURE, weight_column="weight", cluster_column=cluster_column)
    assert (result.H, result.A, result.M0) == (1.0, 0.5, 0.5)
    assert (result.se_H, result.se_A, result.se_M0) == (0.0, 0.0, 0.0)
    assert result.ci_M0 == (0.5, 0.5)

"""Identities of the Alkire-Foster method that must hold on any data (Hypothesis)."""

import math
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childrights.poverty.engine import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    Result,
    compute,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Cutoffs including the usual fractions, where float error would bite without the tolerance.
CUTOFFS = st.sampled_from([1 / 5, 1 / 4, 1 / 3, 0.4, 1 / 2, 0.6, 2 / 3, 3 / 4, 1.0]) | st.floats(
    0.01, 1.0
)


@st.composite
def problems(draw):
    n = draw(st.integers(1, 14))
    n_indicators = draw(st.integers(1, 5))
    columns = {
        f"i{j}": draw(st.lists(st.sampled_from([0, 1, 1, None]), min_size=n, max_size=n))
        for j in range(n_indicators)
    }
    missing = draw(
        st.lists(
            st.sampled_from(["deprived", "not deprived"]),
            min_size=n_indicators,
            max_size=n_indicators,
        )
    )
    cuts = (
        sorted(draw(st.sets(st.integers(1, n_indicators - 1), max_size=3)))
        if n_indicators > 1
        else []
    )
    bounds = [0, *cuts, n_indicators]
    indicators = [
        Indicator(f"i{j}", f"I{j}", f"i{j}", "flag", missing=missing[j])
        for j in range(n_indicators)
    ]
    dimensions = tuple(
        Dimension(f"d{d}", f"D{d}", tuple(indicators[bounds[d] : bounds[d + 1]]))
        for d in range(len(bounds) - 1)
    )
    explicit = None
    if draw(st.booleans()):
        raw = draw(st.lists(st.floats(0.05, 1), min_size=n_indicators, max_size=n_indicators))
        total = math.fsum(raw)
        explicit = {f"i{j}": raw[j] / total for j in range(n_indicators)}
    measure = Measure(dimensions, draw(CUTOFFS), indicator_weights=explicit)
    columns["weight"] = draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n))
    columns["area"] = draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=n, max_size=n))
    columns["age"] = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    frame = pl.DataFrame(columns, schema_overrides={f"i{j}": pl.Int8 for j in range(n_indicators)})
    options: dict[str, Any] = {"group_columns": ["area"]}
    if draw(st.booleans()):
        options["weight_column"] = "weight"
    if draw(st.booleans()):
        options["age_groups"] = AgeGrouping(
            "age",
            (
                AgeGroup("young", "Young", 0, 4),
                AgeGroup("old", "Old", 5, 9, Measure(dimensions, draw(CUTOFFS), explicit)),
            ),
        )
    return frame, measure, options


def every_population(result: Result):
    """The whole result and each age group that has children."""
    yield result
    for group in result.age_groups:
        if group.result.population > 0:
            yield group.result


@FAST
@given(problems())
def test_m0_is_headcount_times_intensity(problem):
    frame, measure, options = problem
    for result in every_population(compute(frame, measure, **options)):
        assert pytest.approx(result.H * result.A, abs=1e-12) == result.M0


@FAST
@given(problems())
def test_m0_is_the_weighted_sum_of_censored_headcounts(problem):
    frame, measure, options = problem
    result = compute(frame, measure, **options)
    populations = [result.age_groups[0].result] if result.age_groups else [result]
    for population in populations:
        weighted = sum(
            w * i.censored_headcount
            for w, i in zip(measure.weights, population.indicators, strict=True)
        )
        assert pytest.approx(weighted, abs=1e-12) == population.M0


@FAST
@given(problems())
def test_subgroup_m0s_weighted_by_population_share_add_up_to_the_total(problem):
    frame, measure, options = problem
    for result in every_population(compute(frame, measure, **options)):
        rows = result.breakdowns["area"]
        assert sum(r.population_share for r in rows) == pytest.approx(1, abs=1e-12)
        assert sum(r.population_share * r.M0 for r in rows) == pytest.approx(result.M0, abs=1e-12)
        assert sum(r.population_share * r.H for r in rows) == pytest.approx(result.H, abs=1e-12)
        if result.M0 > 0:
            assert sum(r.contribution_pct for r in rows) == pytest.approx(100, abs=1e-9)


@FAST
@given(problems())
def test_age_groups_m0s_weighted_by_population_share_add_up_to_the_total(problem):
    frame, measure, options = problem
    result = compute(frame, measure, **options)
    if result.age_groups:
        shares = sum(g.population_share * g.result.M0 for g in result.age_groups)
        assert shares == pytest.approx(result.M0, abs=1e-12)


@FAST
@given(problems())
def test_contributions_of_indicators_and_of_dimensions_add_up_to_100_percent(problem):
    frame, measure, options = problem
    for result in every_population(compute(frame, measure, **options)):
        if result.M0 > 0:
            assert sum(i.contribution_pct for i in result.indicators) == pytest.approx(
                100, abs=1e-9
            )
            assert sum(d.contribution_pct for d in result.dimensions) == pytest.approx(
                100, abs=1e-9
            )
        else:
            assert all(i.contribution_pct == 0 for i in result.indicators)


@FAST
@given(problems())
def test_m0_and_h_never_increase_as_k_rises(problem):
    frame, measure, options = problem
    grid = [step / 20 for step in range(1, 21)]
    for result in every_population(compute(frame, measure, ks=grid, **options)):
        for before, after in zip(result.k_curve, result.k_curve[1:], strict=False):
            assert after.H <= before.H + 1e-12
            assert after.M0 <= before.M0 + 1e-12


@FAST
@given(problems())
def test_censored_headcounts_never_exceed_uncensored_ones(problem):
    frame, measure, options = problem
    for result in every_population(compute(frame, measure, **options)):
        for row in (*result.indicators, *result.dimensions):
            assert 0 <= row.censored_headcount <= row.uncensored_headcount + 1e-12 <= 1 + 2e-12


@FAST
@given(problems())
def test_the_poor_are_deprived_in_at_least_k_of_the_weighted_indicators(problem):
    frame, measure, options = problem
    result = compute(frame, measure, **options)
    if result.H > 0 and not options.get("age_groups"):
        assert measure.k - 1e-12 <= result.A <= 1 + 1e-12


@FAST
@given(problems())
def test_the_curve_at_the_measures_own_k_gives_the_measures_h_and_m0(problem):
    frame, measure, options = problem
    options.pop("age_groups", None)
    result = compute(frame, measure, ks=[measure.k], **options)
    assert pytest.approx(result.H, abs=1e-12) == result.k_curve[0].H
    assert pytest.approx(result.M0, abs=1e-12) == result.k_curve[0].M0

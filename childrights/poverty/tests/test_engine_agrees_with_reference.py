"""The engine against a plain loop-over-children implementation, on random data, to 1e-9."""

import dataclasses
from typing import Any

import numpy as np
import polars as pl
import pytest

from childrights.poverty.engine import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    compute,
    deprivation_matrix,
)
from childrights.poverty.engine import keys as key_module
from childrights.poverty.tests.reference import assert_agrees, deprived, reference

LEVELS = pl.Enum(["low", "middle", "high"])


def random_frame(seed: int, n: int = 400) -> pl.DataFrame:
    rng = np.random.default_rng(seed)

    def holes(values, share=0.05):
        return [None if rng.random() < share else v for v in values]

    score = rng.normal(0, 1, n)
    score[rng.random(n) < 0.04] = np.nan  # NaN counts as missing, like null
    sizes = rng.integers(1, 5, n)
    household = np.repeat(np.arange(n), sizes)[:n]
    return pl.DataFrame(
        {
            "score": pl.Series(holes(score.tolist()), dtype=pl.Float64),
            "rooms": pl.Series(holes(rng.integers(0, 6, n).tolist()), dtype=pl.Int16),
            "vaccinated": pl.Series(holes((rng.random(n) < 0.7).tolist()), dtype=pl.Boolean),
            "water": pl.Series(holes(rng.choice(["pipe", "well", "river"], n).tolist())),
            "level": pl.Series(
                values=holes(rng.choice(["low", "middle", "high"], n).tolist()), dtype=LEVELS
            ),
            "shared_toilet": rng.integers(0, 2, n),
            "meals": rng.integers(1, 5, n).astype(np.float32),
            "age": pl.Series(holes(rng.integers(0, 20, n).tolist(), 0.02), dtype=pl.Int8),
            "weight": np.where(rng.random(n) < 0.03, 0.0, rng.uniform(0.2, 3, n)),
            "household": household + 1000,
            "household_code": [f"h{h:04d}" for h in household],
            "area": rng.choice(["Ely", "Fen", "Gore"], n),
            "girl": pl.Series(holes((rng.random(n) < 0.5).tolist()), dtype=pl.Boolean),
        }
    )


def main_measure(k: float = 0.4) -> Measure:
    return Measure(
        (
            Dimension(
                "health",
                "Health",
                (
                    Indicator("growth", "Growth", "score", "below", threshold=-0.5),
                    Indicator("vaccine", "Vaccine", "vaccinated", "lacks", missing="exclude"),
                ),
                weight=0.4,
            ),
            Dimension(
                "housing",
                "Housing",
                (
                    Indicator("rooms", "Rooms", "rooms", "below", threshold=2, inclusive=True),
                    Indicator("water", "Water", "water", "in", categories=("river", "well")),
                    Indicator("toilet", "Toilet", "shared_toilet", "flag"),
                ),
            ),
            Dimension(
                "learning",
                "Learning",
                (
                    Indicator(
                        "level", "Level", "level", "in", categories=("low",), missing="not deprived"
                    ),
                    Indicator("meals", "Meals", "meals", "above", threshold=3.0, inclusive=True),
                ),
            ),
        ),
        k,
    )


def age_grouping() -> AgeGrouping:
    young = Measure(
        (
            Dimension(
                "health",
                "Health",
                (
                    Indicator("growth", "Growth", "score", "below", threshold=-1.0),
                    Indicator("vaccine", "Vaccine", "vaccinated", "lacks", missing="exclude"),
                ),
            ),
            Dimension(
                "housing",
                "Housing",
                (Indicator("rooms", "Rooms", "rooms", "below", threshold=2, inclusive=True),),
            ),
        ),
        0.5,
    )
    older = Measure(
        tuple(dataclasses.replace(d, weight=None) for d in main_measure().dimensions),
        0.3,
        indicator_weights={
            "growth": 0.1,
            "vaccine": 0.1,
            "rooms": 0.2,
            "water": 0.2,
            "toilet": 0.1,
            "level": 0.2,
            "meals": 0.1,
        },
    )
    return AgeGrouping(
        "age",
        (
            AgeGroup("0-4", "Under 5", 0, 4, young),
            AgeGroup("5-10", "5 to 10", 5, 10),  # the main measure
            AgeGroup("11-17", "11 to 17", 11, 17, older),
        ),
    )


SCENARIOS: dict[str, dict[str, Any]] = {
    "plain": {},
    "weighted with breakdowns": {"weight_column": "weight", "group_columns": ("area", "girl")},
    "clustered": {
        "weight_column": "weight",
        "cluster_column": "household",
        "group_columns": ("area",),
    },
    "unweighted clusters": {"cluster_column": "household", "ks": (0.2, 0.5, 1.0)},
    "text cluster ids": {"cluster_column": "household_code", "weight_column": "weight"},
    "age groups": {"age_groups": age_grouping(), "group_columns": ("area",)},
    "age groups with text cluster ids": {
        "age_groups": age_grouping(),
        "cluster_column": "household_code",
    },
    "age groups, weighted and clustered": {
        "age_groups": age_grouping(),
        "weight_column": "weight",
        "cluster_column": "household",
        "group_columns": ("girl", "area"),
    },
}


@pytest.mark.parametrize("path", ["profile bits", "sparse profiles", "one chain per age group"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("seed", [1, 2])
def test_the_engine_agrees_with_the_plain_reference_to_1e_9(scenario, seed, path, monkeypatch):
    if path == "sparse profiles":
        monkeypatch.setattr(key_module, "DENSE_PROFILE_LIMIT", 0)
    if path == "one chain per age group":
        monkeypatch.setattr(key_module, "UNION_BITS_LIMIT", 0)
    options = SCENARIOS[scenario]
    frame = random_frame(seed)
    result = compute(frame, main_measure(), **options)
    assert_agrees(result, reference(frame.to_dicts(), main_measure(), **options))


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_the_deprivation_matrix_applies_each_rule_as_the_reference_does(seed):
    frame = random_frame(seed)
    measure = main_measure()
    g, included = deprivation_matrix(frame, measure)
    assert g.shape == (frame.height, len(measure.indicators))
    assert g.dtype == np.bool_
    for i, row in enumerate(frame.to_dicts()):
        expected = [deprived(indicator, row[indicator.column]) for indicator in measure.indicators]
        assert included[i] == all(x is not None for x in expected)
        if included[i]:
            assert g[i].tolist() == expected


def test_the_score_is_one_matrix_product_of_the_deprivation_matrix():
    frame = random_frame(6)
    measure = main_measure(k=0.35)
    g, included = deprivation_matrix(frame, measure)
    score = g[included].astype(np.float64) @ np.asarray(measure.weights)
    result = compute(frame, measure)
    poor = score >= measure.k - 1e-12
    assert pytest.approx(poor.mean(), abs=1e-12) == result.H
    assert pytest.approx((score * poor).mean(), abs=1e-12) == result.M0


def test_a_measure_with_too_many_indicators_for_dense_keys_agrees_with_the_reference():
    rng = np.random.default_rng(7)
    n, size = 300, 20  # 2^20 possible profiles: the profiles that occur are numbered instead
    frame = pl.DataFrame(
        {f"x{j}": (rng.random(n) < 0.3).astype(np.int8) for j in range(size)}
        | {"weight": rng.uniform(0.5, 2, n), "area": rng.choice(["a", "b"], n)}
    )
    measure = Measure(
        tuple(
            Dimension(
                f"d{d}",
                f"D{d}",
                tuple(Indicator(f"x{j}", "", f"x{j}", "flag") for j in range(d * 4, d * 4 + 4)),
            )
            for d in range(size // 4)
        ),
        0.25,
    )
    options: dict[str, Any] = {"weight_column": "weight", "group_columns": ["area"]}
    result = compute(frame, measure, **options)
    assert_agrees(result, reference(frame.to_dicts(), measure, **options))


@pytest.mark.parametrize(
    ("limits", "ages", "path"),
    [
        ({}, False, "direct"),
        ({}, True, "union"),
        ({"UNION_BITS_LIMIT": 0}, True, "chain"),
        ({"DENSE_PROFILE_LIMIT": 0}, True, "sparse"),
        ({"DENSE_PROFILE_LIMIT": 0}, False, "sparse"),
    ],
)
def test_the_scenarios_above_exercise_every_way_of_building_profile_keys(
    limits, ages, path, monkeypatch
):
    for name, value in limits.items():
        monkeypatch.setattr(key_module, name, value)
    grouping = age_grouping()
    domains = [
        key_module.Domain(g.slug, g.label, g.min_age, g.max_age, g.measure or main_measure())
        for g in grouping.groups
    ]
    if not ages:
        domains = [key_module.Domain("all", "All", None, None, main_measure())]
    plan = key_module.plan_keys(random_frame(1), domains, "age" if ages else None)
    assert plan.path == path

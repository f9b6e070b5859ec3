"""Small examples worked out by hand, with exact answers."""

import json
import math

import numpy as np
import polars as pl
import pytest

from childrights.poverty.engine import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    child_defined_indicators,
    compute,
    deprivation_matrix,
)

# The classic Alkire-Foster example (Alkire & Foster 2011): four people, four indicators, each
# its own dimension, equal weights 1/4; deprived when the achievement is below the cutoff z.
#
#              income  schooling  BMI  health      deprived in           score c
#   z =          13       12        3     1
#   person 1    13.1      14        4     1        -                     0
#   person 2    15.2       7        5     0        schooling, health     2/4 = 0.50
#   person 3    12.5      10        1     0        all four              4/4 = 1.00
#   person 4    20        11        3     1        schooling             1/4 = 0.25
#
# (Person 4's BMI of 3 equals the cutoff: "below" is strict, so not deprived.)
# Uncensored headcounts: income 1/4, schooling 3/4, BMI 1/4, health 2/4.
#
# k = 1/4: poor = 2, 3, 4. H = 3/4, A = (0.5 + 1 + 0.25)/3 = 7/12, M0 = 1.75/4 = 7/16.
#          Censored: income 1/4 (3), schooling 3/4 (2, 3, 4), BMI 1/4 (3), health 2/4 (2, 3).
#          Contributions w_j h_j / M0: (1/16)/(7/16) = 1/7, 3/7, 1/7, 2/7.
# k = 2/4: poor = 2, 3. H = 1/2, A = (0.5 + 1)/2 = 3/4, M0 = 3/8.
#          Censored: 1/4, 2/4 (2, 3), 1/4, 2/4. Contributions 1/6, 2/6, 1/6, 2/6.
# k = 3/4 and k = 1: poor = 3 only. H = 1/4, A = 1, M0 = 1/4; censored 1/4 each; 25% each.
TEXTBOOK = pl.DataFrame(
    {
        "income": [13.1, 15.2, 12.5, 20.0],
        "schooling": [14, 7, 10, 11],
        "bmi": [4, 5, 1, 3],
        "health": [1, 0, 0, 1],
        "region": ["north", "north", "south", "south"],
        "weight": [1.0, 2.0, 3.0, 4.0],
    }
)
CUTOFFS = {"income": 13, "schooling": 12, "bmi": 3, "health": 1}


def textbook(k: float) -> Measure:
    return Measure(
        tuple(
            Dimension(name, name.title(), (Indicator(name, name.title(), name, "below", t),))
            for name, t in CUTOFFS.items()
        ),
        k,
    )


@pytest.mark.parametrize(
    ("k", "h", "a", "m0", "censored", "contributions"),
    [
        (
            1 / 4,
            3 / 4,
            7 / 12,
            7 / 16,
            [1 / 4, 3 / 4, 1 / 4, 2 / 4],
            [100 / 7, 300 / 7, 100 / 7, 200 / 7],
        ),
        (
            2 / 4,
            1 / 2,
            3 / 4,
            3 / 8,
            [1 / 4, 2 / 4, 1 / 4, 2 / 4],
            [100 / 6, 200 / 6, 100 / 6, 200 / 6],
        ),
        (3 / 4, 1 / 4, 1.0, 1 / 4, [1 / 4] * 4, [25.0] * 4),
        (1.0, 1 / 4, 1.0, 1 / 4, [1 / 4] * 4, [25.0] * 4),
    ],
)
def test_the_textbook_example_gives_the_known_figures_at_each_cutoff(
    k, h, a, m0, censored, contributions
):
    result = compute(TEXTBOOK, textbook(k))
    assert (result.n, result.population, result.k) == (4, 4.0, k)
    assert pytest.approx(h, abs=1e-15) == result.H
    assert pytest.approx(a, abs=1e-15) == result.A
    assert pytest.approx(m0, abs=1e-15) == result.M0
    assert [i.censored_headcount for i in result.indicators] == pytest.approx(censored, abs=1e-15)
    assert [i.contribution_pct for i in result.indicators] == pytest.approx(contributions)
    assert [i.uncensored_headcount for i in result.indicators] == [1 / 4, 3 / 4, 1 / 4, 2 / 4]
    assert [i.weight for i in result.indicators] == [1 / 4] * 4
    # Each indicator is its own dimension here, so dimensions repeat the indicators.
    assert [d.contribution_pct for d in result.dimensions] == pytest.approx(contributions)


def test_the_textbook_curve_over_k_steps_at_each_score_that_occurs():
    curve = compute(TEXTBOOK, textbook(0.5)).k_curve
    assert [(p.k, p.H, p.M0) for p in curve] == [
        (0.25, 0.75, 0.4375),
        (0.5, 0.5, 0.375),
        (1.0, 0.25, 0.25),
    ]
    asked = compute(TEXTBOOK, textbook(0.5), ks=[0.1, 0.3, 0.75]).k_curve
    assert [(p.k, p.H, p.M0) for p in asked] == [
        (0.1, 0.75, 0.4375),
        (0.3, 0.5, 0.375),
        (0.75, 0.25, 0.25),
    ]


def test_the_textbook_overlaps_count_dimensions_per_child():
    overlaps = compute(TEXTBOOK, textbook(0.5)).overlaps
    # Deprived in 0, 2, 4 and 1 dimensions: one child each.
    assert overlaps.count_n == (1, 1, 1, 0, 1)
    assert overlaps.count_shares == (0.25, 0.25, 0.25, 0.0, 0.25)
    # Income & schooling: person 3 only; schooling & health: persons 2 and 3.
    assert overlaps.pairwise[0][1] == 0.25
    assert overlaps.pairwise[1][3] == 0.5
    assert [overlaps.pairwise[d][d] for d in range(4)] == [0.25, 0.75, 0.25, 0.5]


def test_survey_weights_count_each_child_as_often_as_their_weight():
    # Weights 1, 2, 3, 4; k = 1/2, so persons 2 (weight 2, score 1/2) and 3 (weight 3, score 1)
    # are poor. N = 10, H = 5/10, S = 2 * 0.5 + 3 * 1 = 4, M0 = 0.4, A = 4/5.
    # Censored: income 3/10, schooling 5/10, BMI 3/10, health 5/10, so
    # contributions (1/4 * 3/10) / 0.4 = 18.75% and (1/4 * 5/10) / 0.4 = 31.25%.
    result = compute(TEXTBOOK, textbook(0.5), weight_column="weight")
    assert (result.n, result.population, result.weighted) == (4, 10.0, True)
    assert pytest.approx((0.5, 0.8, 0.4), abs=1e-15) == (result.H, result.A, result.M0)
    assert [i.censored_headcount for i in result.indicators] == pytest.approx([0.3, 0.5, 0.3, 0.5])
    assert [i.contribution_pct for i in result.indicators] == pytest.approx([18.75, 31.25] * 2)
    # The same as repeating each row as often as its weight.
    repeated = TEXTBOOK.select(pl.all().repeat_by(pl.col("weight").cast(pl.Int64)).explode())
    plain = compute(repeated, textbook(0.5))
    assert pytest.approx((result.H, result.A, result.M0)) == (plain.H, plain.A, plain.M0)


def test_the_subgroup_decomposition_adds_up_by_hand():
    # k = 1/2. North: persons 1 (score 0) and 2 (0.5, poor): H = 1/2, A = 1/2, M0 = 1/4.
    # South: persons 3 (1, poor) and 4 (0.25): H = 1/2, A = 1, M0 = 1/2.
    # M0 = 1/2 * 1/4 + 1/2 * 1/2 = 3/8; the north holds 0.5 of S = 1.5, a third.
    result = compute(TEXTBOOK, textbook(0.5), group_columns=["region"])
    north, south = result.breakdowns["region"]
    assert (north.value, north.n, north.population_share) == ("north", 2, 0.5)
    assert (north.H, north.A, north.M0) == (0.5, 0.5, 0.25)
    assert (south.value, south.H, south.A, south.M0) == ("south", 0.5, 1.0, 0.5)
    assert north.population_share * north.M0 + south.population_share * south.M0 == result.M0
    assert north.contribution_pct == pytest.approx(100 / 3)
    assert south.contribution_pct == pytest.approx(200 / 3)


def test_age_groups_use_their_own_indicators_and_pool_by_population_share():
    # Under 5 (k = 1/2): stunted and unvaccinated, 1/2 each.
    #   ages 2, 3, 4: stunted 1, 0, 1; vaccinated 0, 1, 1 -> scores 1, 0, 0.5.
    #   H = 2/3, S = 1.5, M0 = 1/2, A = 3/4.
    # 5 to 17 (k = 1): out of school and unvaccinated, 1/2 each.
    #   ages 8, 12, 15: in school 1, 0, 0; vaccinated 1, 1, 0 -> scores 0, 0.5, 1.
    #   H = 1/3, S = 1, M0 = 1/3, A = 1.
    # Together (the 19-year-old is in no group): N = 6, H = 3/6, M0 = 2.5/6, which is
    # 1/2 * 1/2 + 1/2 * 1/3; A = 2.5/3. Contributions: stunted 0.5 * 2 / 2.5 = 40%,
    # unvaccinated (0.5 * 1 + 0.5 * 1) / 2.5 = 40%, out of school 0.5 * 1 / 2.5 = 20%.
    frame = pl.DataFrame(
        {
            "age": [2, 3, 4, 8, 12, 15, 19],
            "stunted": [1, 0, 1, None, None, None, None],
            "vaccinated": [False, True, True, True, True, False, True],
            "in_school": [None, None, None, True, False, False, True],
        }
    )
    unvaccinated = Indicator("unvaccinated", "Not vaccinated", "vaccinated", "lacks")
    young = Measure(
        (
            Dimension(
                "nutrition", "Nutrition", (Indicator("stunted", "Stunted", "stunted", "flag"),)
            ),
            Dimension("health", "Health", (unvaccinated,)),
        ),
        0.5,
    )
    older = Measure(
        (
            Dimension(
                "education",
                "Education",
                (Indicator("out-of-school", "Out of school", "in_school", "lacks"),),
            ),
            Dimension("health", "Health", (unvaccinated,)),
        ),
        1.0,
    )
    groups = AgeGrouping(
        "age", (AgeGroup("0-4", "Under 5", 0, 4, young), AgeGroup("5-17", "5 to 17", 5, 17, older))
    )
    result = compute(frame, young, age_groups=groups)
    assert (result.n, result.n_out_of_scope, result.k) == (6, 1, None)
    assert pytest.approx((0.5, 2.5 / 3, 2.5 / 6), abs=1e-15) == (result.H, result.A, result.M0)
    under5, older_result = result.age_groups
    assert (under5.slug, under5.population_share, under5.result.k) == ("0-4", 0.5, 0.5)
    assert pytest.approx((2 / 3, 0.75, 0.5)) == (under5.result.H, under5.result.A, under5.result.M0)
    assert pytest.approx((1 / 3, 1 / 3)) == (older_result.result.H, older_result.result.M0)
    shares = sum(g.population_share * g.result.M0 for g in result.age_groups)
    assert shares == pytest.approx(result.M0, abs=1e-15)
    by_slug = {i.slug: i for i in result.indicators}
    assert by_slug["stunted"].contribution_pct == pytest.approx(40)
    assert by_slug["unvaccinated"].contribution_pct == pytest.approx(40)
    assert by_slug["out-of-school"].contribution_pct == pytest.approx(20)
    # Unvaccinated applies to all six children (2 of them); stunted only to the three under 5.
    assert by_slug["unvaccinated"].uncensored_headcount == pytest.approx(2 / 6)
    assert by_slug["stunted"].uncensored_headcount == pytest.approx(2 / 3)
    assert by_slug["unvaccinated"].weight == 0.5
    assert result.overlaps.dimensions == ("nutrition", "health", "education")


def test_missing_values_count_as_deprived_not_deprived_or_leave_the_child_out():
    frame = pl.DataFrame({"a": [1.0, None, float("nan"), 5.0], "b": [0, 1, 0, None]})

    def measure(missing_a, missing_b):
        return Measure(
            (
                Dimension(
                    "d",
                    "D",
                    (
                        Indicator("a", "A", "a", "below", 2.0, missing=missing_a),
                        Indicator("b", "B", "b", "flag", missing=missing_b),
                    ),
                ),
            ),
            0.5,
        )

    g, included = deprivation_matrix(frame, measure("deprived", "not deprived"))
    assert g.tolist() == [[True, False], [True, True], [True, False], [False, False]]
    assert included.tolist() == [True] * 4
    g, included = deprivation_matrix(frame, measure("not deprived", "deprived"))
    assert g.tolist() == [[True, False], [False, True], [False, False], [False, True]]
    g, included = deprivation_matrix(frame, measure("exclude", "exclude"))
    assert included.tolist() == [True, False, False, False]
    result = compute(frame, measure("exclude", "deprived"))
    # Rows 2 and 3 are left out (null and NaN in a); rows 1 (a < 2) and 4 (b missing) are poor.
    assert (result.n, result.n_excluded, result.H) == (2, 2, 1.0)


def test_the_threshold_itself_counts_as_deprived_only_when_inclusive():
    frame = pl.DataFrame({"x": [1, 2, 3]})
    rules = [
        Indicator("lt", "", "x", "below", 2),
        Indicator("le", "", "x", "below", 2, inclusive=True),
        Indicator("gt", "", "x", "above", 2),
        Indicator("ge", "", "x", "above", 2, inclusive=True),
    ]
    g, _ = deprivation_matrix(frame, Measure((Dimension("d", "D", tuple(rules)),), 1.0))
    assert g.T.tolist() == [
        [True, False, False],
        [True, True, False],
        [False, False, True],
        [False, True, True],
    ]


def test_categories_match_text_categorical_enum_and_number_columns():
    frame = pl.DataFrame(
        {
            "text": ["river", "pipe", "well"],
            "cat": pl.Series(["river", "pipe", "well"], dtype=pl.Categorical),
            "enum": pl.Series(
                values=["river", "pipe", "well"], dtype=pl.Enum(["pipe", "well", "river"])
            ),
            "code": [3, 1, 2],
            "decimal": [3.0, 1.0, 2.5],
        }
    )
    rules = [
        Indicator("text", "", "text", "in", categories=("river", "well")),
        Indicator("cat", "", "cat", "in", categories=("river", "well")),
        Indicator("enum", "", "enum", "in", categories=("river", "well", "not-a-level")),
        Indicator("code", "", "code", "in", categories=(2, 3)),
        Indicator("decimal", "", "decimal", "in", categories=(2.5, 3)),
    ]
    g, _ = deprivation_matrix(frame, Measure((Dimension("d", "D", tuple(rules)),), 1.0))
    assert g.T.tolist() == [[True, False, True]] * 5


def test_child_defined_items_become_one_equally_weighted_dimension_of_things_lacked():
    dimension = child_defined_indicators(
        [
            {"column": "has_pocket_money", "label": "Pocket money"},
            {"column": "has_own_bed", "label": "A bed of their own"},
            {"column": "goes_on_trips", "label": "School trips"},
        ]
    )
    assert (dimension.slug, dimension.label) == ("child-defined", "Child-defined")
    assert [i.rule for i in dimension.indicators] == ["lacks"] * 3
    assert [i.slug for i in dimension.indicators] == [
        "has-pocket-money",
        "has-own-bed",
        "goes-on-trips",
    ]
    measure = Measure((dimension,), 2 / 3)
    assert measure.weights == (1 / 3, 1 / 3, 1 / 3)
    frame = pl.DataFrame(
        {
            "has_pocket_money": [1, 0, 0, 1],
            "has_own_bed": [True, False, True, None],
            "goes_on_trips": [1, 0, 0, 1],
        }
    )
    result = compute(frame, measure)
    # Child 2 lacks all three, child 3 two of three; child 4 has a missing answer (excluded).
    assert (result.n, result.n_excluded, result.H) == (3, 1, 2 / 3)


def test_results_become_plain_json():
    result = compute(
        TEXTBOOK, textbook(0.5), group_columns=["region"], weight_column="weight", bootstrap=20
    )
    data = result.to_dict()
    again = json.loads(json.dumps(data, allow_nan=False))
    assert again["M0"] == result.M0
    assert again["breakdowns"]["region"][0]["value"] == "north"
    assert again["k_curve"][0] == {"k": 0.25, "H": result.k_curve[0].H, "M0": result.k_curve[0].M0}
    assert again["bootstrap"]["replicates"] == 20
    assert again["indicators"][0]["slug"] == "income"


def test_a_standard_error_that_cannot_be_estimated_is_none_in_json():
    one_child = TEXTBOOK.head(1)
    result = compute(one_child, textbook(0.5))
    assert math.isnan(result.se_H)
    assert result.to_dict()["se_H"] is None
    assert result.to_dict()["ci_H"] == [None, None]


def test_a_measure_survives_a_round_trip_through_a_stored_definition():
    measure = Measure(
        (
            Dimension("a", "A", (Indicator("x", "X", "x", "in", categories=("p", "q")),), 0.25),
            Dimension("b", "B", (Indicator("y", "Y", "y", "above", 3.5, missing="exclude"),)),
        ),
        0.5,
    )
    stored = json.loads(json.dumps(measure.to_dict()))
    assert Measure.from_dict(stored) == measure
    assert Measure.from_dict(stored).weights == (0.25, 0.75)


def test_nested_weights_split_each_dimension_equally_among_its_indicators():
    measure = Measure(
        (
            Dimension("a", "A", (Indicator("x", "", "x", "flag"), Indicator("y", "", "y", "flag"))),
            Dimension("b", "B", (Indicator("z", "", "z", "flag"),)),
        ),
        0.5,
    )
    assert measure.weights == (0.25, 0.25, 0.5)
    frame = pl.DataFrame({"x": [1, 0], "y": [1, 0], "z": [0, 1]})
    result = compute(frame, measure)
    assert [d.weight for d in result.dimensions] == [0.5, 0.5]
    assert np.isclose(result.M0, 0.5)

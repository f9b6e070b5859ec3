"""Measures and data the engine refuses, each with a message a person can act on."""

import re

import polars as pl
import pytest

from childrights.poverty.engine import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    MeasureError,
    child_defined_indicators,
    compute,
    deprivation_matrix,
)

FRAME = pl.DataFrame(
    {
        "x": [1.0, 2.0, 3.0],
        "y": [0, 1, 1],
        "name": ["a", "b", "c"],
        "age": [1, 6, 12],
        "weight": [1.0, 2.0, 1.0],
    }
)


def flag(slug: str, column: str = "y") -> Indicator:
    return Indicator(slug, slug.title(), column, "flag")


def simple(k: float = 0.5) -> Measure:
    return Measure(
        (
            Dimension("a", "A", (Indicator("x", "X", "x", "below", 2.5),)),
            Dimension("b", "B", (flag("y"),)),
        ),
        k,
    )


def test_dimension_weights_that_do_not_add_up_to_one_are_refused():
    dims = (
        Dimension("a", "A", (flag("p"),), weight=0.5),
        Dimension("b", "B", (flag("q"),), weight=0.4),
    )
    with pytest.raises(
        MeasureError, match=re.escape("Dimension weights must add up to 1 (they add up to 0.9).")
    ):
        Measure(dims, 0.5)


def test_dimension_weights_leaving_nothing_for_the_others_are_refused():
    dims = (
        Dimension("a", "A", (flag("p"),), weight=1.0),
        Dimension("b", "B", (flag("q"),)),
    )
    with pytest.raises(MeasureError, match="leaving nothing for the 1 dimension"):
        Measure(dims, 0.5)


def test_indicator_weights_that_do_not_add_up_to_one_are_refused():
    dims = (Dimension("a", "A", (flag("p"), flag("q"))),)
    with pytest.raises(
        MeasureError, match=re.escape("Indicator weights must add up to 1 (they add up to 0.95).")
    ):
        Measure(dims, 0.5, indicator_weights={"p": 0.5, "q": 0.45})


def test_weights_within_a_billionth_of_one_are_accepted():
    dims = (Dimension("a", "A", (flag("p"), flag("q"))),)
    measure = Measure(dims, 0.5, indicator_weights={"p": 0.5, "q": 0.5 + 5e-10})
    assert measure.weights == (0.5, 0.5 + 5e-10)


def test_indicator_weights_must_name_every_indicator_and_nothing_else():
    dims = (Dimension("a", "A", (flag("p"), flag("q"))),)
    with pytest.raises(MeasureError, match=re.escape("Indicator 'q' has no weight.")):
        Measure(dims, 0.5, indicator_weights={"p": 1.0})
    with pytest.raises(
        MeasureError, match=re.escape("A weight is given for 'r', which is not an indicator.")
    ):
        Measure(dims, 0.5, indicator_weights={"p": 0.5, "q": 0.25, "r": 0.25})


def test_weights_on_both_dimensions_and_indicators_are_refused():
    dims = (Dimension("a", "A", (flag("p"),), weight=1.0),)
    with pytest.raises(MeasureError, match="either to dimensions or to indicators, not both"):
        Measure(dims, 0.5, indicator_weights={"p": 1.0})


@pytest.mark.parametrize("k", [0, -0.1, 1.5, float("nan")])
def test_k_outside_zero_to_one_is_refused(k):
    with pytest.raises(MeasureError, match=r"k must be more than 0 and at most 1 \(it is"):
        simple(k)


def test_k_of_exactly_one_is_the_intersection_approach_and_allowed():
    assert simple(1.0).k == 1.0


def test_a_column_missing_from_the_data_is_named():
    measure = Measure((Dimension("a", "A", (flag("p", column="has_bed"),)),), 1.0)
    message = "The column 'has_bed' (used by indicator 'p') is not in the data. Columns found:"
    with pytest.raises(MeasureError, match=re.escape(message)):
        compute(FRAME, measure)
    with pytest.raises(MeasureError, match=re.escape(message)):
        deprivation_matrix(FRAME, measure)


def test_unknown_weight_group_and_age_columns_are_named():
    with pytest.raises(MeasureError, match="'w' \\(the survey weights\\)"):
        compute(FRAME, simple(), weight_column="w")
    with pytest.raises(MeasureError, match="'area' \\(a breakdown\\)"):
        compute(FRAME, simple(), group_columns=["area"])
    with pytest.raises(MeasureError, match="'hh' \\(the clusters\\)"):
        compute(FRAME, simple(), cluster_column="hh")
    groups = AgeGrouping("age_years", (AgeGroup("all", "All", 0, 17),))
    with pytest.raises(MeasureError, match="'age_years' \\(the ages\\)"):
        compute(FRAME, simple(), age_groups=groups)


def test_duplicate_slugs_are_refused():
    with pytest.raises(MeasureError, match=re.escape("Indicator slug 'p' is used more than once.")):
        Measure((Dimension("a", "A", (flag("p"),)), Dimension("b", "B", (flag("p"),))), 0.5)
    with pytest.raises(MeasureError, match=re.escape("Dimension slug 'a' is used more than once.")):
        Measure((Dimension("a", "A", (flag("p"),)), Dimension("a", "B", (flag("q"),))), 0.5)


def test_a_dimension_without_indicators_is_refused():
    with pytest.raises(MeasureError, match=re.escape("Dimension 'health' has no indicators.")):
        Dimension("health", "Health", ())


def test_a_measure_without_dimensions_is_refused():
    with pytest.raises(MeasureError, match="at least one dimension"):
        Measure((), 0.5)


def test_badly_formed_indicators_are_refused():
    with pytest.raises(MeasureError, match="unknown rule 'equals'"):
        Indicator("p", "P", "x", "equals")  # type: ignore[arg-type]
    with pytest.raises(MeasureError, match="compares with a threshold, so it needs a number"):
        Indicator("p", "P", "x", "below")
    with pytest.raises(MeasureError, match="needs at least one category"):
        Indicator("p", "P", "x", "in")
    with pytest.raises(MeasureError, match="unknown missing-data rule 'skip'"):
        Indicator("p", "P", "x", "flag", missing="skip")  # type: ignore[arg-type]
    with pytest.raises(MeasureError, match="a threshold only applies to the rules below and above"):
        Indicator("p", "P", "x", "flag", threshold=1)


def test_a_rule_that_does_not_fit_the_column_type_is_refused():
    measure = Measure((Dimension("a", "A", (Indicator("p", "P", "name", "below", 3),)),), 1.0)
    with pytest.raises(
        MeasureError, match="compares numbers with a threshold, but the column holds"
    ):
        compute(FRAME, measure)
    measure = Measure(
        (Dimension("a", "A", (Indicator("p", "P", "x", "in", categories=("a",)),)),), 1
    )
    with pytest.raises(MeasureError, match="holds numbers, so its categories must be numbers"):
        compute(FRAME, measure)


def test_missing_or_negative_survey_weights_are_refused():
    frame = FRAME.with_columns(pl.Series("weight", [1.0, None, 2.0]))
    with pytest.raises(MeasureError, match="has 1 missing values"):
        compute(frame, simple(), weight_column="weight")
    frame = FRAME.with_columns(pl.Series("weight", [1.0, -1.0, 2.0]))
    with pytest.raises(MeasureError, match="must be numbers of 0 or more"):
        compute(frame, simple(), weight_column="weight")


def test_overlapping_age_groups_are_refused():
    with pytest.raises(MeasureError, match="Age groups '0-5' and '5-10' overlap"):
        AgeGrouping("age", (AgeGroup("0-5", "", 0, 5), AgeGroup("5-10", "", 5, 10)))


def test_data_where_no_child_can_be_measured_is_refused():
    measure = Measure((Dimension("a", "A", (flag("p", column="y"),)),), 1.0)
    groups = AgeGrouping("age", (AgeGroup("teens", "Teens", 13, 17),))
    with pytest.raises(
        MeasureError,
        match=re.escape(
            "No child could be measured: 0 were left out for missing data and "
            "3 were in no age group."
        ),
    ):
        compute(FRAME, measure, age_groups=groups)


def test_curve_cutoffs_and_bootstrap_counts_are_checked():
    with pytest.raises(MeasureError, match="Every k on the curve"):
        compute(FRAME, simple(), ks=[0.5, 2])
    with pytest.raises(MeasureError, match="bootstrap is a number of replicates"):
        compute(FRAME, simple(), bootstrap=-1)


def test_child_defined_items_need_a_column():
    with pytest.raises(MeasureError, match="Child-defined item 2 needs the column"):
        child_defined_indicators([{"column": "a"}, {"label": "No column"}])
    with pytest.raises(MeasureError, match="has no items"):
        child_defined_indicators([])


def test_a_malformed_stored_definition_is_refused():
    with pytest.raises(MeasureError, match="incomplete or malformed"):
        Measure.from_dict({"k": 0.5})

"""Multidimensional child poverty: the Alkire-Foster method with UNICEF MODA features.

Children are rows, indicators are rules applied to columns (:class:`Indicator`), grouped into
dimensions (:class:`Dimension`) with weights and a cutoff ``k`` (:class:`Measure`). A child's
deprivation score is ``c_i = sum_j w_j g_ij``; they are poor when ``c_i >= k - 1e-12`` (and
``c_i > 0``). :func:`compute` returns H (headcount), A (intensity), M0 = H x A (adjusted
headcount), censored and uncensored headcounts, contributions, subgroup decompositions, the curve
over k, MODA overlaps and age groups (:class:`AgeGrouping`), with standard errors and an optional
bootstrap; :func:`deprivation_matrix` gives the 0/1 matrix itself.

Modules: ``definitions`` (the measure and its validation), ``rules`` (columns to deprivations,
as Polars expressions), ``keys`` (deprivation profiles as integer keys), ``core`` (the
computation), ``summaries`` (what is reported, from per-profile totals), ``inference``
(standard errors and the bootstrap, with the estimator documented), ``results`` (the output).
Nothing here touches Django or the database.
"""

from childrights.poverty.engine.core import compute
from childrights.poverty.engine.definitions import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    MeasureError,
    child_defined_indicators,
)
from childrights.poverty.engine.results import (
    AgeGroupResult,
    BootstrapResult,
    BreakdownRow,
    CurvePoint,
    DimensionResult,
    IndicatorResult,
    Overlaps,
    Result,
)
from childrights.poverty.engine.rules import deprivation_matrix
from childrights.poverty.engine.summaries import TOLERANCE

__all__ = [
    "TOLERANCE",
    "AgeGroup",
    "AgeGroupResult",
    "AgeGrouping",
    "BootstrapResult",
    "BreakdownRow",
    "CurvePoint",
    "Dimension",
    "DimensionResult",
    "Indicator",
    "IndicatorResult",
    "Measure",
    "MeasureError",
    "Overlaps",
    "Result",
    "child_defined_indicators",
    "compute",
    "deprivation_matrix",
]

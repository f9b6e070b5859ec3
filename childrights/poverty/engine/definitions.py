"""What a measure is: indicators (each a rule applied to one column), dimensions, weights and k.

Everything here is a frozen dataclass that checks itself when it is made, so a measure that exists
is a measure that can be computed (apart from the columns, which are checked against the data).
Every problem raises :class:`MeasureError` with a sentence a council officer can act on.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

Rule = Literal["below", "above", "in", "flag", "lacks"]
Missing = Literal["deprived", "not deprived", "exclude"]
Category = str | int | float | bool

RULES: tuple[Rule, ...] = ("below", "above", "in", "flag", "lacks")
MISSING: tuple[Missing, ...] = ("deprived", "not deprived", "exclude")
WEIGHT_TOLERANCE = 1e-9
# Each child's deprivation profile is packed into one 64-bit integer (with room for the age group).
MAX_INDICATORS = 56


class MeasureError(ValueError):
    """A measure, or the data it is applied to, cannot be used; the message says why."""


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Indicator:
    """One deprivation indicator: a rule applied to one column of the data.

    ``rule`` decides when a child is deprived (``g_ij = 1``):

    - ``"below"``: the value is less than ``threshold`` (``inclusive=True``: less than or equal);
    - ``"above"``: the value is more than ``threshold`` (``inclusive=True``: more than or equal);
    - ``"in"``: the value is one of ``categories``;
    - ``"flag"``: the value is true (a boolean ``True`` or any number other than 0);
    - ``"lacks"``: the opposite of ``"flag"`` (``False`` or 0), for "the child does not have X".

    So by default the threshold itself counts as *not* deprived. ``missing`` says what a missing
    value (null, or NaN in a float column) means: ``"deprived"``, ``"not deprived"`` or
    ``"exclude"`` (the child is left out of the measure altogether, as MODA does when it requires
    every indicator to be present).
    """

    slug: str
    label: str
    column: str
    rule: Rule
    threshold: float | None = None
    categories: tuple[Category, ...] = ()
    missing: Missing = "deprived"
    inclusive: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.slug, str) or not self.slug.strip():
            raise MeasureError("Every indicator needs a slug (a short name without spaces).")
        name = f"Indicator {self.slug!r}"
        if not isinstance(self.column, str) or not self.column:
            raise MeasureError(f"{name} needs the name of the column it reads.")
        if self.rule not in RULES:
            raise MeasureError(
                f"{name} has an unknown rule {self.rule!r}; use one of {', '.join(RULES)}."
            )
        if self.missing not in MISSING:
            raise MeasureError(
                f"{name} has an unknown missing-data rule {self.missing!r}; use one of "
                + ", ".join(repr(m) for m in MISSING)
                + "."
            )
        if not isinstance(self.categories, tuple):
            object.__setattr__(self, "categories", tuple(self.categories))
        if self.rule in ("below", "above"):
            if not _number(self.threshold) or not math.isfinite(cast(float, self.threshold)):
                raise MeasureError(f"{name} compares with a threshold, so it needs a number.")
        elif self.threshold is not None:
            raise MeasureError(f"{name}: a threshold only applies to the rules below and above.")
        if self.rule == "in":
            if not self.categories:
                raise MeasureError(f"{name} needs at least one category that means deprived.")
        elif self.categories:
            raise MeasureError(f"{name}: categories only apply to the rule 'in'.")


@dataclass(frozen=True)
class Dimension:
    """A group of indicators (health, education, ...). ``weight=None`` shares what is left."""

    slug: str
    label: str
    indicators: tuple[Indicator, ...]
    weight: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.slug, str) or not self.slug.strip():
            raise MeasureError("Every dimension needs a slug (a short name without spaces).")
        if not isinstance(self.indicators, tuple):
            object.__setattr__(self, "indicators", tuple(self.indicators))
        if not self.indicators:
            raise MeasureError(f"Dimension {self.slug!r} has no indicators.")
        if self.weight is not None and (
            not _number(self.weight) or not 0 < self.weight <= 1 + WEIGHT_TOLERANCE
        ):
            raise MeasureError(
                f"Dimension {self.slug!r} has weight {self.weight!r}; "
                "a weight must be more than 0 and at most 1."
            )


def _nested_weights(dimensions: tuple[Dimension, ...]) -> list[float]:
    """Dimension weights (given, or an equal share of what is left), split equally inside each."""
    given = [d.weight for d in dimensions if d.weight is not None]
    unset = len(dimensions) - len(given)
    total = math.fsum(given)
    if unset == 0:
        if abs(total - 1) > WEIGHT_TOLERANCE:
            raise MeasureError(f"Dimension weights must add up to 1 (they add up to {total:.6g}).")
        share = 0.0
    else:
        share = (1 - total) / unset
        if share <= WEIGHT_TOLERANCE:
            raise MeasureError(
                f"Dimension weights add up to {total:.6g}, leaving nothing for the "
                f"{unset} dimension(s) without a weight; they must add up to 1 in all."
            )
    weights: list[float] = []
    for dimension in dimensions:
        weight = share if dimension.weight is None else dimension.weight
        weights.extend([weight / len(dimension.indicators)] * len(dimension.indicators))
    return weights


@dataclass(frozen=True)
class Measure:
    """Dimensions of indicators, their weights and the poverty cutoff ``k`` (0 < k <= 1).

    Weights are nested by default: equal across dimensions (or the dimensions' own weights) and
    equal within each dimension. ``indicator_weights`` (slug -> weight, every indicator, adding
    up to 1) replaces that. :attr:`weights` holds the weight of each of :attr:`indicators`.
    """

    dimensions: tuple[Dimension, ...]
    k: float
    indicator_weights: dict[str, float] | None = None
    weights: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.dimensions, tuple):
            object.__setattr__(self, "dimensions", tuple(self.dimensions))
        if not self.dimensions:
            raise MeasureError("A measure needs at least one dimension.")
        if not _number(self.k) or not 0 < self.k <= 1:
            raise MeasureError(
                f"k must be more than 0 and at most 1 (it is {self.k!r}): it is the share of "
                "weighted indicators a child must be deprived in to count as poor."
            )
        _no_duplicates([d.slug for d in self.dimensions], "Dimension")
        _no_duplicates([i.slug for i in self.indicators], "Indicator")
        if len(self.indicators) > MAX_INDICATORS:
            raise MeasureError(f"A measure can have at most {MAX_INDICATORS} indicators.")
        if self.indicator_weights is None:
            weights = _nested_weights(self.dimensions)
        else:
            weights = self._explicit_weights(dict(self.indicator_weights))
            object.__setattr__(self, "indicator_weights", dict(self.indicator_weights))
        object.__setattr__(self, "weights", tuple(weights))

    def _explicit_weights(self, given: dict[str, float]) -> list[float]:
        if any(d.weight is not None for d in self.dimensions):
            raise MeasureError("Give weights either to dimensions or to indicators, not both.")
        slugs = [i.slug for i in self.indicators]
        for slug in given:
            if slug not in slugs:
                raise MeasureError(f"A weight is given for {slug!r}, which is not an indicator.")
        for slug in slugs:
            if slug not in given:
                raise MeasureError(f"Indicator {slug!r} has no weight.")
            value = given[slug]
            if not _number(value) or not 0 < value <= 1 + WEIGHT_TOLERANCE:
                raise MeasureError(
                    f"Indicator {slug!r} has weight {value!r}; "
                    "a weight must be more than 0 and at most 1."
                )
        total = math.fsum(given.values())
        if abs(total - 1) > WEIGHT_TOLERANCE:
            raise MeasureError(f"Indicator weights must add up to 1 (they add up to {total:.6g}).")
        return [float(given[slug]) for slug in slugs]

    def __hash__(self) -> int:  # indicator_weights is a dict: hash its items instead
        weights = tuple(sorted((self.indicator_weights or {}).items()))
        return hash((self.dimensions, self.k, weights))

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for d in self.dimensions for i in d.indicators)

    @property
    def dimension_of_indicator(self) -> tuple[int, ...]:
        """For each of :attr:`indicators`, the position of its dimension."""
        return tuple(n for n, d in enumerate(self.dimensions) for _ in d.indicators)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; :meth:`from_dict` makes the same measure again."""
        return {
            "k": self.k,
            "indicator_weights": self.indicator_weights,
            "dimensions": [
                {
                    "slug": d.slug,
                    "label": d.label,
                    "weight": d.weight,
                    "indicators": [
                        {
                            "slug": i.slug,
                            "label": i.label,
                            "column": i.column,
                            "rule": i.rule,
                            "threshold": i.threshold,
                            "categories": list(i.categories),
                            "missing": i.missing,
                            "inclusive": i.inclusive,
                        }
                        for i in d.indicators
                    ],
                }
                for d in self.dimensions
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Measure:
        """The measure described by :meth:`to_dict`'s output (for example a stored definition)."""
        try:
            dimensions = tuple(
                Dimension(
                    slug=d["slug"],
                    label=d.get("label", d["slug"]),
                    weight=d.get("weight"),
                    indicators=tuple(
                        Indicator(
                            slug=i["slug"],
                            label=i.get("label", i["slug"]),
                            column=i["column"],
                            rule=i["rule"],
                            threshold=i.get("threshold"),
                            categories=tuple(i.get("categories") or ()),
                            missing=i.get("missing", "deprived"),
                            inclusive=bool(i.get("inclusive", False)),
                        )
                        for i in d["indicators"]
                    ),
                )
                for d in data["dimensions"]
            )
            return cls(dimensions, data["k"], data.get("indicator_weights"))
        except (KeyError, TypeError, AttributeError) as error:
            raise MeasureError(
                f"The measure definition is incomplete or malformed ({error})."
            ) from error


def _no_duplicates(slugs: Sequence[str], kind: str) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            raise MeasureError(f"{kind} slug {slug!r} is used more than once.")
        seen.add(slug)


@dataclass(frozen=True)
class AgeGroup:
    """Children aged ``min_age`` to ``max_age`` (both included), measured with ``measure``.

    ``measure=None`` uses the measure passed to :func:`compute`.
    """

    slug: str
    label: str
    min_age: float
    max_age: float
    measure: Measure | None = None

    def __post_init__(self) -> None:
        if not _number(self.min_age) or not _number(self.max_age) or self.min_age > self.max_age:
            raise MeasureError(
                f"Age group {self.slug!r} needs a lowest age no higher than its highest age."
            )


@dataclass(frozen=True)
class AgeGrouping:
    """MODA-style age groups read from ``column``; they must not overlap."""

    column: str
    groups: tuple[AgeGroup, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.groups, tuple):
            object.__setattr__(self, "groups", tuple(self.groups))
        if not self.groups:
            raise MeasureError("Age groups were asked for, but none were given.")
        _no_duplicates([g.slug for g in self.groups], "Age group")
        ordered = sorted(self.groups, key=lambda g: g.min_age)
        for before, after in itertools.pairwise(ordered):
            if after.min_age <= before.max_age:
                raise MeasureError(
                    f"Age groups {before.slug!r} and {after.slug!r} overlap; "
                    "each child must fall in at most one."
                )


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def child_defined_indicators(
    items: list[dict[str, Any]], *, missing: Missing = "exclude"
) -> Dimension:
    """One ``"child-defined"`` dimension from items children said every child should have.

    Each item is ``{"column": ..., "label": ...}`` (``"slug"`` optional, made from the column).
    A child is deprived in an item when the column is 0 or ``False`` (rule ``"lacks"``). The
    items are weighted equally. Missing answers exclude the child by default, as MODA requires
    every indicator to be present; pass ``missing="deprived"`` or ``"not deprived"`` to change it.
    """
    indicators: list[Indicator] = []
    for number, item in enumerate(items, start=1):
        column = item.get("column") if isinstance(item, Mapping) else None
        if not isinstance(column, str) or not column:
            raise MeasureError(f"Child-defined item {number} needs the column it is recorded in.")
        label = str(item.get("label") or column)
        slug = str(item.get("slug") or _slugify(column))
        indicators.append(Indicator(slug, label, column, "lacks", missing=missing))
    if not indicators:
        raise MeasureError("Children's own indicator set has no items.")
    _no_duplicates([i.slug for i in indicators], "Child-defined item")
    return Dimension("child-defined", "Child-defined", tuple(indicators))

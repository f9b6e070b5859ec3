"""A measure definition as stored (plain JSON) and as the engine needs it.

Stored form::

    {"k": 0.33,
     "dimensions": [{"slug", "label", "weight": null,
                     "indicators": [{"slug", "label", "column", "rule", "threshold",
                                     "categories": [...], "missing", "inclusive",
                                     "age_groups": ["0-4", ...] or []}]}],
     "child_items": [{"column", "label"}],
     "age_column": "age",
     "age_groups": [{"slug": "0-4", "label": "0 to 4", "min_age": 0, "max_age": 4}]}

An indicator with no age groups applies to every age group.
"""

import re
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from childrights.poverty.engine import (
    AgeGroup,
    AgeGrouping,
    Dimension,
    Indicator,
    Measure,
    MeasureError,
    child_defined_indicators,
)

AGE_RANGE = re.compile(r"^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$")


def cutoff_value(text: str) -> Fraction:
    """ "2/3", "0.33" or "1" as an exact fraction; ValueError for anything else."""
    if not re.fullmatch(r"\d+(\.\d+)?(/\d+)?", text):
        raise ValueError(text)
    try:
        return Fraction(text)
    except ZeroDivisionError as error:
        raise ValueError(text) from error


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def age_groups_parse(text: str) -> list[dict[str, Any]]:
    """ "0-4, 5-10, 11-15, 16-17" becomes four age groups; an empty text means none."""
    groups = []
    for part in (piece for piece in text.split(",") if piece.strip()):
        found = AGE_RANGE.match(part)
        if not found:
            raise MeasureError(
                _("Write each age group as two ages with a dash, like 0-4 (not “%(text)s”).")
                % {"text": part.strip()}
            )
        low, high = int(found.group(1)), int(found.group(2))
        groups.append(
            {"slug": f"{low}-{high}", "label": f"{low} to {high}", "min_age": low, "max_age": high}
        )
    return groups


def _indicator(row: dict[str, Any]) -> Indicator:
    return Indicator(
        slug=row["slug"],
        label=row["label"],
        column=row["column"],
        rule=row["rule"],
        threshold=row.get("threshold"),
        categories=tuple(row.get("categories") or ()),
        missing=row.get("missing", "deprived"),
        inclusive=bool(row.get("inclusive", False)),
    )


def _measure(definition: dict[str, Any], age_group: str | None) -> Measure:
    dimensions = []
    for dimension in definition["dimensions"]:
        indicators = tuple(
            _indicator(row)
            for row in dimension["indicators"]
            if age_group is None or not row.get("age_groups") or age_group in row["age_groups"]
        )
        if indicators:
            dimensions.append(
                Dimension(
                    dimension["slug"], dimension["label"], indicators, dimension.get("weight")
                )
            )
    if definition.get("child_items"):
        dimensions.append(child_defined_indicators(definition["child_items"]))
    if not dimensions:
        raise MeasureError(
            _("Age group %(group)s has no indicators.") % {"group": age_group}
            if age_group
            else _("Add an indicator.")
        )
    rows = [row for dimension in definition["dimensions"] for row in dimension["indicators"]]
    weights = {row["slug"]: row["weight"] for row in rows if row.get("weight") is not None}
    if not weights:
        return Measure(tuple(dimensions), float(definition["k"]))
    if len(weights) != len(rows) or definition.get("age_groups") or definition.get("child_items"):
        raise MeasureError(
            _(
                "To set weights yourself, give every indicator a weight, with no age groups and "
                "no child-defined items; or leave every weight empty for equal nested weights."
            )
        )
    return Measure(tuple(dimensions), float(definition["k"]), indicator_weights=weights)


def engine_measure(definition: dict[str, Any]) -> tuple[Measure, AgeGrouping | None]:
    """The engine's measure (and age groups, each with its own indicator set). MeasureError if
    anything is wrong, with a message for the person who wrote the definition."""
    measure = _measure(definition, None)
    groups = definition.get("age_groups") or []
    if not groups:
        return measure, None
    grouping = AgeGrouping(
        column=definition.get("age_column") or "age",
        groups=tuple(
            AgeGroup(
                group["slug"],
                group["label"],
                group["min_age"],
                group["max_age"],
                measure=_measure(definition, group["slug"]),
            )
            for group in groups
        ),
    )
    return measure, grouping


def _category(value: str) -> str | float:
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


def definition_from_forms(measure: dict[str, Any], rows: Any) -> dict[str, Any]:
    """A stored definition from the measure form's cleaned data and the indicator rows.

    Raises MeasureError (checked by the engine itself) if the result cannot be computed.
    """
    age_groups = measure["age_groups"]
    known_groups = {group["slug"] for group in age_groups}
    dimensions: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    for row in rows:
        data = row.cleaned_data
        if not data or row.is_blank():
            continue
        # Names that differ only in case or punctuation are the same dimension; a name with no
        # letters or digits (in any script the slug keeps) still gets a slug of its own.
        key = slugify(data["dimension"]) or f"dimension-{len(dimensions) + 1}"
        dimension = dimensions.setdefault(
            key,
            {
                "slug": key,
                "label": data["dimension"],
                "weight": None,
                "indicators": [],
            },
        )
        slug, n = slugify(data["label"]) or "indicator", 2
        base = slug
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        groups = [part.strip() for part in data["age_groups"].split(",") if part.strip()]
        unknown = sorted(set(groups) - known_groups)
        if unknown:
            raise MeasureError(
                _(
                    "Indicator “%(indicator)s” names age group “%(group)s”, which is not one of "
                    "the measure's age groups."
                )
                % {"indicator": data["label"], "group": unknown[0]}
            )
        dimension["indicators"].append(
            {
                "slug": slug,
                "label": data["label"],
                "column": data["column"],
                "rule": data["rule"],
                "threshold": data["threshold"],
                "categories": [
                    _category(part.strip())
                    for part in data["categories"].split(",")
                    if part.strip()
                ],
                "missing": data["missing"],
                "inclusive": False,
                "age_groups": groups,
                "weight": data["weight"],
            }
        )
    definition = {
        "k": float(cutoff_value(measure["k"])),
        "k_text": measure["k"],
        "dimensions": list(dimensions.values()),
        "child_items": measure["child_items"],
        "age_column": "age",
        "age_groups": age_groups,
    }
    engine_measure(definition)
    return definition


def column_needs(definition: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(column, what it must hold, what reads it)`` for every column the measure reads. What it
    must hold is "number" (thresholds, ages), "yes/no" (yes/no rules, 0/1 or yes/no) or "any"."""
    needs = []
    for dimension in definition["dimensions"]:
        for row in dimension["indicators"]:
            need = {"below": "number", "above": "number", "flag": "yes/no", "lacks": "yes/no"}
            needs.append((row["column"], need.get(row["rule"], "any"), row["label"]))
    for item in definition.get("child_items") or []:
        needs.append((item["column"], "yes/no", item["label"]))
    if definition.get("age_groups"):
        needs.append((definition.get("age_column") or "age", "number", _("the age groups")))
    return needs


def normalised_definition(definition: dict[str, Any], normal: Any) -> dict[str, Any]:
    """The definition with every column name passed through ``normal``, as the data's are when a
    run reads them, so "Has_Bed " in the data and "has_bed" in the measure are one column."""
    return {
        **definition,
        "dimensions": [
            {
                **dimension,
                "indicators": [
                    {**row, "column": normal(row["column"])} for row in dimension["indicators"]
                ],
            }
            for dimension in definition["dimensions"]
        ],
        "child_items": [
            {**item, "column": normal(item["column"])}
            for item in definition.get("child_items") or []
        ],
        "age_column": normal(definition.get("age_column") or "age"),
    }

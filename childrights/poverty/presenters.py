"""Results of a run, laid out for the results page, the chart and the CSV download."""

import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from childrights.core.charts import Marker, Series, line_chart
from childrights.core.disclosure import (
    ROUND_TO,
    cells_to_suppress,
    may_show,
    round_count,
    round_rate,
)
from childrights.poverty.demo import demo_frame
from childrights.poverty.forms import RULE_CHOICES
from childrights.poverty.models import Run
from childrights.poverty.uploads import (
    AGE,
    HOUSEHOLD,
    KIND_LABELS,
    WEIGHT,
    normal_name,
    upload_check,
)

SAMPLE_SEED = 2026


def column_summary(columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each column as the upload and data pages show it: its type in words and, for the names
    the measure gives a meaning to, what the product does with it."""
    meanings = {
        WEIGHT: _("Survey weight: each child counts this many times"),
        HOUSEHOLD: _("Household: used for standard errors and the bootstrap"),
        AGE: _("Age in years: used for age groups"),
    }
    return [
        {
            **column,
            "type_label": KIND_LABELS.get(str(column.get("type")), column.get("type")),
            "meaning": meanings.get(normal_name(column["name"]), ""),
        }
        for column in columns
    ]


SAMPLE_ROWS = 20


def sample_csv() -> bytes:
    """A small file in the expected shape, made up (a fixed seed), for councils to copy."""
    buffer = io.BytesIO()
    demo_frame(rows=SAMPLE_ROWS, seed=SAMPLE_SEED).write_csv(buffer)
    return buffer.getvalue()


def sample_columns() -> list[dict[str, str]]:
    """The columns of the sample file, for the data dictionary."""
    frame = demo_frame(rows=SAMPLE_ROWS, seed=SAMPLE_SEED)
    described = {
        "child_id": _("An identifier for the child. Not used in the measure; optional."),
        HOUSEHOLD: _(
            "The same value for children who live together. Every child needs one. With it, "
            "standard errors allow for children of one household being alike."
        ),
        "area": _(
            "Where the child lives, such as a ward. Any column like this can be used to "
            "break results down."
        ),
        AGE: _("Age in whole years, from 0 to 25. Needed for age groups."),
        "sex": _("Another column to break results down by."),
        WEIGHT: _("The survey weight: a number more than 0. Without it every child counts once."),
    }
    # The types are what the upload check finds in the sample, so the two cannot disagree.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.csv"
        path.write_bytes(sample_csv())
        check = upload_check(path)
    return [
        {
            "name": column["name"],
            "type": str(KIND_LABELS.get(column["type"], column["type"])),
            "example": str(frame[column["name"]][0]),
            "description": described.get(
                column["name"],
                _("An indicator: 1 or 0, yes or no, or a number, as the measure reads it."),
            ),
        }
        for column in check.columns
    ]


def run_facts(run: Run) -> list[tuple[str, str]]:
    """What the run used and left out, in words, for the run page and the results file."""
    options = run.options or {}
    weight, cluster = options.get("weight_column"), options.get("cluster_column")
    facts = [
        (
            _("Survey weights"),
            _("Used: the “%(column)s” column") % {"column": weight}
            if weight
            else _("Not used: every child counts once"),
        ),
        (
            _("Households"),
            _("Used for standard errors: the “%(column)s” column") % {"column": cluster}
            if cluster
            else _("Not used: each child is treated as independent"),
        ),
    ]
    if run.result:
        facts.append(
            (_("Children left out for missing data"), str(run.result.get("n_excluded", 0)))
        )
        if run.definition.get("age_groups"):
            facts.append(
                (_("Children outside every age group"), str(run.result.get("n_out_of_scope", 0)))
            )
    return facts


def run_rows(run: Run) -> Iterator[list[str]]:
    """The rows at the head of a results file: what was measured, on which data, and how."""
    yield ["run", "", "", "measure", run.measure_name]
    yield ["run", "", "", "measure definition (JSON)", json.dumps(run.definition, sort_keys=True)]
    yield ["run", "", "", "data fingerprint (SHA-256)", run.data_fingerprint]
    yield ["run", "", "", "finished", run.finished_at.isoformat() if run.finished_at else ""]
    for label, value in run_facts(run):
        yield ["run", "", "", str(label), str(value)]


def run_report(run: Run) -> dict[str, Any] | None:
    result = run.result
    if not result:
        return None
    curve = result["k_curve"]
    k = run.definition.get("k")
    chosen = (
        None
        if k is None
        else Marker(
            float(k), _("Chosen cutoff: k = %(k)s") % {"k": run.definition.get("k_text") or k}
        )
    )
    chart = line_chart(
        chart_id=f"run-{run.pk}-k-curve",
        title=_("Poverty at every cutoff"),
        description=_(
            "How the headcount (H) and the adjusted headcount (M0) fall as the cutoff k rises; "
            "the cutoff this measure uses is marked. The same numbers are in the table that "
            "follows."
        ),
        series=[
            Series(_("Headcount (H)"), [(point["k"], point["H"]) for point in curve]),
            Series(_("Adjusted headcount (M0)"), [(point["k"], point["M0"]) for point in curve]),
        ],
        x_label=_("Cutoff k"),
        y_label=_("H (share of children) and M0"),
        marker=chosen,
    )
    overlaps = result["overlaps"]
    rules = dict(RULE_CHOICES)
    return {
        "rules": rules,
        "result": result,
        "chart": chart,
        "overlap_counts": list(
            zip(range(len(overlaps["count_shares"])), overlaps["count_shares"], strict=True)
        ),
        "pairwise": [
            {"dimension": name, "values": row}
            for name, row in zip(overlaps["dimensions"], overlaps["pairwise"], strict=True)
        ],
    }


def _value(value: Any) -> str:
    return "" if value is None else f"{value:.6g}" if isinstance(value, float) else str(value)


SUPPRESSED = "suppressed"
ROUNDED_CHILDREN = f"children (rounded to {ROUND_TO})"


def result_rows(result: dict[str, Any], *, disclosure_control: bool) -> Iterator[list[str]]:
    """Every figure of a result as ``section, group, item, measure, value`` rows (``csv_stream``
    makes each cell safe to open in a spreadsheet).

    With disclosure control (``core.disclosure``, for sharing outside the council): nothing at
    all for fewer children than ``may_show`` allows; counts rounded to the nearest ``ROUND_TO``
    and shares to 0.1%; groups that must be withheld (too small, and enough others that none can
    be worked out) lose their figures and their names; an indicator that applies to too few
    children is withheld.
    """
    yield from _protected_rows(result) if disclosure_control else _all_rows(result)


def _all_rows(result: dict[str, Any]) -> Iterator[list[str]]:
    yield ["headline", "", "", "children", _value(result["n"])]
    yield ["headline", "", "", "children left out for missing data", _value(result["n_excluded"])]
    for name in ("H", "A", "M0"):
        yield ["headline", "", "", name, _value(result[name])]
        yield ["headline", "", "", f"{name} standard error", _value(result[f"se_{name}"])]
        yield ["headline", "", "", f"{name} 95% CI low", _value(result[f"ci_{name}"][0])]
        yield ["headline", "", "", f"{name} 95% CI high", _value(result[f"ci_{name}"][1])]
    for indicator in result["indicators"]:
        for measure in ("uncensored_headcount", "censored_headcount", "contribution_pct"):
            yield [
                "indicator",
                indicator["dimension"],
                indicator["slug"],
                measure,
                _value(indicator[measure]),
            ]
    for dimension in result["dimensions"]:
        yield [
            "dimension",
            "",
            dimension["slug"],
            "contribution_pct",
            _value(dimension["contribution_pct"]),
        ]
    for column, groups in result["breakdowns"].items():
        for row in groups:
            for measure in ("n", "population_share", "H", "A", "M0", "contribution_pct"):
                yield ["breakdown", column, str(row["value"]), measure, _value(row[measure])]
    for point in result["k_curve"]:
        yield ["k curve", "", _value(point["k"]), "H", _value(point["H"])]
        yield ["k curve", "", _value(point["k"]), "M0", _value(point["M0"])]


def _rounded(value: Any) -> str:
    return _value(round_rate(value))


def _indicator_population(result: dict[str, Any], slug: str) -> int:
    """How many children an indicator applies to (with age groups: the groups that use it)."""
    groups = result.get("age_groups") or []
    if not groups:
        return int(result["n"])
    return sum(
        int(group["result"]["n"])
        for group in groups
        if any(indicator["slug"] == slug for indicator in group["result"]["indicators"])
    )


def _protected_rows(result: dict[str, Any]) -> Iterator[list[str]]:
    if not may_show(result["n"]):
        yield ["headline", "", "", "all figures", SUPPRESSED]
        return
    yield ["headline", "", "", ROUNDED_CHILDREN, _value(round_count(int(result["n"])))]
    for name in ("H", "A", "M0"):
        yield ["headline", "", "", name, _rounded(result[name])]
        yield ["headline", "", "", f"{name} 95% CI low", _rounded(result[f"ci_{name}"][0])]
        yield ["headline", "", "", f"{name} 95% CI high", _rounded(result[f"ci_{name}"][1])]
    for indicator in result["indicators"]:
        small = not may_show(_indicator_population(result, indicator["slug"]))
        for measure in ("uncensored_headcount", "censored_headcount", "contribution_pct"):
            value = SUPPRESSED if small else _rounded(indicator[measure])
            yield ["indicator", indicator["dimension"], indicator["slug"], measure, value]
    for dimension in result["dimensions"]:
        yield [
            "dimension",
            "",
            dimension["slug"],
            "contribution_pct",
            _rounded(dimension["contribution_pct"]),
        ]
    for column, groups in result["breakdowns"].items():
        hidden = cells_to_suppress({index: row["n"] for index, row in enumerate(groups)})
        for index, row in enumerate(groups):
            if index in hidden:
                continue
            yield [
                "breakdown",
                column,
                str(row["value"]),
                ROUNDED_CHILDREN,
                _value(round_count(int(row["n"]))),
            ]
            for measure in ("population_share", "H", "A", "M0", "contribution_pct"):
                yield ["breakdown", column, str(row["value"]), measure, _rounded(row[measure])]
        if hidden:
            yield ["breakdown", column, f"{len(hidden)} other groups", "all figures", SUPPRESSED]
    for point in result["k_curve"]:
        yield ["k curve", "", _value(point["k"]), "H", _rounded(point["H"])]
        yield ["k curve", "", _value(point["k"]), "M0", _rounded(point["M0"])]

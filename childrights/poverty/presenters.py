"""Results of a run, laid out for the results page, the chart and the CSV download."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from childrights.core.charts import Series, line_chart
from childrights.core.disclosure import cells_to_suppress
from childrights.poverty.models import Run


def run_report(run: Run) -> dict[str, Any] | None:
    result = run.result
    if not result:
        return None
    curve = result["k_curve"]
    chart = line_chart(
        chart_id=f"run-{run.pk}-k-curve",
        title=_("Poverty at every cutoff"),
        description=_(
            "How the headcount (H) and the adjusted headcount (M0) fall as the cutoff k rises. "
            "The same numbers are in the table that follows."
        ),
        series=[
            Series(_("Headcount (H)"), [(point["k"], point["H"]) for point in curve]),
            Series(_("Adjusted headcount (M0)"), [(point["k"], point["M0"]) for point in curve]),
        ],
        x_label=_("Cutoff k"),
        y_label=_("Share of children"),
    )
    overlaps = result["overlaps"]
    return {
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


def result_rows(result: dict[str, Any], *, disclosure_control: bool) -> Iterator[list[str]]:
    """Every figure of a result as ``section, group, item, measure, value`` rows.

    With disclosure control, groups of fewer than 10 children (and, where only one group would
    be hidden, the next smallest) have their figures withheld, and no counts are given.
    """
    for name in ("H", "A", "M0"):
        yield ["headline", "", "", name, _value(result[name])]
        yield ["headline", "", "", f"{name} 95% CI low", _value(result[f"ci_{name}"][0])]
        yield ["headline", "", "", f"{name} 95% CI high", _value(result[f"ci_{name}"][1])]
    if not disclosure_control:
        yield ["headline", "", "", "children", _value(result["n"])]
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
    for column, rows in result["breakdowns"].items():
        hidden = (
            cells_to_suppress({index: row["n"] for index, row in enumerate(rows)})
            if disclosure_control
            else set()
        )
        for index, row in enumerate(rows):
            for measure in ("population_share", "H", "A", "M0", "contribution_pct"):
                value = "suppressed" if index in hidden else _value(row[measure])
                yield ["breakdown", column, str(row["value"]), measure, value]
            if not disclosure_control:
                yield ["breakdown", column, str(row["value"]), "children", _value(row["n"])]
    for point in result["k_curve"]:
        yield ["k curve", "", _value(point["k"]), "H", _value(point["H"])]
        yield ["k curve", "", _value(point["k"]), "M0", _value(point["M0"])]

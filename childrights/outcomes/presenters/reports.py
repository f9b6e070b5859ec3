"""Report figures laid out for people to read, in the active language: the staff page and the
PDF show every number; the public summary passes counts of people through disclosure control.

The figures are stored with names in English and Welsh, so a report reads the same later even
if a name changes; labels of choices are translated here.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from childrights.core.charts import Bar, bar_chart
from childrights.core.disclosure import (
    fewer_than,
    may_show,
    not_shown_for_fewer_than,
    round_count,
    stated,
)
from childrights.core.language import pair_text
from childrights.core.presenters import PERCENTAGE, signed, value_text
from childrights.outcomes.models import OutcomeIndicator, Report, Round, TrainingRole
from childrights.programme.models import Partnership


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    hint: str = ""


def day(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def protected(count: int) -> str:
    """A count of people ready to publish (``core.disclosure``): withheld when too small, the
    rest rounded."""
    if not may_show(count):
        return fewer_than()
    return str(round_count(count))


def _protected_value(value: str | None) -> str | None:
    """A value of an indicator counted in people, withheld or rounded like any count."""
    if value is None:
        return None
    whole = int(Decimal(value).to_integral_value(rounding=ROUND_HALF_UP))
    return protected(whole)


STATUS_LABELS = {
    "met": lambda: _("Target met"),
    "on-track": lambda: _("On track"),
    "off-track": lambda: _("Not on track"),
    "no-value": lambda: _("No value in the period"),
}


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return label() if label else status


def role_label(role: str) -> str:
    try:
        return str(TrainingRole(role).label)
    except ValueError:
        return role


def _self_assessment(section: dict[str, Any], chart_id: str) -> dict[str, Any]:
    rounds = [
        {
            "name": each["name"],
            "held_on": day(each["held_on"]),
            "kind": str(dict(Round.Kind.choices).get(each["kind"], each["kind"])),
            "closed": each["closed"],
        }
        for each in section["rounds"]
    ]
    rows = [
        {
            "name": pair_text(row["name"]),
            "cells": [
                {"mean": mean if mean is not None else "–", "rated": rated}
                for mean, rated in zip(row["means"], row["rated"], strict=True)
            ],
            "change": signed(row["change"]),
        }
        for row in section["principles"]
    ]
    overall = section["overall"]
    chart = None
    if rounds:
        last = rounds[-1]["name"]
        bars = [
            Bar(
                label=pair_text(row["name"]).text,
                value=float(row["means"][-1] or 0),
                text=row["means"][-1] or "–",
            )
            for row in section["principles"]
        ]
        chart = bar_chart(
            chart_id=chart_id,
            title=_("Mean level of each principle in %(round)s") % {"round": last},
            description=_(
                "Mean level from 0 (not started) to 3 (embedded) of each principle in the "
                "latest round shown. The table lists every round."
            ),
            bars=bars,
            maximum=3.0,
            value_label=_("Mean level, from 0 (not started) to 3 (embedded)"),
        )
    return {
        "rounds": rounds,
        "rows": rows,
        "overall": {
            "cells": [
                {"mean": mean if mean is not None else "–", "rated": rated}
                for mean, rated in zip(overall["means"], overall["rated"], strict=True)
            ],
            "change": signed(overall["change"]),
        },
        "chart": chart,
    }


def _indicators(rows: list[dict[str, Any]], *, public: bool) -> list[dict[str, Any]]:
    shown = []
    for row in rows:
        unit = row["unit"]
        values = {key: row[key] for key in ("baseline", "latest", "expected", "target")}
        if public and unit == OutcomeIndicator.Unit.NUMBER:
            values = {key: _protected_value(value) for key, value in values.items()}
        shown.append(
            {
                "pilot": pair_text(row["pilot"]),
                "name": pair_text(row["name"]),
                "better": str(dict(OutcomeIndicator.Better.choices).get(row["better"], "")),
                "baseline": value_text(values["baseline"], unit),
                "baseline_on": day(row["baseline_on"]),
                "latest": value_text(values["latest"], unit),
                "latest_on": day(row["latest_on"]),
                "expected": value_text(values["expected"], unit),
                "target": value_text(values["target"], unit),
                "target_on": day(row["target_on"]),
                "status": row["status"],
                "status_label": status_label(row["status"]),
            }
        )
    return shown


def _participation(section: dict[str, int], *, public: bool) -> list[Figure]:
    children = section["children"]
    return [
        Figure(_("Consultations held"), str(section["consultations"])),
        Figure(
            _("Children and young people who answered"),
            protected(children) if public else str(children),
            stated(
                _(
                    "Counts under %(smallest)s are not shown and the rest are rounded to the "
                    "nearest %(round_to)s."
                )
            )
            if public
            else _("One for each response received in the period; withdrawn responses left out."),
        ),
        Figure(_("Commitments made in the period"), str(section["commitments_made"])),
        Figure(
            _("Commitments done by the end of the period"),
            _("%(done)s of %(total)s")
            % {"done": section["commitments_done"], "total": section["commitments_to_date"]},
        ),
    ]


def _assessments(section: dict[str, int], *, public: bool) -> list[Figure]:
    """Completed means signed off; the public see only those published on the register."""
    published = Figure(_("Impact assessments published"), str(section["published"]))
    if public:
        return [published]
    return [Figure(_("Impact assessments completed"), str(section["completed"])), published]


@dataclass(frozen=True)
class TrainingRow:
    role: str
    trained: str
    total: str
    share: str
    value: float | None  # the length of its bar; None when it is not charted


def _training(section: dict[str, Any], *, public: bool, chart_id: str) -> dict[str, Any]:
    rows = []
    for row in section["roles"]:
        total = row["total"]
        hidden = public and (total is None or not may_show(total))
        rows.append(
            TrainingRow(
                role=role_label(row["role"]),
                trained="" if public else str(row["trained"]),
                total="" if public else ("–" if total is None else str(total)),
                share=(
                    not_shown_for_fewer_than() if hidden else value_text(row["share"], PERCENTAGE)
                ),
                value=None if hidden or row["share"] is None else float(row["share"]),
            )
        )
    bars = [Bar(row.role, row.value, row.share) for row in rows if row.value is not None]
    chart = (
        bar_chart(
            chart_id=chart_id,
            title=_("Share of people in each role trained in children’s rights"),
            description=_(
                "The share of people in each role who had completed training by the end of "
                "the period. The table lists the figures."
            ),
            bars=bars,
            maximum=100.0,
            value_label=_("Share of people trained (%)"),
        )
        if bars
        else None
    )
    overall_hidden = public and not may_show(section["total"])
    return {
        "rows": rows,
        "chart": chart,
        "share": (
            not_shown_for_fewer_than()
            if overall_hidden
            else value_text(section["share"], PERCENTAGE)
        ),
        "trained": "" if public else str(section["trained"]),
        "total": "" if public else str(section["total"]),
    }


def partner_context(
    figures: dict[str, Any], *, public: bool = False, chart_suffix: str = ""
) -> dict[str, Any]:
    """Everything a partner report's page, PDF or public summary shows."""
    period = figures["period"]
    return {
        "figures_council": figures["council"],
        "period_start": day(period["start"]),
        "period_end": day(period["end"]),
        "public": public,
        "pilots": [
            {
                "focus_area": pair_text(pilot["focus_area"]),
                "target_group": pair_text(pilot["target_group"]),
                "outcomes": pair_text(pilot["outcomes"]),
            }
            for pilot in figures["pilots"]
        ],
        "self_assessment": _self_assessment(
            figures["self_assessment"], f"self-assessment-chart{chart_suffix}"
        ),
        "indicators": _indicators(figures["indicators"], public=public),
        "participation": _participation(figures["participation"], public=public),
        "assessments": _assessments(figures["assessments"], public=public),
        "training": _training(
            figures["training"], public=public, chart_id=f"training-chart{chart_suffix}"
        ),
    }


def programme_context(figures: dict[str, Any], *, chart_suffix: str = "") -> dict[str, Any]:
    """The programme report: one row per partner, the headline figures in columns."""
    statuses = dict(Partnership.Status.choices)
    rows: list[dict[str, Any]] = []
    for partner in figures["partners"]:
        figures_of = partner["headline"]
        rows.append(
            {
                "council": partner["council"],
                "status": str(statuses.get(partner["status"], partner["status"])),
                "level": figures_of["level"] or "–",
                "level_change": signed(figures_of["level_change"]),
                "on_track": _("%(on_track)s of %(total)s")
                % {
                    "on_track": figures_of["indicators_on_track"],
                    "total": figures_of["indicators"],
                },
                "consultations": figures_of["consultations"],
                "children": figures_of["children"],
                "commitments": _("%(done)s of %(total)s")
                % {
                    "done": figures_of["commitments_done"],
                    "total": figures_of["commitments_to_date"],
                },
                "commitments_made": figures_of["commitments_made"],
                "assessments": figures_of["assessments_completed"],
                "training": value_text(figures_of["training_share"], PERCENTAGE),
                "level_value": figures_of["level"],
            }
        )
    charted = [row for row in rows if row["level_value"] is not None]
    chart: SafeString | None = (
        bar_chart(
            chart_id=f"programme-chart{chart_suffix}",
            title=_("Mean self-assessment level of each partner"),
            description=_(
                "Each partner’s mean level, from 0 (not started) to 3 (embedded), in its latest "
                "self-assessment round by the end of the period. The table lists every figure."
            ),
            bars=[
                Bar(
                    str(row["council"]["short_name"]),
                    float(str(row["level_value"])),
                    str(row["level"]),
                )
                for row in charted
            ],
            maximum=3.0,
            value_label=_("Mean level, from 0 (not started) to 3 (embedded)"),
        )
        if charted
        else None
    )
    period = figures["period"]
    return {
        "period_start": day(period["start"]),
        "period_end": day(period["end"]),
        "rows": rows,
        "chart": chart,
        "has_demo": any(row["council"]["is_demo"] for row in rows),
    }


def report_title(report: Report) -> str:
    if report.kind == Report.Kind.PROGRAMME:
        return _("Programme report")
    return _("Progress report")

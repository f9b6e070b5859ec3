"""The board's report as its pages and PDFs lay it out: the kept figures in the active language,
each section with the corporate parenting principles it evidences, counts not shown written as
such, statuses in words, and a chart beside the table of topics. The same figures serve the
board's version and the one written for the Children in Care Council."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childrights.core.charts import Bar, bar_chart
from childrights.core.disclosure import fewer_than, stated
from childrights.core.language import Text, pair_text
from childrights.parenting.pledge import principles_named
from childrights.participation.feedback.public import StatusTag, status_tag

LISTENED_LABELS = {
    "yes": gettext_lazy("Yes"),
    "a_bit": gettext_lazy("A bit"),
    "no": gettext_lazy("No"),
}
ALERT_LABELS = {
    # Every press is counted, presses made while an earlier one waits included (``Alert.presses``).
    "button": gettext_lazy("Times a child pressed “I don't feel safe” (every press counted)"),
    "screening": gettext_lazy("Alerts raised because what a child wrote may tell of harm"),
}
ALERT_LABELS_CHILDREN = {
    "button": gettext_lazy("Times children pressed “I don't feel safe” (every press counted)"),
    "screening": gettext_lazy("Times what children wrote made us check they were safe"),
}


def report_title() -> str:
    return _("Corporate parenting board report")


def children_title() -> str:
    return _("How we are doing as your corporate parent")


@dataclass(frozen=True)
class Shown:
    """A figure as shown: its text, and whether it is a real number."""

    text: str
    shown: bool


@dataclass(frozen=True)
class TopicRow:
    title: Text
    count: Shown


def count_text(count: int | None) -> Shown:
    return Shown(fewer_than(), False) if count is None else Shown(str(count), True)


def share_text(value: str | None) -> Shown:
    if value is None:
        return Shown(
            stated(_("Not shown: fewer than %(smallest)s children in it, or in the rest")), False
        )
    return Shown(_("%(percent)s%%") % {"percent": value}, True)


def _views(section: dict[str, Any]) -> dict[str, Any]:
    listened = section["listened"]
    return {
        "principles": principles_named(section["principles"]),
        "meetings": count_text(section["meetings"]),
        "with_views": share_text(section["with_views"]),
        "statements": count_text(section["statements"]),
        "answered": share_text(section["answered"]),
        "on_time": share_text(section["on_time"]),
        "listened_total": count_text(listened["total"]),
        "listened": [
            {
                "label": str(LISTENED_LABELS[row["key"]]),
                "count": count_text(row["count"]),
                "percent": share_text(row["percent"]) if row["count"] is not None else None,
            }
            for row in listened["rows"]
        ],
        "from_deleted": section["from_deleted"],
    }


def _topics(section: dict[str, Any], chart_id: str) -> dict[str, Any]:
    rows = [
        TopicRow(title=pair_text(row["title"]), count=count_text(row["count"]))
        for row in section["rows"]
    ]
    shown = [row for row in rows if row.count.shown]
    chart = None
    if shown:
        chart = bar_chart(
            chart_id=chart_id,
            title=_("Topics children raised before their meetings"),
            description=stated(
                _(
                    "How many of the views children sent said something about each topic, "
                    "rounded to the nearest %(round_to)s. The table beside it has every topic."
                )
            ),
            bars=[
                Bar(label=row.title.text, value=float(row.count.text), text=row.count.text)
                for row in shown
            ],
        )
    return {"principles": principles_named(section["principles"]), "rows": rows, "chart": chart}


def _alerts(section: dict[str, Any], *, children: bool) -> dict[str, Any]:
    labels = ALERT_LABELS_CHILDREN if children else ALERT_LABELS
    return {
        "principles": principles_named(section["principles"]),
        "rows": [
            {"label": str(labels[row["source"]]), "count": count_text(row["count"])}
            for row in section["rows"]
        ],
    }


def _indicator_share(share: dict[str, Any] | None, why: dict[str, str], *, children: bool) -> Shown:
    """A well-being figure, or why it is not shown (for children, only that it is not: the
    report says why some numbers are missing)."""
    if share is None:
        return Shown(_("Not shown") if children else (pair_text(why).text or _("Not shown")), False)
    return Shown(_("%(percent)s%%") % {"percent": share["percent"]}, True)


def _wellbeing(section: dict[str, Any] | None, *, children: bool) -> dict[str, Any] | None:
    if section is None:
        return None
    year = section["year"]
    return {
        "principles": principles_named(section["principles"]),
        "year": year,
        "previous_year": year - 1 if year else None,
        "rows": [
            {
                "title": pair_text(row["title"]),
                "principles": principles_named(row["principles"]),
                **{
                    which: _indicator_share(
                        row[which], row[f"{which}_not_shown"], children=children
                    )
                    for which in ("this_year", "last_year", "benchmark")
                },
            }
            for row in section["rows"]
        ],
    }


@dataclass(frozen=True)
class ShownUpdate:
    made_on: datetime.date
    text: Text
    tag: StatusTag


def _pledge(section: dict[str, Any]) -> dict[str, Any]:
    return {
        "principles": principles_named(section["principles"]),
        "exists": section["exists"],
        "statuses": [
            {"tag": status_tag(row["status"]), "count": row["count"]} for row in section["statuses"]
        ],
        "total": sum(row["count"] for row in section["statuses"]),
        "promises": [
            {
                "text": pair_text(promise["text"]),
                "tag": status_tag(promise["status"]),
                "principles": principles_named(promise["principles"]),
                "updates": [
                    ShownUpdate(
                        made_on=datetime.date.fromisoformat(update["made_on"]),
                        text=pair_text(update["text"]),
                        tag=status_tag(update["status"]),
                    )
                    for update in promise["updates"]
                ],
            }
            for promise in section["promises"]
        ],
        "updates_in_period": section["updates_in_period"],
    }


def report_context(
    figures: dict[str, Any], *, chart_suffix: str = "", children: bool = False
) -> dict[str, Any]:
    return {
        "chart_suffix": chart_suffix,
        "figures_council": figures["council"],
        "period_start": datetime.date.fromisoformat(figures["period"]["start"]),
        "period_end": datetime.date.fromisoformat(figures["period"]["end"]),
        "built_on": datetime.date.fromisoformat(figures["built_on"]),
        "views": _views(figures["views"]),
        "topics": _topics(figures["topics"], f"topics-chart{chart_suffix}"),
        "alerts": _alerts(figures["alerts"], children=children),
        "wellbeing": _wellbeing(figures.get("wellbeing"), children=children),
        "pledge": _pledge(figures["pledge"]),
    }

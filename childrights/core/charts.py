"""Charts drawn on the server as SVG, always shown beside a table of the same numbers.

No JavaScript and no third-party library: a chart is a small picture with a title and a text
description, and the table carries the data for screen readers and for copying.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
PALETTE = ["#3b2a6b", "#b04208", "#00703c", "#1d70b8"]


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[float, float]]


def _scale(value: float, low: float, high: float, start: float, end: float) -> float:
    if high == low:
        return (start + end) / 2
    return start + (value - low) / (high - low) * (end - start)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: list[Series],
    x_label: str,
    y_label: str,
) -> SafeString:
    """A line chart of one or more series, y from 0, with labelled axes."""
    xs = [x for line in series for x, _ in line.points] or [0.0, 1.0]
    ys = [y for line in series for _, y in line.points] or [0.0, 1.0]
    x_low, x_high = min(xs), max(xs)
    y_high = max(max(ys), 1e-9)
    plot_bottom, plot_right = HEIGHT - BOTTOM, WIDTH - RIGHT

    def point(x: float, y: float) -> str:
        px = _scale(x, x_low, x_high, LEFT, plot_right)
        py = _scale(y, 0.0, y_high, plot_bottom, TOP)
        return f"{px:.1f},{py:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'class="app-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line x1="{LEFT}" y1="{plot_bottom}" x2="{plot_right}" y2="{plot_bottom}" '
        'stroke="#0b0c0c"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{plot_bottom}" stroke="#0b0c0c"/>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        y_value = y_high * fraction
        y = _scale(y_value, 0.0, y_high, plot_bottom, TOP)
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{y_value:.2f}</text>"
        )
    for x_value in (x_low, x_high):
        x = _scale(x_value, x_low, x_high, LEFT, plot_right)
        parts.append(
            f'<text x="{x:.1f}" y="{plot_bottom + 18}" text-anchor="middle" font-size="12">'
            f"{x_value:.2f}</text>"
        )
    parts.append(
        f'<text x="{(LEFT + plot_right) / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" '
        f'font-size="13">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text x="14" y="{(TOP + plot_bottom) / 2:.1f}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 14 {(TOP + plot_bottom) / 2:.1f})">{escape(y_label)}</text>'
    )
    for index, line in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(point(x, y) for x, y in line.points)
        dash = "" if index == 0 else ' stroke-dasharray="6 4"'
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="3"{dash} points="{points}"/>'
        )
        legend_y = TOP + 14 + index * 18
        parts.append(
            f'<line x1="{plot_right - 150}" y1="{legend_y - 4}" x2="{plot_right - 126}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="3"{dash}/>'
            f'<text x="{plot_right - 120}" y="{legend_y}" font-size="12">'
            f"{escape(line.label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length (``value``) and the figure written at its end."""

    label: str
    value: float
    text: str


# Narrower than the line chart: a bar chart sits in half a column, beside its table, and its
# words should stay near the size of the page's own.
BAR_WIDTH, BAR_ROW, BAR_THICKNESS, BAR_FONT_SIZE = 480, 36, 24, 16
BAR_LABEL_WIDTH, BAR_VALUE_WIDTH = 176, 64
BAR_LABEL_CHARACTERS = 18
BAR_COLOUR, AXIS_COLOUR = PALETTE[0], "#0b0c0c"


def _short(label: str) -> str:
    """A label that fits beside its bar; the table beside the chart has it in full."""
    if len(label) <= BAR_LABEL_CHARACTERS:
        return label
    return label[: BAR_LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: list[Bar],
    maximum: float | None = None,
) -> SafeString:
    """A horizontal bar chart, one bar per row, from 0 to ``maximum`` (the longest bar when
    none is given). Colours are presentation attributes that the stylesheet may override
    through the classes; there are no style attributes, so the content security policy holds."""
    height = TOP + len(bars) * BAR_ROW + TOP
    plot_left, plot_right = BAR_LABEL_WIDTH, BAR_WIDTH - BAR_VALUE_WIDTH
    longest = max([bar.value for bar in bars] + [maximum or 0.0])
    safe_id = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BAR_WIDTH} {height}" '
        f'role="img" aria-labelledby="{safe_id}-title" aria-describedby="{safe_id}-desc" '
        'class="app-chart app-chart--bar">',
        f'<title id="{safe_id}-title">{escape(title)}</title>',
        f'<desc id="{safe_id}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        top = TOP + index * BAR_ROW
        middle = top + BAR_ROW / 2
        length = max(bar.value, 0.0) / longest * (plot_right - plot_left) if longest > 0 else 0.0
        parts.append(
            f'<text class="app-chart__label" x="{plot_left - 8}" y="{middle + 5:.1f}" '
            f'text-anchor="end" font-size="{BAR_FONT_SIZE}">{escape(_short(bar.label))}</text>'
            f'<rect class="app-chart__bar" x="{plot_left}" y="{middle - BAR_THICKNESS / 2:.1f}" '
            f'width="{length:.1f}" height="{BAR_THICKNESS}" fill="{BAR_COLOUR}"/>'
            f'<text class="app-chart__value" x="{plot_left + length + 6:.1f}" '
            f'y="{middle + 5:.1f}" font-size="{BAR_FONT_SIZE}">{escape(bar.text)}</text>'
        )
    parts.append(
        f'<line class="app-chart__axis" x1="{plot_left}" y1="{TOP}" x2="{plot_left}" '
        f'y2="{height - TOP}" stroke="{AXIS_COLOUR}"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above

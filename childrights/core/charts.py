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

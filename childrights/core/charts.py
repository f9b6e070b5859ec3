"""Charts drawn on the server as SVG, always shown beside a table of the same numbers.

No JavaScript and no third-party library: a chart is a small picture with a title and a text
description, and the table carries the data for screen readers and for copying.
"""

import textwrap
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 16, 48
PALETTE = ["#3b2a6b", "#b04208", "#00703c", "#1d70b8"]
# For wrapping words: a character's average width, and a line's height, as shares of the font size.
CHARACTER_WIDTH, LINE_HEIGHT = 0.55, 1.25
TITLE_SIZE, LEGEND_SIZE = 16, 13
MARKER_COLOUR, AXIS_COLOUR = "#d4351c", "#0b0c0c"


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[float, float]]


def _scale(value: float, low: float, high: float, start: float, end: float) -> float:
    if high == low:
        return (start + end) / 2
    return start + (value - low) / (high - low) * (end - start)


def _wrap(text: str, characters: int) -> list[str]:
    """``text`` in lines of about ``characters`` characters, broken between words: a chart
    shows its words in full."""
    return textwrap.wrap(text, width=characters, break_on_hyphens=False) or [""]


def _lines(
    text: str,
    *,
    x: float,
    y: float,
    characters: int,
    size: int,
    attributes: str = "",
    first_line: float = 0.0,
) -> tuple[str, int]:
    """A ``<text>`` element with ``text`` wrapped over lines (``<tspan>`` each) from ``y``, and
    how many lines it took. ``first_line`` moves the block up by that many lines, to centre it."""
    lines = _wrap(text, characters)
    if len(lines) == 1:
        return (
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{attributes}>'
            f"{escape(lines[0])}</text>",
            1,
        )
    step = size * LINE_HEIGHT
    top = y - first_line * step
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + n * step:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text font-size="{size}"{attributes}>{spans}</text>', len(lines)


def _tick(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def _characters(width: float, size: int) -> int:
    """About how many characters of text ``size`` fit in ``width``."""
    return max(8, int(width / (size * CHARACTER_WIDTH)))


@dataclass(frozen=True)
class Marker:
    """A value picked out on a line chart's x axis (a chosen cutoff, say), with its words."""

    x: float
    label: str


def _x_ticks(xs: list[float]) -> list[float]:
    """Every x when they are a few whole numbers (cutoffs 1 to 9, say); else the ends."""
    distinct = sorted(set(xs))
    if len(distinct) <= 12 and all(float(x).is_integer() for x in distinct):
        return distinct
    return [min(xs), max(xs)]


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: list[Series],
    x_label: str,
    y_label: str,
    marker: Marker | None = None,
) -> SafeString:
    """A line chart of one or more series, y from 0: its title above, labelled axes, the legend
    below (each series' words in full, wrapped), and ``marker``'s x drawn across the plot."""
    xs = [x for line in series for x, _ in line.points] or [0.0, 1.0]
    ys = [y for line in series for _, y in line.points] or [0.0, 1.0]
    if marker is not None:
        xs.append(marker.x)
    x_low, x_high = min(xs), max(xs)
    y_high = max(max(ys), 1e-9)
    safe_id = escape(chart_id)
    title_text, title_lines = _lines(
        title,
        x=LEFT,
        y=TOP + TITLE_SIZE,
        characters=_characters(WIDTH - LEFT - RIGHT, TITLE_SIZE),
        size=TITLE_SIZE,
        attributes=' class="app-chart__title" font-weight="bold"',
    )
    plot_top = TOP + title_lines * TITLE_SIZE * LINE_HEIGHT + TOP
    plot_bottom = plot_top + (HEIGHT - TOP - BOTTOM)
    plot_right = WIDTH - RIGHT

    def px(x: float) -> float:
        return _scale(x, x_low, x_high, LEFT, plot_right)

    def py(y: float) -> float:
        return _scale(y, 0.0, y_high, plot_bottom, plot_top)

    body = [
        title_text,
        f'<line class="app-chart__axis" x1="{LEFT}" y1="{plot_bottom:.1f}" x2="{plot_right}" '
        f'y2="{plot_bottom:.1f}" stroke="{AXIS_COLOUR}"/>',
        f'<line class="app-chart__axis" x1="{LEFT}" y1="{plot_top:.1f}" x2="{LEFT}" '
        f'y2="{plot_bottom:.1f}" stroke="{AXIS_COLOUR}"/>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        y_value = y_high * fraction
        body.append(
            f'<text x="{LEFT - 6}" y="{py(y_value) + 4:.1f}" text-anchor="end" font-size="12">'
            f"{y_value:.2f}</text>"
        )
    ticks = _x_ticks(xs)
    whole = all(float(x).is_integer() for x in ticks)
    for x_value in ticks:
        tick = f"{x_value:.0f}" if whole else f"{x_value:.2f}"
        body.append(
            f'<text x="{px(x_value):.1f}" y="{plot_bottom + 18:.1f}" text-anchor="middle" '
            f'font-size="12">{tick}</text>'
        )
    body.append(
        f'<text class="app-chart__axis-label" x="{(LEFT + plot_right) / 2:.1f}" '
        f'y="{plot_bottom + 38:.1f}" text-anchor="middle" font-size="13">{escape(x_label)}</text>'
    )
    middle = (plot_top + plot_bottom) / 2
    body.append(
        f'<text class="app-chart__axis-label" x="14" y="{middle:.1f}" text-anchor="middle" '
        f'font-size="13" transform="rotate(-90 14 {middle:.1f})">{escape(y_label)}</text>'
    )
    if marker is not None:
        x = px(marker.x)
        left_half = x < (LEFT + plot_right) / 2
        anchor = "start" if left_half else "end"
        label, _ = _lines(
            marker.label,
            x=x + 6 if left_half else x - 6,
            y=plot_top + 12,
            characters=_characters((plot_right - LEFT) / 2 - 12, 12),
            size=12,
            attributes=f' class="app-chart__marker-label" text-anchor="{anchor}"',
        )
        body.append(
            f'<line class="app-chart__marker" x1="{x:.1f}" y1="{plot_top:.1f}" x2="{x:.1f}" '
            f'y2="{plot_bottom:.1f}" stroke="{MARKER_COLOUR}" stroke-width="2" '
            'stroke-dasharray="2 3"/>' + label
        )
    legend_y = plot_bottom + 48 + LEGEND_SIZE
    for index, line in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in line.points)
        dash = "" if index == 0 else ' stroke-dasharray="6 4"'
        body.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="3"{dash} points="{points}"/>'
        )
        words, count = _lines(
            line.label,
            x=LEFT + 32,
            y=legend_y,
            characters=_characters(plot_right - LEFT - 32, LEGEND_SIZE),
            size=LEGEND_SIZE,
            attributes=' class="app-chart__legend"',
        )
        body.append(
            f'<line x1="{LEFT}" y1="{legend_y - 4:.1f}" x2="{LEFT + 24}" y2="{legend_y - 4:.1f}" '
            f'stroke="{colour}" stroke-width="3"{dash}/>' + words
        )
        legend_y += count * LEGEND_SIZE * LINE_HEIGHT + 6
    height = legend_y - LEGEND_SIZE + TOP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{safe_id}-title" aria-describedby="{safe_id}-desc" '
        'class="app-chart">',
        f'<title id="{safe_id}-title">{escape(title)}</title>',
        f'<desc id="{safe_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length (``value``) and the figure written at its end."""

    label: str
    value: float
    text: str


# Narrower than the line chart: a bar chart sits in half a column, beside its table, and its
# words should stay near the size of the page's own. A label longer than its column wraps onto
# more lines, and its row grows to hold them.
BAR_WIDTH, BAR_ROW, BAR_THICKNESS, BAR_FONT_SIZE = 480, 36, 24, 16
BAR_LABEL_WIDTH, BAR_VALUE_WIDTH = 176, 64
BAR_COLOUR = PALETTE[0]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: list[Bar],
    maximum: float | None = None,
    value_label: str = "",
) -> SafeString:
    """A horizontal bar chart, one bar per row, from 0 to ``maximum`` (the longest bar when
    none is given): its title above, each label in full beside its bar, and the value axis below
    from 0 (to ``maximum``, written when given), named by ``value_label`` when given. Colours
    are presentation attributes that the stylesheet may override through the classes; there
    are no style attributes, so the content security policy holds."""
    plot_left, plot_right = BAR_LABEL_WIDTH, BAR_WIDTH - BAR_VALUE_WIDTH
    longest = max([bar.value for bar in bars] + [maximum or 0.0])
    safe_id = escape(chart_id)
    title_text, title_lines = _lines(
        title,
        x=8,
        y=TOP + TITLE_SIZE,
        characters=_characters(BAR_WIDTH - 16, TITLE_SIZE),
        size=TITLE_SIZE,
        attributes=' class="app-chart__title" font-weight="bold"',
    )
    plot_top = TOP + title_lines * TITLE_SIZE * LINE_HEIGHT + TOP / 2
    body = [title_text]
    top = plot_top
    label_characters = _characters(BAR_LABEL_WIDTH - 16, BAR_FONT_SIZE)
    step = BAR_FONT_SIZE * LINE_HEIGHT
    for bar in bars:
        count = len(_wrap(bar.label, label_characters))
        row = max(BAR_ROW, count * step + 12)
        middle = top + row / 2
        length = max(bar.value, 0.0) / longest * (plot_right - plot_left) if longest > 0 else 0.0
        label, _ = _lines(
            bar.label,
            x=plot_left - 8,
            y=middle + 5,
            characters=label_characters,
            size=BAR_FONT_SIZE,
            attributes=' class="app-chart__label" text-anchor="end"',
            first_line=(count - 1) / 2,
        )
        body.append(
            label + f'<rect class="app-chart__bar" x="{plot_left}" '
            f'y="{middle - BAR_THICKNESS / 2:.1f}" '
            f'width="{length:.1f}" height="{BAR_THICKNESS}" fill="{BAR_COLOUR}"/>'
            f'<text class="app-chart__value" x="{plot_left + length + 6:.1f}" '
            f'y="{middle + 5:.1f}" font-size="{BAR_FONT_SIZE}">{escape(bar.text)}</text>'
        )
        top += row
    body.append(
        f'<line class="app-chart__axis" x1="{plot_left}" y1="{plot_top:.1f}" x2="{plot_left}" '
        f'y2="{top:.1f}" stroke="{AXIS_COLOUR}"/>'
        f'<line class="app-chart__axis" x1="{plot_left}" y1="{top:.1f}" x2="{plot_right}" '
        f'y2="{top:.1f}" stroke="{AXIS_COLOUR}"/>'
    )
    # The far end is written only where the caller set the scale: elsewhere a bar's length may
    # be a count while its words are a share.
    ends = [(0.0, plot_left)] + ([(longest, plot_right)] if maximum is not None else [])
    for value, x in ends:
        body.append(
            f'<text class="app-chart__tick" x="{x}" y="{top + 16:.1f}" text-anchor="middle" '
            f'font-size="12">{escape(_tick(value))}</text>'
        )
    height = top + 16 + TOP
    if value_label:
        label, count = _lines(
            value_label,
            x=(plot_left + plot_right) / 2,
            y=top + 36,
            characters=_characters(BAR_WIDTH - 16, 13),
            size=13,
            attributes=' class="app-chart__axis-label" text-anchor="middle"',
        )
        body.append(label)
        height = top + 36 + (count - 1) * 13 * LINE_HEIGHT + TOP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BAR_WIDTH} {height:.0f}" '
        f'role="img" aria-labelledby="{safe_id}-title" aria-describedby="{safe_id}-desc" '
        'class="app-chart app-chart--bar">',
        f'<title id="{safe_id}-title">{escape(title)}</title>',
        f'<desc id="{safe_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above

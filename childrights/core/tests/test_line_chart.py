"""The line chart: its title and axes written on it, the legend below in full, a chosen value
marked."""

from xml.etree import ElementTree

from childrights.core.charts import Marker, Series, line_chart

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Adjusted headcount (M0), the share of children poor times how poor they are"


def _chart(**overrides: object) -> ElementTree.Element:
    arguments: dict[str, object] = {
        "chart_id": "curve",
        "title": "Poverty at every cutoff",
        "description": "How H and M0 fall as k rises.",
        "series": [
            Series("Headcount (H)", [(1, 0.6), (2, 0.4), (3, 0.2)]),
            Series(LONG, [(1, 0.3), (2, 0.2), (3, 0.05)]),
        ],
        "x_label": "Cutoff k",
        "y_label": "H and M0",
    }
    arguments.update(overrides)
    svg = str(line_chart(**arguments))  # type: ignore[arg-type]
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output, not untrusted data


def _texts(root: ElementTree.Element, kind: str | None = None) -> list[str]:
    return [
        " ".join(text.itertext())
        for text in root.iter(f"{SVG}text")
        if kind is None or text.get("class") == kind
    ]


def test_the_chart_has_a_title_named_and_written():
    root = _chart()
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Poverty at every cutoff"
    assert root.get("aria-labelledby") == "curve-title"
    assert _texts(root, "app-chart__title") == ["Poverty at every cutoff"]


def test_both_axes_are_drawn_and_named_with_their_values():
    root = _chart()
    axes = [line for line in root.iter(f"{SVG}line") if line.get("class") == "app-chart__axis"]
    assert len(axes) == 2
    assert _texts(root, "app-chart__axis-label") == ["Cutoff k", "H and M0"]
    texts = _texts(root)
    assert [text for text in texts if text in {"1", "2", "3"}] == ["1", "2", "3"]
    assert "0.60" in texts


def test_the_legend_names_every_series_in_full_inside_the_picture():
    root = _chart()
    legend = _texts(root, "app-chart__legend")
    assert legend == ["Headcount (H)", LONG]
    height = float(root.get("viewBox", "").split()[3])
    for text in root.iter(f"{SVG}text"):
        if text.get("class") == "app-chart__legend":
            for line in [text, *text.findall(f"{SVG}tspan")]:
                if line.get("y"):
                    assert float(line.get("y", "0")) < height
            x = text.get("x") or text.findall(f"{SVG}tspan")[0].get("x") or "0"
            assert float(x) < 100


def test_a_chosen_value_is_marked_across_the_plot_with_its_words():
    root = _chart(marker=Marker(2, "Chosen cutoff: k = 2"))
    marks = [line for line in root.iter(f"{SVG}line") if line.get("class") == "app-chart__marker"]
    assert len(marks) == 1
    ticks = {text.text: float(text.get("x", "0")) for text in root.iter(f"{SVG}text")}
    assert float(marks[0].get("x1", "0")) == ticks["2"]
    assert _texts(root, "app-chart__marker-label") == ["Chosen cutoff: k = 2"]


def test_no_marker_unless_asked():
    root = _chart()
    assert not [
        line for line in root.iter(f"{SVG}line") if line.get("class") == "app-chart__marker"
    ]

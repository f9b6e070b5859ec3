"""The horizontal bar chart: an accessible picture, drawn on the server, with no styles inline."""

import re
from xml.etree import ElementTree

from childrights.core.charts import Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output, not untrusted data


def _chart(bars: list[Bar], **overrides: object) -> str:
    arguments: dict[str, object] = {
        "chart_id": "q1",
        "title": "Which park do you go to most?",
        "description": "How many children chose each park.",
        "bars": bars,
    }
    arguments.update(overrides)
    return str(bar_chart(**arguments))  # type: ignore[arg-type]


def _widths(svg: str) -> list[float]:
    root = _parse(svg)
    return [float(rect.get("width", "0")) for rect in root.iter(f"{SVG}rect")]


def test_the_chart_is_an_image_named_by_its_title_and_described():
    root = _parse(_chart([Bar("Riverside", 3, "3")]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "q1-title"
    assert root.get("aria-describedby") == "q1-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert title.get("id") == "q1-title"
    assert title.text == "Which park do you go to most?"
    assert desc is not None
    assert desc.get("id") == "q1-desc"
    assert desc.text == "How many children chose each park."


def test_each_bar_is_as_long_as_its_share_of_the_longest():
    widths = _widths(_chart([Bar("A", 10, "10"), Bar("B", 5, "5"), Bar("C", 0, "0")]))
    assert len(widths) == 3
    assert widths[0] > 0
    assert widths[1] == widths[0] / 2
    assert widths[2] == 0


def test_a_maximum_sets_the_full_length():
    full = _widths(_chart([Bar("A", 10, "10")]))[0]
    half = _widths(_chart([Bar("A", 10, "10")], maximum=20))[0]
    assert half == full / 2


def test_bars_of_nothing_draw_without_dividing_by_zero():
    assert _widths(_chart([Bar("A", 0, "0"), Bar("B", 0, "0")])) == [0, 0]


def test_labels_and_figures_are_written_beside_the_bars():
    svg = _chart([Bar("Riverside", 6, "60%")])
    texts = [text.text for text in _parse(svg).iter(f"{SVG}text")]
    assert "Riverside" in texts
    assert "60%" in texts


def _words(svg: str) -> list[str]:
    """Each text of the picture as read: its lines joined by spaces."""
    return [" ".join(text.itertext()) for text in _parse(svg).iter(f"{SVG}text")]


def test_long_labels_are_written_in_full_over_several_lines():
    label = "Adults on the route to school who help children cross the road safely"
    svg = _chart([Bar(label, 1, "1"), Bar("Short", 2, "2")])
    assert label in _words(svg)
    assert "…" not in svg
    lines = next(
        text for text in _parse(svg).iter(f"{SVG}text") if text.find(f"{SVG}tspan") is not None
    )
    assert len(lines.findall(f"{SVG}tspan")) > 1


def test_a_row_grows_to_hold_a_wrapped_label():
    one_line = _parse(_chart([Bar("A", 1, "1")])).get("viewBox", "").split()
    wrapped = _parse(_chart([Bar("A very long label " * 4, 1, "1")])).get("viewBox", "").split()
    assert float(wrapped[3]) > float(one_line[3])


def test_the_title_is_written_above_the_bars():
    svg = _chart([Bar("Riverside", 3, "3")])
    title = next(_parse(svg).iter(f"{SVG}text"))
    assert title.get("class") == "app-chart__title"
    assert " ".join(title.itertext()) == "Which park do you go to most?"


def test_the_value_axis_runs_from_zero_to_the_maximum_and_is_named():
    svg = _chart([Bar("A", 2, "2")], maximum=3.0, value_label="Mean level, 0 to 3")
    root = _parse(svg)
    axes = [line for line in root.iter(f"{SVG}line") if line.get("class") == "app-chart__axis"]
    assert len(axes) == 2
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "app-chart__tick"]
    assert ticks == ["0", "3"]
    assert "Mean level, 0 to 3" in _words(svg)


def test_text_is_escaped():
    svg = _chart([Bar("<script>alert(1)</script>", 1, "1")], title="Tom & Jerry")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "Tom &amp; Jerry" in svg


def test_there_are_no_inline_styles_and_the_parts_have_classes():
    svg = _chart([Bar("A", 1, "1")])
    assert "style=" not in svg
    root = _parse(svg)
    assert "app-chart" in (root.get("class") or "").split()
    assert all(rect.get("class") == "app-chart__bar" for rect in root.iter(f"{SVG}rect"))


def test_the_chart_grows_with_the_number_of_bars():
    def height(svg: str) -> float:
        found = re.search(r'viewBox="0 0 \d+ (\d+)"', svg)
        assert found is not None
        return float(found.group(1))

    assert height(_chart([Bar(str(n), n, str(n)) for n in range(6)])) > height(
        _chart([Bar("A", 1, "1")])
    )

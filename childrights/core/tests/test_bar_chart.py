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


def test_long_labels_are_shortened_in_the_picture():
    label = "The playground beside the old railway station on the hill"
    texts = [text.text or "" for text in _parse(_chart([Bar(label, 1, "1")])).iter(f"{SVG}text")]
    assert label not in texts
    assert any(text.endswith("…") and label.startswith(text[:-1]) for text in texts)


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

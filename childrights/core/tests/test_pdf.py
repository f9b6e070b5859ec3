"""PDFs are tagged, titled, in the page's language, with selectable text, and fetch nothing."""

import io

import pytest
from pypdf import PdfReader

from childrights.core.pdf import RefusedFetch, pdf_render


def _template(tmp_path, settings, body: str) -> str:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "sample.html").write_text(
        '{% extends "core/pdf/base.html" %}{% block title %}A report{% endblock %}'
        "{% block content %}" + body + "{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    return "sample.html"


def test_a_pdf_is_tagged_with_its_language_title_and_text(tmp_path, settings):
    name = _template(tmp_path, settings, "<h1>Parks</h1><p>Children asked for swings.</p>")
    reader = PdfReader(io.BytesIO(pdf_render(name, {}, language="cy")))
    root = reader.root_object
    assert "/StructTreeRoot" in root
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, dict)
    assert mark_info["/Marked"]
    assert str(root["/Lang"]) == "cy"
    assert reader.metadata.title == "A report"
    text = reader.pages[0].extract_text()
    assert "Parks" in text
    assert "Children asked for swings." in text


def test_a_pdf_never_fetches_anything(tmp_path, settings):
    name = _template(tmp_path, settings, '<img src="https://example.org/tracker.png" alt="">')
    with pytest.raises(RefusedFetch):
        pdf_render(name, {}, language="en-gb")

"""Accessible PDFs from templates: tagged (PDF/UA-1), with real headings, the document language
and title, and selectable text, drawn by WeasyPrint from the same kind of HTML as the pages.

Nothing is fetched while drawing: any URL in the HTML other than an inline ``data:`` one is
refused, so a PDF can never make a request to another host (or to this one).
"""

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

STYLESHEET = Path(__file__).parent / "pdf_assets" / "print.css"


# A PDF template asked for something outside the document: drawing stops.
RefusedFetch = FatalURLFetchingError


def pdf_render(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    """The template drawn as a tagged PDF, its text in ``language`` ("en-gb" or "cy")."""
    with translation.override(language):
        html = render_to_string(
            template_name, context | {"html_lang": "cy" if language == "cy" else "en"}
        )
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    return pdf

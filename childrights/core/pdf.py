"""Accessible PDFs from templates: tagged (PDF/UA-1), with real headings, the document language
and title, and selectable text, drawn by WeasyPrint from the same kind of HTML as the pages.

Nothing is fetched while drawing: any URL in the HTML other than an inline ``data:`` one is
refused, so a PDF can never make a request to another host (or to this one).
"""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from childrights.core.language import lang_of

STYLESHEET = Path(__file__).parent / "pdf_assets" / "print.css"


# A PDF template asked for something outside the document: drawing stops.
RefusedFetch = FatalURLFetchingError


def pdf_render(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    """The template drawn as a tagged PDF, its text in ``language`` ("en-gb" or "cy")."""
    with translation.override(language):
        html = render_to_string(template_name, context | {"html_lang": lang_of(language)})
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    return pdf


def pdf_in_languages(
    template_name: str,
    *,
    languages: Sequence[str],
    part: Callable[[str], str],
    title: Callable[[], str],
    context: dict[str, Any] | None = None,
) -> bytes:
    """A document of one part per language (English then Welsh for a council that works in
    both): each part is the HTML ``part(code)`` draws with its language active, set in an element
    carrying its ``lang``; the document's title and language are the first part's. The template
    lays out ``parts`` and ``document_title``."""
    parts = []
    for code in languages:
        with translation.override(code):
            parts.append({"lang": lang_of(code), "html": SafeString(part(code))})
    with translation.override(languages[0]):
        document_title = title()
    return pdf_render(
        template_name,
        (context or {}) | {"parts": parts, "document_title": document_title},
        language=languages[0],
    )

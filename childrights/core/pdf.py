"""Accessible PDFs from templates: tagged (PDF/UA-1), with real headings, the document language
and title, and selectable text, drawn by WeasyPrint from the same kind of HTML as the pages.

Nothing is fetched while drawing: any URL in the HTML other than an inline ``data:`` one is
refused, so a PDF can never make a request to another host (or to this one).

Drawing takes seconds, so a PDF people download again and again is drawn once and kept
(``pdf_kept``): the kept file is recorded with a fingerprint of the HTML it was drawn from, so it
is served for as long as the document would show the same thing, and drawn again (replacing the
file) once anything it shows has changed.
"""

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import weasyprint
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from childrights.core.language import lang_of
from childrights.core.models import KeptPdf

STYLESHEET = Path(__file__).parent / "pdf_assets" / "print.css"
# What else decides how the HTML is drawn: the stylesheet and the version of WeasyPrint.
_DRAWN_WITH = hashlib.sha256(STYLESHEET.read_bytes() + weasyprint.__version__.encode()).hexdigest()


# A PDF template asked for something outside the document: drawing stops.
RefusedFetch = FatalURLFetchingError


def pdf_html(template_name: str, context: dict[str, Any], *, language: str) -> str:
    """The HTML a PDF is drawn from, its text in ``language`` ("en-gb" or "cy")."""
    with translation.override(language):
        return render_to_string(template_name, context | {"html_lang": lang_of(language)})


def pdf_render(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    """The template drawn as a tagged PDF, its text in ``language`` ("en-gb" or "cy")."""
    return pdf_draw(pdf_html(template_name, context, language=language))


def pdf_draw(html: str) -> bytes:
    """The HTML drawn as a tagged PDF (the slow part: seconds for a long document)."""
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    return pdf


def _in_languages(
    *,
    languages: Sequence[str],
    part: Callable[[str], str],
    title: Callable[[], str],
    context: dict[str, Any] | None,
) -> dict[str, Any]:
    parts = []
    for code in languages:
        with translation.override(code):
            parts.append({"lang": lang_of(code), "html": SafeString(part(code))})
    with translation.override(languages[0]):
        document_title = title()
    return (context or {}) | {"parts": parts, "document_title": document_title}


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
    return pdf_render(
        template_name,
        _in_languages(languages=languages, part=part, title=title, context=context),
        language=languages[0],
    )


@dataclass(frozen=True)
class PdfDocument:
    """A PDF's HTML, not yet drawn. Its fingerprint names exactly what the PDF would show and
    how it would be drawn: the same fingerprint, the same PDF."""

    html: str

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(f"{_DRAWN_WITH}\n{self.html}".encode()).hexdigest()

    def draw(self) -> bytes:
        return pdf_draw(self.html)


def pdf_document_in_languages(
    template_name: str,
    *,
    languages: Sequence[str],
    part: Callable[[str], str],
    title: Callable[[], str],
    context: dict[str, Any] | None = None,
) -> PdfDocument:
    """What ``pdf_in_languages`` would draw, as HTML, so it can be kept (``pdf_kept``)."""
    return PdfDocument(
        pdf_html(
            template_name,
            _in_languages(languages=languages, part=part, title=title, context=context),
            language=languages[0],
        )
    )


Kept = TypeVar("Kept", bound=KeptPdf)


def _kept_already(kept: Kept | None, fingerprint: str) -> Kept | None:
    """The kept PDF when it was drawn from the same HTML."""
    return kept if kept is not None and kept.pdf and kept.fingerprint == fingerprint else None


def pdf_kept(
    model: type[Kept],
    *,
    of: Mapping[str, models.Model],
    languages: Sequence[str],
    document: PdfDocument,
    filename: str,
) -> Kept:
    """The kept PDF of ``of`` (e.g. ``{"version": version}``) in ``languages``, drawn from
    ``document``: the file already kept when it was drawn from the same HTML; otherwise drawn
    now and kept, replacing the one before (one row, so one file, per document and languages).
    Two requests at once draw it once: the second waits on the first's row lock, then finds the
    file the first kept."""
    manager = model._default_manager
    key: dict[str, Any] = {**of, "languages": "+".join(languages)}
    fingerprint = document.fingerprint
    found = _kept_already(manager.filter(**key).first(), fingerprint)
    if found is not None:
        return found
    with transaction.atomic():
        manager.get_or_create(**key)  # a unique constraint: one row, however many ask at once
        kept = manager.select_for_update().get(**key)
        if _kept_already(kept, fingerprint) is not None:
            return kept  # kept by another request while this one waited for the lock
        replaced = kept.pdf.name if kept.pdf else ""
        kept.pdf.save(filename, ContentFile(document.draw()), save=False)
        kept.fingerprint = fingerprint
        kept.save(update_fields=["pdf", "fingerprint", "made_at"])
        if replaced:
            storage = kept.pdf.storage
            transaction.on_commit(lambda: storage.delete(replaced))
    return kept


def pdf_kept_forget(kept: "models.QuerySet[Kept]") -> None:
    """Delete these kept PDFs (a certificate that no longer exists, say) and, once the
    transaction commits, their files."""
    files = [(each.pdf.storage, each.pdf.name) for each in kept if each.pdf]
    kept.delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)

"""Building a board's report in the background: its figures, then its two accessible PDFs (for
the board, and written for the Children in Care Council), with the progress recorded as it goes.
Whatever happens, the report ends ready or failed, never stuck."""

import logging
import re
from typing import Any

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from childrights.core.disclosure import template_values
from childrights.core.language import ENGLISH_THEN_WELSH, language_code
from childrights.core.pdf import pdf_in_languages
from childrights.councils.models import Nation
from childrights.parenting.models import BoardReport
from childrights.parenting.presenters.report import children_title, report_context, report_title
from childrights.parenting.report.figures import board_figures

logger = logging.getLogger(__name__)

FIGURES_FROM, FIGURES_TO, PDF_FROM, CHILDREN_PDF_FROM = 5, 60, 65, 85


def _progress(report_id: int, status: str, progress: int, **fields: Any) -> None:
    BoardReport.objects.filter(pk=report_id).update(status=status, progress=progress, **fields)


def report_languages(report: BoardReport) -> tuple[str, ...]:
    """English then Welsh for a council in Wales; otherwise the language it was asked in."""
    if report.council.nation == Nation.WALES:
        return ENGLISH_THEN_WELSH
    return (language_code(report.language),)


def pdf_filename(report: BoardReport, *, children: bool = False) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", report.council.short_name).strip("-").lower() or "council"
    kind = "children-in-care-council" if children else "corporate-parenting-report"
    return f"{kind}-{slug}-{report.period_start}-{report.period_end}.pdf"


def report_pdf(report: BoardReport, *, children: bool = False) -> bytes:
    """The report as a tagged PDF, each language a part carrying its ``lang``: the board's
    version, or (``children``) the one written for the Children in Care Council."""
    template = (
        "parenting/report/pdf/children_part.html" if children else "parenting/report/pdf/part.html"
    )

    def part(code: str) -> str:
        context = report_context(report.figures, chart_suffix=f"-{code}", children=children)
        extra = {
            "report": report,
            "title": children_title() if children else report_title(),
            "disclosure": template_values(),
        }
        return render_to_string(template, context | extra)

    def title() -> str:
        name = children_title() if children else report_title()
        return f"{name}: {report.council.name}"

    return pdf_in_languages(
        "parenting/report/pdf/document.html",
        languages=report_languages(report),
        part=part,
        title=title,
    )


@task()
def board_report_build(*, board_report_id: int) -> None:
    """Build a queued report. It ends ready, or failed with a message, never stuck."""
    report = BoardReport.objects.select_related("council").get(pk=board_report_id)
    _progress(board_report_id, BoardReport.Status.RUNNING, FIGURES_FROM)

    def figures_progress(percent: int) -> None:
        share = FIGURES_FROM + (FIGURES_TO - FIGURES_FROM) * percent // 100
        _progress(board_report_id, BoardReport.Status.RUNNING, share)

    with translation.override(report.language):
        failure = _("Something went wrong while building the report. Request it again.")
    try:
        figures = board_figures(
            council=report.council,
            period_start=report.period_start,
            period_end=report.period_end,
            progress=figures_progress,
        )
        _progress(board_report_id, BoardReport.Status.RUNNING, PDF_FROM, figures=figures)
        report.figures = figures
        report.pdf.save(pdf_filename(report), ContentFile(report_pdf(report)), save=False)
        _progress(
            board_report_id, BoardReport.Status.RUNNING, CHILDREN_PDF_FROM, pdf=report.pdf.name
        )
        report.children_pdf.save(
            pdf_filename(report, children=True),
            ContentFile(report_pdf(report, children=True)),
            save=False,
        )
        _progress(
            board_report_id,
            BoardReport.Status.DONE,
            100,
            pdf=report.pdf.name,
            children_pdf=report.children_pdf.name,
            error="",
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("Board report %s could not be built", board_report_id)
        _progress(
            board_report_id,
            BoardReport.Status.FAILED,
            100,
            error=failure,
            finished_at=timezone.now(),
        )

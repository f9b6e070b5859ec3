"""Building a progress report in the background: its figures, then its accessible PDF, with the
progress recorded as it goes. Whatever happens, the report ends ready or failed, never stuck.

Drawing a training certificate in the background once the course is completed, so that its
downloads are served from the kept file (``certificates.certificate_pdf_kept``)."""

import logging
import re
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from childrights.core.disclosure import template_values
from childrights.core.language import ENGLISH_THEN_WELSH, language_code
from childrights.core.pdf import pdf_in_languages
from childrights.councils.models import Nation
from childrights.outcomes.certificates import certificate_pdf_kept
from childrights.outcomes.models import Attendance, Report
from childrights.outcomes.presenters.reports import (
    partner_context,
    programme_context,
    report_title,
)
from childrights.outcomes.reports.figures import partner_figures, programme_figures

logger = logging.getLogger(__name__)

# Share of the progress bar for each stage: the figures, then the PDF.
FIGURES_FROM, FIGURES_TO, PDF_FROM = 5, 70, 75


def _progress(report_id: int, status: str, progress: int, **fields: Any) -> None:
    Report.objects.filter(pk=report_id).update(status=status, progress=progress, **fields)


def report_languages(report: Report) -> tuple[str, ...]:
    """English then Welsh for a council in Wales; otherwise the language it was asked in."""
    if report.council is not None and report.council.nation == Nation.WALES:
        return ENGLISH_THEN_WELSH
    return (language_code(report.language),)


def pdf_filename(report: Report) -> str:
    name = report.council.short_name if report.council else "programme"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "council"
    return f"progress-report-{slug}-{report.period_start}-{report.period_end}.pdf"


def report_pdf(report: Report) -> bytes:
    """The report's figures as a tagged PDF, each language a part carrying its ``lang``."""

    def part(code: str) -> str:
        suffix = f"-{code}"
        if report.kind == Report.Kind.PROGRAMME:
            context = programme_context(report.figures, chart_suffix=suffix)
            template = "outcomes/reports/pdf/programme_part.html"
        else:
            context = partner_context(report.figures, chart_suffix=suffix)
            template = "outcomes/reports/pdf/partner_part.html"
        # Drawn without a request, so without the context processors: the figures' sentences
        # about disclosure control are given its numbers here.
        extra = {"report": report, "title": report_title(report), "disclosure": template_values()}
        return render_to_string(template, context | extra)

    def title() -> str:
        title = report_title(report)
        return f"{title}: {report.council.name}" if report.council is not None else title

    return pdf_in_languages(
        "outcomes/reports/pdf/document.html",
        languages=report_languages(report),
        part=part,
        title=title,
        context={"landscape": report.kind == "programme"},
    )


@task()
def report_build(*, report_id: int) -> None:
    """Build a queued report. It ends ready, or failed with a message, never stuck."""
    report = Report.objects.select_related("council").get(pk=report_id)
    _progress(report_id, Report.Status.RUNNING, FIGURES_FROM)

    def figures_progress(percent: int) -> None:
        share = FIGURES_FROM + (FIGURES_TO - FIGURES_FROM) * percent // 100
        _progress(report_id, Report.Status.RUNNING, share)

    with translation.override(report.language):
        failure = _("Something went wrong while building the report. Request it again.")
    try:
        if report.kind == Report.Kind.PROGRAMME:
            figures = programme_figures(
                period_start=report.period_start,
                period_end=report.period_end,
                progress=figures_progress,
            )
        elif report.council is None:
            raise ValueError("A partner report without a council")
        else:
            figures = partner_figures(
                council=report.council,
                period_start=report.period_start,
                period_end=report.period_end,
                progress=figures_progress,
            )
        _progress(report_id, Report.Status.RUNNING, PDF_FROM, figures=figures)
        report.figures = figures
        pdf = report_pdf(report)
        report.pdf.save(pdf_filename(report), ContentFile(pdf), save=False)
        _progress(
            report_id,
            Report.Status.DONE,
            100,
            pdf=report.pdf.name,
            error="",
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("Report %s could not be built", report_id)
        _progress(report_id, Report.Status.FAILED, 100, error=failure, finished_at=timezone.now())


@task()
def certificate_pdf_build(*, attendance_id: int, language: str) -> None:
    """Draw and keep the attendance's certificate (nothing to do when it is already kept as it
    is now, or the attendance is gone or no longer completed). Should this fail, the first
    download draws it instead."""
    attendance = (
        Attendance.objects.select_related("session__course__council", "trainee")
        .filter(pk=attendance_id, status=Attendance.Status.COMPLETED)
        .exclude(certificate_code=None)
        .first()
    )
    if attendance is None:
        return
    with translation.override(language):
        certificate_pdf_kept(attendance, language=language)


def certificate_pdf_queue(attendance: Attendance) -> None:
    """Once the transaction commits, have the certificate drawn in the background: English then
    Welsh for a council in Wales, otherwise in the active language. A queue that cannot be
    reached loses nothing: the first download draws it."""
    attendance_id, language = attendance.pk, language_code()

    def enqueue() -> None:
        try:
            certificate_pdf_build.enqueue(attendance_id=attendance_id, language=language)
        except Exception:
            logger.exception("The certificate of attendance %s could not be queued", attendance_id)

    transaction.on_commit(enqueue)

"""Completion certificates: one page naming the person, the course, when they completed it, until
when it counts, the council and the certificate number, as a tagged PDF.

A certificate is in the language asked for; for a council in Wales it holds the English and then
the Welsh, each part in an element carrying its ``lang``.

Downloads are served from the certificate kept for the attendance (``certificate_pdf_kept``):
drawn in the background when the course is completed (``tasks.certificate_pdf_build``), or by
the first download, and drawn again only when something it shows has changed (the person's
name, the course's title, the dates).
"""

import re
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.language import ENGLISH_THEN_WELSH, field_text, language_code
from childrights.core.models import AuditEvent
from childrights.core.pdf import PdfDocument, pdf_document_in_languages, pdf_in_languages, pdf_kept
from childrights.councils.models import Nation
from childrights.outcomes.models import Attendance, CertificatePdf


def certificate_context(attendance: Attendance) -> dict[str, Any]:
    """What one language's part shows, in the active language: the course's title is marked
    when it is the English shown because there is no Welsh."""
    title = field_text(attendance.session.course, "title")
    return {
        "attendance": attendance,
        "trainee": attendance.trainee,
        "council": attendance.session.course.council,
        "course_title": title.text,
        "course_title_lang": title.lang,
    }


def document_title(attendance: Attendance) -> str:
    return _("Certificate %(number)s: %(name)s") % {
        "number": attendance.certificate_code,
        "name": attendance.trainee.name,
    }


def certificate_languages(
    attendance: Attendance, *, language: str | None = None
) -> tuple[str, ...]:
    """English then Welsh for a council in Wales, otherwise ``language`` (the active language
    when not given). Only a completed attendance has a certificate."""
    if attendance.status != Attendance.Status.COMPLETED or not attendance.certificate_code:
        raise ValueError("Only a completed attendance has a certificate")
    if attendance.session.course.council.nation == Nation.WALES:
        return ENGLISH_THEN_WELSH
    return (language_code(language),)


def _part(attendance: Attendance) -> str:
    return render_to_string(
        "outcomes/training/certificate_part.html", certificate_context(attendance)
    )


def certificate_pdf(attendance: Attendance, *, language: str | None = None) -> bytes:
    """A completed attendance's certificate as a tagged PDF, drawn now."""
    return pdf_in_languages(
        "outcomes/training/certificate.html",
        languages=certificate_languages(attendance, language=language),
        part=lambda code: _part(attendance),
        title=lambda: document_title(attendance),
    )


def certificate_pdf_document(attendance: Attendance, *, language: str | None = None) -> PdfDocument:
    """What ``certificate_pdf`` would draw, not yet drawn."""
    return pdf_document_in_languages(
        "outcomes/training/certificate.html",
        languages=certificate_languages(attendance, language=language),
        part=lambda code: _part(attendance),
        title=lambda: document_title(attendance),
    )


def certificate_pdf_kept(attendance: Attendance, *, language: str | None = None) -> CertificatePdf:
    """The certificate as kept, drawn now only if none is kept of what it shows today."""
    return pdf_kept(
        CertificatePdf,
        of={"attendance": attendance},
        languages=certificate_languages(attendance, language=language),
        document=certificate_pdf_document(attendance, language=language),
        filename=certificate_filename(attendance),
    )


def certificate_filename(attendance: Attendance) -> str:
    code = re.sub(r"[^A-Za-z0-9-]+", "", attendance.certificate_code or "")
    return f"certificate-{code or attendance.pk}.pdf"


def certificate_pdf_export(*, actor: Actor, attendance: Attendance) -> CertificatePdf:
    """A member of the council downloads a certificate: recorded in the audit log."""
    kept = certificate_pdf_kept(attendance)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        obj=attendance,
        council=attendance.session.course.council,
        detail={"export": "training certificate", "certificate": attendance.certificate_code},
    )
    return kept

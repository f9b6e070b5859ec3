"""Completion certificates: one page naming the person, the course, when they completed it, until
when it counts, the council and the certificate number, as a tagged PDF.

A certificate is in the language asked for; for a council in Wales it holds the English and then
the Welsh, each part in an element carrying its ``lang``.
"""

import re
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.pdf import pdf_render
from childrights.councils.models import Nation
from childrights.outcomes.models import Attendance

BILINGUAL_PARTS = ("en-gb", "cy")


def _course_title(attendance: Attendance, code: str) -> tuple[str, str]:
    """The course's title in the part's language, and the ``lang`` to mark it with when it is
    the English shown because there is no Welsh."""
    course = attendance.session.course
    if code == "cy":
        return (course.title_cy, "") if course.title_cy else (course.title_en, "en")
    return course.title_en, ""


def certificate_context(attendance: Attendance, code: str) -> dict[str, Any]:
    title, title_lang = _course_title(attendance, code)
    return {
        "attendance": attendance,
        "trainee": attendance.trainee,
        "council": attendance.session.course.council,
        "course_title": title,
        "course_title_lang": title_lang,
    }


def document_title(attendance: Attendance) -> str:
    return _("Certificate %(number)s: %(name)s") % {
        "number": attendance.certificate_code,
        "name": attendance.trainee.name,
    }


def certificate_pdf(attendance: Attendance, *, language: str | None = None) -> bytes:
    """A completed attendance's certificate as a tagged PDF."""
    if attendance.status != Attendance.Status.COMPLETED or not attendance.certificate_code:
        raise ValueError("Only a completed attendance has a certificate")
    language = language or get_language() or "en-gb"
    language = "cy" if language.startswith("cy") else "en-gb"
    council = attendance.session.course.council
    codes = BILINGUAL_PARTS if council.nation == Nation.WALES else (language,)
    parts = []
    for code in codes:
        with translation.override(code):
            html = render_to_string(
                "outcomes/training/certificate_part.html", certificate_context(attendance, code)
            )
        parts.append({"lang": "cy" if code == "cy" else "en", "html": SafeString(html)})
    with translation.override(codes[0]):
        title = document_title(attendance)
    return pdf_render(
        "outcomes/training/certificate.html",
        {"parts": parts, "document_title": title},
        language=codes[0],
    )


def certificate_filename(attendance: Attendance) -> str:
    code = re.sub(r"[^A-Za-z0-9-]+", "", attendance.certificate_code or "")
    return f"certificate-{code or attendance.pk}.pdf"


def certificate_pdf_export(*, request: HttpRequest, attendance: Attendance) -> bytes:
    """A member of the council downloads a certificate: recorded in the audit log."""
    pdf = certificate_pdf(attendance)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        obj=attendance,
        council=attendance.session.course.council,
        detail={"export": "training certificate", "certificate": attendance.certificate_code},
    )
    return pdf

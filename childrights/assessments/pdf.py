"""A version of an assessment laid out for people to read: the public page and the PDF.

``version_context`` gathers what they show in the active language: the version's details, who
signed it off, its summary for children and its answers stage by stage (from
``presenters.stages``); ``version_pdf`` draws it as a tagged PDF. Where the council works in Welsh
(a council in Wales, or a bilingual template), the PDF holds the English version and then the
Welsh version, each part in an element carrying its ``lang``.

Downloads are served from the PDF kept for the version (``version_pdf_kept``): drawn in the
background when the version is published (``tasks.version_pdf_build``), or by the first download,
and drawn again only when something it shows has changed (a completed review, a new review date,
a name).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from childrights.accounts.models import Membership
from childrights.assessments.models import Assessment, AssessmentVersion, VersionPdf
from childrights.assessments.presenters.stages import completed_review, version_stages
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.language import (
    ENGLISH_THEN_WELSH,
    Text,
    field_text,
    language_code,
    pair_text,
    plain_lang,
)
from childrights.core.models import AuditEvent
from childrights.core.pdf import PdfDocument, pdf_document_in_languages, pdf_in_languages, pdf_kept
from childrights.councils.models import Nation


def version_status(version: AssessmentVersion) -> str:
    if version.published_at:
        return str(Assessment.State.PUBLISHED.label)
    if version.signed_off_at:
        return str(Assessment.State.SIGNED_OFF.label)
    if version.submitted_at:
        return str(Assessment.State.AWAITING_SIGN_OFF.label)
    return str(Assessment.State.DRAFT.label)


@dataclass(frozen=True)
class Signer:
    name: str
    role: Text


def signer(version: AssessmentVersion) -> Signer | None:
    """Who signed the version off: their name and their role in the council (never email)."""
    person = version.signed_off_by
    if person is None:
        return None
    memberships = list(
        Membership.objects.filter(user=person, council_id=version.assessment.council_id)
        .select_related("role")
        .order_by("role__position")
    )
    chosen = next(
        (each for each in memberships if each.role.grants("sign_off")),
        memberships[0] if memberships else None,
    )
    role = field_text(chosen.role, "name") if chosen else Text("")
    return Signer(name=person.full_name or _("A council officer"), role=role)


def summary_for_children(version: AssessmentVersion) -> Text:
    """The summary in the page's language; the other language, marked, where it has none (the
    Welsh summary is optional outside Wales)."""
    return pair_text({"en": version.summary_for_children_en, "cy": version.summary_for_children_cy})


def document_title(version: AssessmentVersion) -> str:
    assessment = version.assessment
    return _("%(reference)s: %(title)s (version %(number)s)") % {
        "reference": assessment.reference,
        "title": assessment.title,
        "number": version.number,
    }


def version_context(version: AssessmentVersion) -> dict[str, Any]:
    """Everything a version's page or PDF shows, in the active language."""
    assessment = version.assessment
    review = completed_review(assessment)
    return {
        "assessment": assessment,
        "council": assessment.council,
        "version": version,
        "document_title": document_title(version),
        "plain_lang": plain_lang(),
        "status": version_status(version),
        "is_draft": version.signed_off_at is None,
        "signer": signer(version),
        "summary": summary_for_children(version),
        "stages": version_stages(version),
        "review": review[0] if review else None,
        "review_stage": review[1] if review else None,
        "review_by": (
            review[0].completed_by.full_name if review and review[0].completed_by else ""
        ),
    }


def is_bilingual(assessment: Assessment) -> bool:
    """The council works in Welsh: a council in Wales, or a bilingual template."""
    return assessment.council.nation == Nation.WALES or assessment.template.bilingual


def pdf_filename(version: AssessmentVersion) -> str:
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", version.assessment.reference).strip("-")
    return f"{reference or 'assessment'}-v{version.number}.pdf"


def version_pdf_languages(
    version: AssessmentVersion, *, language: str | None = None
) -> tuple[str, ...]:
    """English then Welsh where the council works in Welsh, otherwise ``language`` (the active
    language when not given)."""
    if is_bilingual(version.assessment):
        return ENGLISH_THEN_WELSH
    return (language_code(language),)


def _part(version: AssessmentVersion) -> str:
    return render_to_string("assessments/pdf/part.html", version_context(version))


def version_pdf(version: AssessmentVersion, *, language: str | None = None) -> bytes:
    """The version as a tagged PDF, drawn now: English then Welsh where the council works in
    Welsh, otherwise in ``language`` (the active language when not given)."""
    return pdf_in_languages(
        "assessments/pdf/version.html",
        languages=version_pdf_languages(version, language=language),
        part=lambda code: _part(version),
        title=lambda: document_title(version),
    )


def version_pdf_document(version: AssessmentVersion, *, language: str | None = None) -> PdfDocument:
    """What ``version_pdf`` would draw, not yet drawn."""
    return pdf_document_in_languages(
        "assessments/pdf/version.html",
        languages=version_pdf_languages(version, language=language),
        part=lambda code: _part(version),
        title=lambda: document_title(version),
    )


def version_pdf_kept(version: AssessmentVersion, *, language: str | None = None) -> VersionPdf:
    """The version's PDF as kept, drawn now only if none is kept of what it shows today."""
    return pdf_kept(
        VersionPdf,
        of={"version": version},
        languages=version_pdf_languages(version, language=language),
        document=version_pdf_document(version, language=language),
        filename=pdf_filename(version),
    )


def version_pdf_export(*, actor: Actor, version: AssessmentVersion) -> VersionPdf:
    """A member of the council downloads a version's PDF (drafts too): recorded in the audit
    log."""
    kept = version_pdf_kept(version)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        obj=version.assessment,
        detail={"export": "assessment PDF", "version": version.number},
    )
    return kept

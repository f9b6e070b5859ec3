"""Drawing a version's PDF in the background once it is published, so that downloads are served
from the kept file (``pdf.version_pdf_kept``) rather than drawn while someone waits."""

import logging

from django.db import transaction
from django.utils import translation
from django_tasks import task

from childrights.assessments.models import AssessmentVersion
from childrights.assessments.pdf import version_pdf_kept
from childrights.core.language import language_code

logger = logging.getLogger(__name__)


@task()
def version_pdf_build(*, version_id: int, language: str) -> None:
    """Draw and keep the version's PDF (nothing to do when it is already kept as it is now, or
    the version is gone). Should this fail, the first download draws it instead."""
    version = (
        AssessmentVersion.objects.select_related(
            "assessment__council", "assessment__template", "signed_off_by"
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        return
    with translation.override(language):
        version_pdf_kept(version, language=language)


def version_pdf_queue(version: AssessmentVersion) -> None:
    """Once the transaction commits, have the version's PDF drawn in the background: English then
    Welsh where the council works in Welsh, otherwise in the active language. A queue that cannot
    be reached loses nothing: the first download draws it."""
    version_id, language = version.pk, language_code()

    def enqueue() -> None:
        try:
            version_pdf_build.enqueue(version_id=version_id, language=language)
        except Exception:
            logger.exception("The PDF of assessment version %s could not be queued", version_id)

    transaction.on_commit(enqueue)

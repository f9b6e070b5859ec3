"""What other apps read of a council's impact assessments and commissioning projects, for their
reports and evidence: how many were first signed off or first published between two moments, and
records named by id.

A progress report (``outcomes.reports``) counts these; it reads them here rather than from the
assessments' tables, so what counts as completed or published stays with assessments: an
assessment counts once, in the period its first version was signed off (or published), however
many versions follow. Moments are half-open: ``since`` is counted, ``before`` is not.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Min

from childrights.assessments.models import Assessment, Project
from childrights.councils.models import Council


def assessments_first_signed_off(
    *, council: Council, since: datetime.datetime, before: datetime.datetime
) -> int:
    """The council's assessments whose first version was signed off between two moments."""
    return (
        Assessment.objects.filter(council=council)
        .annotate(first_signed=Min("versions__signed_off_at"))
        .filter(first_signed__gte=since, first_signed__lt=before)
        .count()
    )


def assessments_first_published(
    *, council: Council, since: datetime.datetime, before: datetime.datetime
) -> int:
    """The council's assessments whose first version was published between two moments."""
    return (
        Assessment.objects.filter(council=council)
        .annotate(first_published=Min("versions__published_at"))
        .filter(first_published__gte=since, first_published__lt=before)
        .count()
    )


def assessment_titles(*, council: Council, ids: Iterable[int]) -> dict[int, str]:
    """The title of each of ``ids`` that is one of the council's assessments."""
    rows = Assessment.objects.filter(council=council, pk__in=ids)
    return {pk: str(title) for pk, title in rows.values_list("pk", "title")}


def project_titles(*, council: Council, ids: Iterable[int]) -> dict[int, str]:
    """The title of each of ``ids`` that is one of the council's commissioning projects."""
    rows = Project.objects.filter(council=council, pk__in=ids)
    return {pk: str(title) for pk, title in rows.values_list("pk", "title")}

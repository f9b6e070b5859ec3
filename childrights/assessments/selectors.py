"""Reads of a council's assessments and commissioning projects, through its tenancy."""

from django.db.models import QuerySet
from django.http import HttpRequest

from childrights.assessments.models import Assessment, AssessmentVersion, DecisionRecord, Project
from childrights.core.tenancy import get_owned_or_404


def assessment_or_404(
    *, request: HttpRequest, assessment_id: int, needs: str | None = None
) -> Assessment:
    """One of the council's assessments, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Assessment.objects.select_related("council", "template", "created_by"),
        request=request,
        needs=needs,
        pk=assessment_id,
    )


def project_or_404(*, request: HttpRequest, project_id: int, needs: str | None = None) -> Project:
    """One of the council's commissioning projects, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Project.objects.select_related("council"), request=request, needs=needs, pk=project_id
    )


def decision_or_404(
    *, request: HttpRequest, decision_id: int, needs: str | None = None
) -> DecisionRecord:
    """One of the council's decision records, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        DecisionRecord.objects.select_related("council"),
        request=request,
        needs=needs,
        pk=decision_id,
    )


def current_version(assessment: Assessment) -> AssessmentVersion:
    """The newest version (the one being worked on, or the last signed one)."""
    version = assessment.versions.order_by("-number").first()
    if version is None:
        raise AssessmentVersion.DoesNotExist
    return version


def published_version(assessment: Assessment) -> AssessmentVersion | None:
    """The newest version that has been published, which the public sees."""
    return assessment.versions.filter(published_at__isnull=False).order_by("-number").first()


def assessments_of(council_id: int) -> QuerySet[Assessment]:
    return Assessment.objects.filter(council_id=council_id)

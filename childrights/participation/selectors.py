"""Reads of a council's consultations, always through the council's own tenancy.

Children's answers are council data: the national programme team sees them only in councils it
is a member of (``programme_team=False``), like the poverty data.
"""

from django.db.models import QuerySet
from django.http import HttpRequest

from childrights.core.tenancy import get_owned_or_404, scoped
from childrights.councils.models import Council
from childrights.participation.models import AccessCode, Consultation, Question


def consultations(*, council: Council) -> QuerySet[Consultation]:
    return Consultation.objects.filter(council=council).order_by("-opens_on", "pk")


def consultation_or_404(
    *,
    request: HttpRequest,
    consultation_id: int,
    capability: str | None = None,
    needs: str | None = None,
) -> Consultation:
    """One of the council's consultations, or 404. ``capability``: people whose role lacks it
    are answered as outsiders (404).
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Consultation.objects.select_related("council"),
        request=request,
        capability=capability,
        programme_team=False,
        needs=needs,
        pk=consultation_id,
    )


def question_or_404(
    *, request: HttpRequest, question_id: int, needs: str | None = None
) -> Question:
    """A question of one of the council's consultations, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Question.objects.select_related("consultation__council"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        needs=needs,
        pk=question_id,
    )


def code_or_404(*, request: HttpRequest, code_id: int, needs: str | None = None) -> AccessCode:
    """An access code of one of the council's consultations, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        AccessCode.objects.select_related("consultation__council"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        needs=needs,
        pk=code_id,
    )


def visible(request: HttpRequest) -> QuerySet[Consultation]:
    return scoped(Consultation.objects.all(), request.user, programme_team=False)

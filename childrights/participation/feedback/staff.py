"""Reads for the staff pages of you said, we did: one theme or commitment of the signed-in
person's council (or 404), a consultation's themes and commitments, and how many are not yet
published.
"""

from django.db.models import QuerySet
from django.http import HttpRequest

from childrights.core.tenancy import get_owned_or_404
from childrights.participation.models import Commitment, Consultation, FeedbackTheme


def theme_or_404(*, request: HttpRequest, theme_id: int, needs: str | None = None) -> FeedbackTheme:
    """A theme of one of the council's consultations, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        FeedbackTheme.objects.select_related("consultation__council"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        needs=needs,
        pk=theme_id,
    )


def commitment_or_404(
    *, request: HttpRequest, commitment_id: int, needs: str | None = None
) -> Commitment:
    """A commitment of one of the council's consultations, or 404.
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Commitment.objects.select_related("consultation__council", "theme"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        needs=needs,
        pk=commitment_id,
    )


def themes(*, consultation: Consultation) -> QuerySet[FeedbackTheme]:
    return consultation.themes.order_by("position", "pk")


def commitments(*, consultation: Consultation) -> QuerySet[Commitment]:
    return (
        consultation.commitments.select_related("theme").prefetch_related("updates").order_by("pk")
    )


def unpublished_count(*, consultation: Consultation) -> int:
    return (
        consultation.themes.filter(published_at__isnull=True).count()
        + consultation.commitments.filter(published_at__isnull=True).count()
    )

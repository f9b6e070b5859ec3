"""What the public page of you said, we did shows: only published themes and commitments (each
commitment's updates public with it), each status in words and a GOV.UK tag colour, counts
rounded, headline results once children can no longer answer, and no quotes from groups too small
to show (``core.disclosure``).
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from childrights.core.disclosure import may_show, round_count
from childrights.participation import moderation, results, tallies
from childrights.participation.feedback.dates import reply_due
from childrights.participation.feedback.rules import NOT_DOING
from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
)
from childrights.participation.themes.reads import quotes_by_you_said

# How each status is shown to children: words and GOV.UK tag colour.
STATUS_TAGS: dict[str, tuple[Any, str]] = {
    Commitment.Status.PLANNED: (gettext_lazy("We plan to do this"), "govuk-tag--blue"),
    Commitment.Status.IN_PROGRESS: (gettext_lazy("We are doing this"), "govuk-tag--light-blue"),
    Commitment.Status.DONE: (gettext_lazy("Done"), "govuk-tag--green"),
    Commitment.Status.NOT_DOING: (gettext_lazy("We are not doing this"), "govuk-tag--orange"),
}


def public_consultation_or_404(*, link_key: str) -> Consultation:
    """A consultation children have seen (any status but draft), by its public link."""
    found = (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(link_key=link_key)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _published_themes() -> QuerySet[FeedbackTheme]:
    return FeedbackTheme.objects.filter(published_at__isnull=False).exclude(
        consultation__status=Consultation.Status.DRAFT
    )


def _published_commitments() -> QuerySet[Commitment]:
    return Commitment.objects.filter(published_at__isnull=False).exclude(
        consultation__status=Consultation.Status.DRAFT
    )


def published_themes(*, consultation: Consultation) -> QuerySet[FeedbackTheme]:
    return _published_themes().filter(consultation=consultation).order_by("position", "pk")


def published_commitments(*, consultation: Consultation) -> QuerySet[Commitment]:
    """Published commitments, each with its updates newest first (every update is public once
    its commitment is)."""
    return (
        _published_commitments()
        .filter(consultation=consultation)
        .select_related("theme")
        .prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-made_on", "-pk"))
        )
        .order_by("pk")
    )


def all_published_themes() -> QuerySet[FeedbackTheme]:
    """Every consultation's published themes (the open data), newest first."""
    return (
        _published_themes().select_related("consultation__council").order_by("-published_at", "-pk")
    )


def all_published_commitments() -> QuerySet[Commitment]:
    """Every consultation's published commitments (the open data), newest first, each with its
    updates newest first."""
    return (
        _published_commitments()
        .select_related("consultation__council", "theme")
        .prefetch_related(
            Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("-made_on", "-pk"))
        )
        .order_by("-published_at", "-pk")
    )


def took_part(consultation: Consultation, counts: tallies.Counts | None = None) -> int | None:
    """How many children answered, as the public page shows it: rounded, or None when too few
    to show."""
    respondents = (counts or tallies.counts(consultation)).respondents
    return round_count(respondents) if may_show(respondents) else None


def with_published_feedback() -> QuerySet[Consultation]:
    """Consultations whose answer back to children is public, most recently closed first.
    Asked as "exists" of each consultation, not by joining its themes and commitments and
    removing the repeats: at national size that join sorted every consultation's rows on disk
    (380 ms) to give the first page."""
    published_theme = FeedbackTheme.objects.filter(
        consultation=OuterRef("pk"), published_at__isnull=False
    )
    published_commitment = Commitment.objects.filter(
        consultation=OuterRef("pk"), published_at__isnull=False
    )
    return (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(Exists(published_theme) | Exists(published_commitment))
        .order_by("-closes_on", "-pk")
    )


@dataclass(frozen=True)
class StatusTag:
    label: str
    css: str


def status_tag(status: str) -> StatusTag:
    label, css = STATUS_TAGS[status]
    return StatusTag(label=str(label), css=css)


@dataclass(frozen=True)
class PublicCommitment:
    commitment: Commitment
    tag: StatusTag
    updates: list[CommitmentUpdate]
    not_doing: bool


@dataclass(frozen=True)
class PublicTheme:
    """A published "you said" theme, with the approved quotes (redacted) of the written answers
    staff placed under it through a reviewed theme (``participation.themes``)."""

    theme: FeedbackTheme
    quotes: list[str]


@dataclass(frozen=True)
class PublicFeedback:
    """What the public page shows: only published things, counts rounded, no quotes from
    groups too small to show. Each quote is shown once: under its theme, or else in
    ``quotes``."""

    consultation: Consultation
    themes: list[PublicTheme]
    commitments: list[PublicCommitment]
    quotes: list[str]
    tables: list[results.ProtectedTable]  # headline results, disclosure-controlled
    took_part: int | None  # rounded; None when too few to show
    reply_due: datetime.date | None
    closed: bool

    @property
    def published(self) -> bool:
        return bool(self.themes or self.commitments)


def results_may_be_shown(consultation: Consultation) -> bool:
    """Whether the consultation has closed (or its closing date has passed), so its results may
    be shown outside the council: running results are not, while children can still answer,
    since they could sway them (and, read again and again, show one child's answers)."""
    return (
        consultation.status == Consultation.Status.CLOSED
        or consultation.closes_on < timezone.localdate()
    )


def public_feedback(*, consultation: Consultation) -> PublicFeedback:
    counts = tallies.counts(consultation)
    respondents = counts.respondents
    enough = may_show(respondents)
    closed = results_may_be_shown(consultation)
    themes = list(published_themes(consultation=consultation))
    under = quotes_by_you_said(consultation=consultation) if enough else {}
    public_themes = [PublicTheme(theme=theme, quotes=under.get(theme.pk, [])) for theme in themes]
    return PublicFeedback(
        consultation=consultation,
        themes=public_themes,
        commitments=[
            PublicCommitment(
                commitment=commitment,
                tag=status_tag(commitment.status),
                updates=list(commitment.updates.all()),
                not_doing=commitment.status == NOT_DOING,
            )
            for commitment in published_commitments(consultation=consultation)
        ],
        quotes=_other_quotes(consultation, public_themes) if enough else [],
        tables=results.protected_tables(consultation, counts=counts) if closed else [],
        took_part=took_part(consultation, counts),
        reply_due=reply_due(consultation),
        closed=closed,
    )


def _other_quotes(consultation: Consultation, themes: list[PublicTheme]) -> list[str]:
    """Approved quotes, only ever in their redacted form, but for those already shown under a
    theme (the quotes under themes are some of these, so each is taken out once)."""
    shown = Counter(quote for theme in themes for quote in theme.quotes)
    others = []
    for quote in moderation.approved_quotes(consultation):
        if shown[quote.redacted]:
            shown[quote.redacted] -= 1
        else:
            others.append(quote.redacted)
    return others

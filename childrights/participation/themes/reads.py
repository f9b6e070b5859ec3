"""Reads of themes: one run, theme or placed answer of the person's council (or 404), a
consultation's latest runs, a run's themes with their answers, the counts the results page
shows (reviewed themes only, under disclosure control) and the quotes "you said, we did" shows
under each of its themes (approved, redacted quotes only).

Every read leaves out answers held for the safeguarding lead or withdrawn since the run, and
comments held for the safeguarding leads since the run.

The runs of another source (the comments on a council's SEND local offer) are read by council
and source: ``source_theme_or_404``, ``latest_source_run`` and ``current_source_run``.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext

from childrights.core.disclosure import protect_counts
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.participation.models import (
    Consultation,
    FeedbackTheme,
    Quote,
    Theme,
    ThemeAnswer,
    ThemeRun,
)

# Answers that may still be read beyond the safeguarding lead.
READABLE = Q(answer__response__flagged=False, answer__response__withdrawn_at__isnull=True)


def readable(run: ThemeRun, through: str = "") -> Q:
    """The placed words of ``run`` that may still be read (``through``: the path to the placed
    row, such as ``answers__`` from a theme)."""
    if run.consultation_id is None:
        return Q(**{f"{through}comment__held": False})
    return Q(
        **{
            f"{through}answer__response__flagged": False,
            f"{through}answer__response__withdrawn_at__isnull": True,
        }
    )


def text_path(run: ThemeRun) -> str:
    """The path from a placed row to its words."""
    return "answer__text" if run.consultation_id is not None else "comment__text"


def run_or_404(*, request: HttpRequest, run_id: int, needs: str | None = None) -> ThemeRun:
    return get_owned_or_404(
        ThemeRun.objects.select_related("consultation__council"),
        request=request,
        council_path="consultation__council",
        programme_team=False,
        needs=needs,
        pk=run_id,
    )


def theme_or_404(*, request: HttpRequest, theme_id: int, needs: str | None = None) -> Theme:
    return get_owned_or_404(
        Theme.objects.select_related("run__consultation__council", "you_said"),
        request=request,
        council_path="run__consultation__council",
        programme_team=False,
        needs=needs,
        pk=theme_id,
    )


def placed_answer_or_404(
    *, request: HttpRequest, placed_id: int, needs: str | None = None
) -> ThemeAnswer:
    return get_owned_or_404(
        ThemeAnswer.objects.filter(READABLE).select_related(
            "answer", "theme", "run__consultation__council"
        ),
        request=request,
        council_path="run__consultation__council",
        programme_team=False,
        needs=needs,
        pk=placed_id,
    )


def source_theme_or_404(
    *, request: HttpRequest, council_id: int, source: str, theme_id: int, needs: str | None = None
) -> Theme:
    """A theme of a run of the council's words of ``source``."""
    return get_owned_or_404(
        Theme.objects.filter(run__source=source).select_related("run__source_council"),
        request=request,
        council_path="run__source_council",
        programme_team=False,
        needs=needs,
        pk=theme_id,
        run__source_council_id=council_id,
    )


def latest_source_run(*, council: Council, source: str) -> ThemeRun | None:
    """The newest run of the council's words of ``source``, whatever its state."""
    return ThemeRun.objects.filter(source_council=council, source=source).order_by("-pk").first()


def current_source_run(*, council: Council, source: str) -> ThemeRun | None:
    """The newest finished run of the council's words of ``source``."""
    return (
        ThemeRun.objects.filter(source_council=council, source=source, status=ThemeRun.Status.DONE)
        .order_by("-pk")
        .first()
    )


def latest_run(*, consultation: Consultation) -> ThemeRun | None:
    """The newest run, whatever its state (for its progress)."""
    return ThemeRun.objects.filter(consultation=consultation).order_by("-pk").first()


def current_run(*, consultation: Consultation) -> ThemeRun | None:
    """The newest finished run: the themes staff work on and the pages show."""
    return (
        ThemeRun.objects.filter(consultation=consultation, status=ThemeRun.Status.DONE)
        .order_by("-pk")
        .first()
    )


def themes_of(*, run: ThemeRun) -> QuerySet[Theme]:
    """The run's themes, each with ``size``: its answers (or comments) that may still be
    read."""
    return (
        Theme.objects.filter(run=run)
        .annotate(size=Count("answers", filter=readable(run, "answers__")))
        .select_related("you_said", "reviewed_by")
        .order_by("position", "pk")
    )


def answers_of(*, theme: Theme) -> QuerySet[ThemeAnswer]:
    """The theme's answers (or comments), most typical first."""
    placed = ThemeAnswer.objects.filter(readable(theme.run), theme=theme)
    if theme.run.consultation_id is None:
        placed = placed.select_related("comment__service")
    else:
        placed = placed.select_related("answer__question")
    return placed.order_by("-typicality", "pk")


def theme_names_by_answer(*, consultation: Consultation) -> dict[int, str]:
    """The name of the theme each written answer sits in, in the current run (answers that may
    still be read only): for the staff export."""
    run = current_run(consultation=consultation)
    if run is None:
        return {}
    return dict(
        ThemeAnswer.objects.filter(READABLE, run=run).values_list("answer_id", "theme__name")
    )


def examples_of(*, theme: Theme, count: int = 3, looked_at: int = 50) -> list[ThemeAnswer]:
    """The theme's most typical answers (or comments), each wording once (children often write
    the same)."""
    chosen: list[ThemeAnswer] = []
    seen: set[str] = set()
    for placed in answers_of(theme=theme)[:looked_at]:
        wording = " ".join(placed.text.lower().split())
        if wording not in seen:
            seen.add(wording)
            chosen.append(placed)
            if len(chosen) == count:
                break
    return chosen


@dataclass(frozen=True)
class ThemeCard:
    """One theme as the staff pages show it: its readable answers' count and its examples."""

    theme: Theme
    size: int
    examples: list[ThemeAnswer]


def theme_cards(*, run: ThemeRun | None, examples: int = 3) -> list[ThemeCard]:
    if run is None:
        return []
    return [
        ThemeCard(
            theme=theme,
            size=int(theme.size),  # type: ignore[attr-defined]
            examples=examples_of(theme=theme, count=examples),
        )
        for theme in themes_of(run=run)
    ]


@dataclass(frozen=True)
class ThemeCount:
    name: str
    count: int | None  # rounded; None: too few to show


def reviewed_counts(*, consultation: Consultation) -> list[ThemeCount]:
    """How many children wrote in each reviewed theme of the current run (a child who wrote
    about it in two answers counts once), as the results page shows them: small counts hidden
    (and enough others that they cannot be worked out) under one "Other themes", the rest
    rounded."""
    run = current_run(consultation=consultation)
    if run is None:
        return []
    themes = list(
        Theme.objects.filter(run=run, reviewed_at__isnull=False)
        .annotate(
            children=Count(
                "answers__answer__response", distinct=True, filter=readable(run, "answers__")
            )
        )
        .order_by("position", "pk")
    )
    protected = protect_counts({t.pk: int(t.children) for t in themes})
    shown = [
        ThemeCount(name=t.name, count=protected[t.pk])
        for t in themes
        if protected[t.pk] is not None
    ]
    if len(shown) < len(themes):
        # The names of themes too small to count are not shown either: they are children's
        # words, and a small theme's may be one child's.
        shown.append(ThemeCount(name=gettext("Other themes"), count=None))
    return shown


def quotes_by_you_said(*, consultation: Consultation) -> dict[int, list[str]]:
    """For each "you said" theme of the consultation, the approved quotes (redacted text only)
    whose answers sit in a reviewed theme of the current run placed under it."""
    run = current_run(consultation=consultation)
    if run is None:
        return {}
    placed = dict(
        ThemeAnswer.objects.filter(
            READABLE,
            run=run,
            theme__reviewed_at__isnull=False,
            theme__you_said__isnull=False,
        ).values_list("answer_id", "theme__you_said_id")
    )
    quotes: dict[int, list[str]] = defaultdict(list)
    for quote in (
        Quote.objects.filter(
            consultation=consultation,
            status=Quote.Status.APPROVED,
            answer_id__in=list(placed),
            answer__response__withdrawn_at__isnull=True,
            answer__response__flagged=False,
        )
        .exclude(redacted="")
        .order_by("pk")
    ):
        quotes[placed[quote.answer_id]].append(quote.redacted)
    return dict(quotes)


def you_said_choices(*, consultation: Consultation) -> QuerySet[FeedbackTheme]:
    return FeedbackTheme.objects.filter(consultation=consultation).order_by("position", "pk")

"""Consultations and the councils' answers back in the site search (``core.site_search``):
consultations children have seen (never a draft) by their title, in English or Welsh; and
"you said, we did" answers by the consultation's title or the words of a published theme or
commitment (nothing unpublished is searched). Both forgive a small misspelling
(``core.site_search.tolerant``)."""

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.language import pair_text
from childrights.core.presenters import day_text
from childrights.core.site_search import (
    ANSWERS,
    CONSULTATIONS,
    PER_GROUP,
    SearchGroup,
    SearchResult,
    contains_typo_ends,
    query_words,
    tolerant,
)
from childrights.councils.names import council_name
from childrights.participation.feedback.public import with_published_feedback
from childrights.participation.models import Commitment, Consultation, FeedbackTheme


def _all_words(words: list[str], fields: tuple[str, ...]) -> Q:
    condition = Q()
    for word in words:
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return condition


def _label(consultation: Consultation) -> tuple[str, str]:
    text = pair_text({"en": consultation.title_en, "cy": consultation.title_cy})
    return text.text, text.lang


TITLES = ("title_en", "title_cy")
THEME_FIELDS = ("title_en", "title_cy", "summary_en", "summary_cy")
COMMITMENT_FIELDS = ("text_en", "text_cy")


def _texts(rows: Iterable[tuple[str, ...]]) -> list[str]:
    return [text for row in rows for text in row]


def _consultation_words(words: list[str]) -> list[str]:
    """The titles of consultations seen by children that may hold ``words`` put right."""
    return _texts(
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(contains_typo_ends(words, TITLES))
        .values_list(*TITLES)
    )


def _answer_words(words: list[str]) -> list[str]:
    """The published words of the answers back that may hold ``words`` put right."""
    return (
        _texts(
            with_published_feedback()
            .filter(contains_typo_ends(words, TITLES))
            .order_by()
            .values_list(*TITLES)
        )
        + _texts(
            FeedbackTheme.objects.filter(published_at__isnull=False)
            .filter(contains_typo_ends(words, THEME_FIELDS))
            .values_list(*THEME_FIELDS)
        )
        + _texts(
            Commitment.objects.filter(published_at__isnull=False)
            .filter(contains_typo_ends(words, COMMITMENT_FIELDS))
            .values_list(*COMMITMENT_FIELDS)
        )
    )


def _consultations_search(query: str) -> SearchGroup | None:
    words = query_words(query)
    found = (
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(_all_words(words, TITLES))
        .select_related("council")
        .order_by("-closes_on", "-pk")[:PER_GROUP]
    )
    today = timezone.localdate()
    results = []
    for consultation in found:
        label, lang = _label(consultation)
        if consultation.is_accepting(today):
            when = _("You can answer until %(date)s") % {"date": day_text(consultation.closes_on)}
        elif consultation.opens_on > today and consultation.status == Consultation.Status.OPEN:
            when = _("Opens %(date)s") % {"date": day_text(consultation.opens_on)}
        else:
            when = _("Closed")
        results.append(
            SearchResult(
                label=label,
                lang=lang,
                url=reverse("participation:start", args=[consultation.link_key]),
                hint=f"{council_name(consultation.council)}. {when}",
            )
        )
    if not results:
        return None
    return SearchGroup(heading=_("Surveys"), order=CONSULTATIONS, results=results)


def _answers_search(query: str) -> SearchGroup | None:
    words = query_words(query)
    themes = FeedbackTheme.objects.filter(published_at__isnull=False).filter(
        _all_words(words, THEME_FIELDS)
    )
    commitments = Commitment.objects.filter(published_at__isnull=False).filter(
        _all_words(words, COMMITMENT_FIELDS)
    )
    found = list(
        with_published_feedback().filter(
            _all_words(words, TITLES)
            | Q(pk__in=themes.values("consultation_id"))
            | Q(pk__in=commitments.values("consultation_id"))
        )[: PER_GROUP + 1]
    )
    results = []
    for consultation in found[:PER_GROUP]:
        label, lang = _label(consultation)
        results.append(
            SearchResult(
                label=label,
                lang=lang,
                url=reverse("participation:you_said_we_did", args=[consultation.link_key]),
                hint=council_name(consultation.council),
            )
        )
    if not results:
        return None
    more = None
    if len(found) > PER_GROUP:
        more = SearchResult(
            label=_("Every council's answers"), url=reverse("participation:you_said_we_did_index")
        )
    return SearchGroup(heading=_("You said, we did"), order=ANSWERS, results=results, more=more)


consultations_search = tolerant(_consultations_search, _consultation_words)
answers_search = tolerant(_answers_search, _answer_words)

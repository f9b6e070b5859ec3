"""Consultations and the councils' answers back in the site search (``core.site_search``):
consultations children have seen (never a draft) by their title, in English or Welsh; and
"you said, we did" answers by the consultation's title or the words of a published theme or
commitment (nothing unpublished is searched)."""

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
    query_words,
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


def consultations_search(query: str) -> SearchGroup | None:
    words = query_words(query)
    found = (
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(_all_words(words, ("title_en", "title_cy")))
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


def answers_search(query: str) -> SearchGroup | None:
    words = query_words(query)
    themes = FeedbackTheme.objects.filter(published_at__isnull=False).filter(
        _all_words(words, ("title_en", "title_cy", "summary_en", "summary_cy"))
    )
    commitments = Commitment.objects.filter(published_at__isnull=False).filter(
        _all_words(words, ("text_en", "text_cy"))
    )
    found = list(
        with_published_feedback().filter(
            _all_words(words, ("title_en", "title_cy"))
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

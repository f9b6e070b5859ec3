"""Published impact assessments in the site search (``core.site_search``): each assessment's
newest published version whose title or proposal holds every word typed, forgiving a small
misspelling (``core.site_search.tolerant``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.assessments.register import (
    SEARCHED_ANSWER,
    published_matching,
    published_matching_any,
)
from childrights.core.language import plain_lang
from childrights.core.presenters import day_text
from childrights.core.site_search import (
    ASSESSMENTS,
    PER_GROUP,
    SearchGroup,
    SearchResult,
    query_words,
    tolerant,
    typo_ends,
)
from childrights.councils.names import council_name


def _assessments_search(query: str) -> SearchGroup | None:
    found = list(published_matching(words=query_words(query))[:PER_GROUP])
    if not found:
        return None
    results = [
        SearchResult(
            label=version.assessment.title,
            lang=plain_lang(),
            url=reverse(
                "assessments:public_assessment",
                args=[version.assessment.council.gss_code, version.assessment.public_key],
            ),
            hint=_("%(council)s. Published %(date)s")
            % {
                "council": council_name(version.assessment.council),
                "date": day_text(version.published_at),
            },
        )
        for version in found
    ]
    return SearchGroup(
        heading=_("Child rights impact assessments"), order=ASSESSMENTS, results=results
    )


def _known_words(words: list[str]) -> list[str]:
    """The titles and proposals of the published assessments holding the start or the end
    (``typo_ends``) of one of ``words``: where the words meant may be."""
    parts = [part for word in words for part in typo_ends(word)]
    if not parts:
        return []
    near = published_matching_any(words=parts)
    texts: list[str] = []
    for title, answer in near.values_list("assessment__title", f"answers__{SEARCHED_ANSWER}"):
        texts.append(title)
        if isinstance(answer, dict):
            texts.extend(str(text) for text in answer.values())
        elif answer:
            texts.append(str(answer))
    return texts


assessments_search = tolerant(_assessments_search, _known_words)

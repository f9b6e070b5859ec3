"""The rights in the site search (``core.site_search``): UNCRC articles by number ("12",
"article 12", "erthygl 12") or by the words of their title or children's summary, in English or
Welsh, forgiving a small misspelling ("educaton")."""

import re

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.core.language import field_text
from childrights.core.site_search import (
    PER_GROUP,
    RIGHTS,
    SearchGroup,
    SearchResult,
    contains_typo_ends,
    query_words,
    tolerant,
)
from childrights.framework.models import Article

NUMBER = re.compile(r"^(?:article|erthygl)?\s*(\d{1,2})$", re.IGNORECASE)
SEARCHED = ("title_en", "title_cy", "summary_age_14_en", "summary_age_14_cy")


def _known_words(words: list[str]) -> list[str]:
    """The searched texts of the articles that may hold ``words`` put right."""
    found = Article.objects.filter(contains_typo_ends(words, SEARCHED)).values_list(*SEARCHED)
    return [text for row in found for text in row]


def _rights_search(query: str) -> SearchGroup | None:
    number = NUMBER.match(query.strip())
    if number:
        found = Article.objects.filter(number=int(number.group(1)))
    else:
        words = [word for word in query_words(query) if len(word) >= 3]
        if not words:
            return None
        condition = Q()
        for word in words:
            either = Q()
            for name in SEARCHED:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        found = Article.objects.filter(condition)
    results = []
    for article in found.order_by("number")[:PER_GROUP]:
        title = field_text(article, "title")
        results.append(
            SearchResult(
                label=_("Article %(number)s: %(title)s")
                % {"number": article.number, "title": title.text},
                url=reverse("framework:article_detail", args=[article.number]),
            )
        )
    if not results:
        return None
    return SearchGroup(heading=_("Your rights"), order=RIGHTS, results=results)


rights_search = tolerant(_rights_search, _known_words)

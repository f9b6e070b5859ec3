"""The directory's group in the site search (``core.site_search``): published services whose
words hold what was typed, as the finder searches them, forgiving a small misspelling: a word
typed wrong is put right from the words the services hold (``SearchWord``, read by an index)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.core.language import pair_text
from childrights.core.site_search import (
    PER_GROUP,
    SERVICES,
    SearchGroup,
    SearchResult,
    tolerant,
)
from childrights.councils.names import council_name
from childrights.directory.search_text import search_words_near
from childrights.directory.selectors import first_found, services_found


def _services_search(query: str) -> SearchGroup | None:
    # The first by name of at most the first thousand found (as the finder's first page reads
    # them): a word that half a million services hold costs what a rare one does.
    first = first_found(found=services_found(text=query), page=1, per_page=PER_GROUP)
    if not first.services:
        return None
    results = []
    for service in first.services:
        name = pair_text({"en": service.name_en, "cy": service.name_cy})
        results.append(
            SearchResult(
                label=name.text,
                lang=name.lang,
                url=reverse("directory:service", args=[service.pk]),
                hint=council_name(service.council),
            )
        )
    more = None
    if first.total > PER_GROUP:
        more = SearchResult(
            label=_("All the services found"),
            url=reverse("directory:finder") + "?" + urlencode({"q": query}),
        )
    return SearchGroup(heading=_("Services"), order=SERVICES, results=results, more=more)


services_search = tolerant(_services_search, search_words_near)

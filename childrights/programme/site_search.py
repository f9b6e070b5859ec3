"""Councils in the site search (``core.site_search``): by English or Welsh name, a small
misspelling of it or GSS code (``councils.search``), each linking to the council's public page."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.core.site_search import COUNCILS, PER_GROUP, SearchGroup, SearchResult
from childrights.councils.names import council_name
from childrights.councils.search import councils_matching
from childrights.programme.selectors import partner_council_ids
from childrights.programme.templatetags.programme import nation_name


def councils_search(query: str) -> SearchGroup | None:
    found = councils_matching(query)
    if not found:
        return None
    partners = partner_council_ids()
    results = []
    for council in found[:PER_GROUP]:
        facts = [nation_name(council.nation), council.gss_code]
        shown = council_name(council)
        for other in (council.name, council.name_cy):
            if other and other != shown:
                facts.append(other)  # the name it was perhaps found by, in the other language
        if council.pk in partners:
            facts.append(_("Partner council"))
        if council.is_demo:
            facts.append(_("Demonstration"))
        if council.successor_id:
            facts.append(_("No longer exists"))
        results.append(
            SearchResult(
                label=shown,
                url=reverse("programme:council", args=[council.gss_code]),
                hint=", ".join(str(fact) for fact in facts),
            )
        )
    more = None
    if len(found) > PER_GROUP:
        more = SearchResult(
            label=_("All the councils found"),
            url=reverse("programme:find_your_council") + "?" + urlencode({"q": query}),
        )
    return SearchGroup(heading=_("Councils"), order=COUNCILS, results=results, more=more)

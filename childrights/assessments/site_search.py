"""Published impact assessments in the site search (``core.site_search``): each assessment's
newest published version whose title or proposal holds every word typed."""

from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.assessments.register import published_matching
from childrights.core.language import plain_lang
from childrights.core.presenters import day_text
from childrights.core.site_search import (
    ASSESSMENTS,
    PER_GROUP,
    SearchGroup,
    SearchResult,
    query_words,
)
from childrights.councils.names import council_name


def assessments_search(query: str) -> SearchGroup | None:
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

"""Everything public can be found by following links from the home page: a crawl of the public
site (anyone, not signed in), following internal links breadth first, reaches the "you said, we
did" index, every council's page and every published item (open surveys, the councils' answers
back, published impact assessments, services, local offers and pledges, progress summaries)."""

import re
from collections import deque
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from childrights.assessments.models import AssessmentVersion
from childrights.councils.models import Council
from childrights.councils.public_pages import links_for
from childrights.directory.selectors import services_found
from childrights.outcomes.reports.records import published_summary
from childrights.participation.feedback.public import with_published_feedback
from childrights.participation.journey.finding import open_consultations
from childrights.programme.models import Partnership

HREF = re.compile(r'href="([^"]+)"')
# Query parameters that pick a list (a letter of the councils, a council's services) or page
# through it: the rest only filter a list the crawl already reaches.
KEPT_PARAMETERS = {"page", "letter", "council"}
NOT_PAGES = ("/static/", "/media/", "/admin/", "/language/", "/api/")
DOWNLOADS = (".pdf", ".csv", ".json", ".xlsx", ".txt")
MOST_PAGES = 3000
SITE = "http://testserver"


def _normalised(page: str, href: str) -> str | None:
    """The internal page a link on ``page`` leads to, with only the parameters that page
    through lists; None for a link out of the site."""
    parts = urlsplit(urljoin(SITE + page, href.replace("&amp;", "&")))
    if f"{parts.scheme}://{parts.netloc}" != SITE:
        return None
    if parts.path.startswith(NOT_PAGES) or parts.path.endswith(DOWNLOADS):
        return None
    kept = [(key, value) for key, value in parse_qsl(parts.query) if key in KEPT_PARAMETERS]
    return parts.path + (f"?{urlencode(sorted(kept))}" if kept else "")


def _crawl(client) -> set[str]:
    seen = {"/"}
    queue = deque(["/"])
    reached: set[str] = set()
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reached.add(url)
        assert len(reached) < MOST_PAGES, "the crawl found more pages than it expects"
        for href in HREF.findall(response.content.decode()):
            found = _normalised(url, href)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    return {urlsplit(url).path for url in reached}


def _published_items() -> set[str]:
    items = {reverse("participation:you_said_we_did_index")}
    items |= {
        reverse("participation:you_said_we_did", args=[consultation.link_key])
        for consultation in with_published_feedback()
    }
    items |= {
        reverse("participation:start", args=[consultation.link_key])
        for consultation in open_consultations()
    }
    items |= {
        reverse(
            "assessments:public_assessment",
            args=[version.assessment.council.gss_code, version.assessment.public_key],
        )
        for version in AssessmentVersion.objects.filter(published_at__isnull=False)
    }
    items |= {reverse("directory:service", args=[service.pk]) for service in services_found()}
    for council in Council.objects.all():
        items |= {urlsplit(link.url).path for link in links_for(council)}
    for partnership in Partnership.objects.select_related("council"):
        if published_summary(council=partnership.council) is not None:
            items.add(reverse("outcomes:partner_progress", args=[partnership.slug]))
    return items


@pytest.mark.django_db
def test_a_crawl_from_the_home_page_reaches_every_council_and_every_published_item(client):
    call_command("load_demo_data", verbosity=0)
    assert open_consultations().exists()
    assert with_published_feedback().exists()
    reached = _crawl(client)

    assert "/you-said-we-did/" in reached
    councils = {
        reverse("programme:council", args=[code])
        for code in Council.objects.values_list("gss_code", flat=True)
    }
    assert councils - reached == set()
    assert _published_items() - reached == set()

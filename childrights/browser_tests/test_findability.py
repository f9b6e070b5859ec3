"""Someone looks for their council from the home page with the search in the header, typing its
Welsh name; the council's page shows what it asked children and what it did, and takes them to
its "you said, we did". In English and Welsh, every page checked with axe."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from childrights.councils.models import Council
from childrights.participation.models import Commitment
from childrights.testing.browser import Visitor
from childrights.testing.participation import make_consultation

pytestmark = pytest.mark.browser


def test_from_the_home_page_search_finds_a_council_and_its_you_said_we_did(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    cardiff = Council.objects.get(gss_code="W06000015")
    today = timezone.localdate()
    consultation = make_consultation(
        council=cardiff,
        title_en="Our parks",
        title_cy="Ein parciau",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=30),
    )
    Commitment.objects.create(
        consultation=consultation,
        text_en="We will put lights in the park.",
        text_cy="Byddwn yn rhoi goleuadau yn y parc.",
        status=Commitment.Status.DONE,
        published_at=timezone.now(),
    )
    welsh = language == "cy"
    page = visitor.page

    visitor.start("/", language)
    page.get_by_role("searchbox", name=t("Search this site"), exact=True).fill("Caerdydd")
    visitor.follow(page.locator("form.app-site-search").get_by_role("button"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Search"))

    name = "Cyngor Dinas Caerdydd" if welsh else "City of Cardiff Council"
    visitor.follow(page.get_by_role("link", name=name, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("main")).to_contain_text(
        t("This council is not a partner council in the programme.")
    )

    visitor.follow(page.get_by_role("link", name="Ein parciau" if welsh else "Our parks"))
    expect(page.locator("main")).to_contain_text(
        "Byddwn yn rhoi goleuadau yn y parc." if welsh else "We will put lights in the park."
    )

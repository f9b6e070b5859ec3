"""A member of the public finds a council's published impact assessments, narrows them to one
UNCRC article, reads an assessment (the summary for children first) and downloads its PDF."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from playwright.sync_api import expect

from childrights.assessments.tests.test_register import published
from childrights.framework.models import Article
from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council

pytestmark = pytest.mark.browser


def test_the_public_find_read_and_download_a_published_assessment(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    welsh = language == "cy"
    demo = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    play = published(
        demo,
        title="A new play park",
        articles=(31,),
        summary="We are building a play park. You helped choose the swings.",
        summary_cy="Rydyn ni'n adeiladu parc chwarae. Fe wnaethoch chi helpu i ddewis y siglenni.",
    )
    published(demo, title="Fairer school transport", articles=(2,))
    page = visitor.page

    visitor.start("/published-assessments/", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Published impact assessments"))
    councils = page.get_by_role("table")
    expect(councils.get_by_role("row", name="Demoshire Council")).to_contain_text(
        t("Demonstration")
    )
    visitor.follow(councils.get_by_role("link", name="Demoshire Council"))
    expect(page.locator(".app-demo-banner")).to_contain_text(t("Demonstration data"))
    with translation.override(language):
        two = ngettext(
            "%(counter)s published assessment", "%(counter)s published assessments", 2
        ) % {"counter": 2}
    expect(page.locator("#results")).to_have_text(two)

    article = Article.objects.get(number=31)
    page.get_by_label(t("UNCRC article"), exact=True).select_option(
        label=t("Article %(number)s: %(title)s")
        % {"number": 31, "title": article.title_cy if welsh else article.title_en}
    )
    visitor.submit(t("Filter"))
    results = page.locator(".app-register-results")
    expect(results.get_by_role("link")).to_have_text(["A new play park"])

    visitor.follow(results.get_by_role("link", name="A new play park"))
    expect(page.get_by_role("heading", level=1)).to_have_text("A new play park")
    summary = page.locator(".app-summary-for-children")
    expect(summary.get_by_role("heading")).to_have_text(
        t("What this means for children and young people")
    )
    expect(summary).to_contain_text(
        "Rydyn ni'n adeiladu parc chwarae." if welsh else "We are building a play park."
    )
    stage = "Cam 1: sgrinio" if welsh else "Stage 1: screening"
    expect(page.get_by_role("heading", level=2, name=stage, exact=True)).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role(
            "link", name=t("Download this assessment as a PDF (version %(number)s)") % {"number": 1}
        ).click()
    assert download.value.suggested_filename == f"{play.reference}-v1.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

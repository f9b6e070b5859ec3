"""A council officer starts a self-assessment round, rates a principle and sees the comparison."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.testing.browser import Visitor
from childrights.testing.dates import fill_date
from childrights.testing.factories import make_council, make_user

pytestmark = pytest.mark.browser


def test_an_officer_rates_a_principle_in_a_new_round(
    visitor: Visitor, language: str, t: Callable[[str], str], reference_data: None
) -> None:
    council = make_council(name="Aberfield City Council", short_name="Aberfield")
    officer = make_user(role="council-staff", council=council, preferred_language=language)
    page = visitor.page

    visitor.sign_in_as(officer)
    visitor.start(f"/councils/{council.pk}/self-assessment/", language)
    visitor.follow(page.get_by_role("link", name=t("Start a round")))

    visitor.submit(t("Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(t("Enter a name for the round"))
    page.get_by_label(t("Name"), exact=True).fill("Baseline 2026")
    page.get_by_label(t("Baseline")).check()
    fill_date(page, t("Date"), "2026-11-23", t=t)
    visitor.submit(t("Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Baseline 2026")

    visitor.follow(page.locator("main table a").first)
    page.locator("fieldset fieldset").first.get_by_label(t("Developing")).check()
    page.get_by_label(t("Evidence")).first.fill("Children helped write the new play strategy.")
    visitor.submit(t("Save ratings"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        t("The ratings have been saved.")
    )
    visitor.follow(page.get_by_role("link", name=t("Self-assessment")))
    expect(page.get_by_role("table")).to_contain_text("2.0")

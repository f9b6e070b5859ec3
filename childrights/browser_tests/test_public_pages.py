"""The pages anyone can read: the home page and the pages linked from the footer."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.testing.browser import Visitor

pytestmark = pytest.mark.browser

FOOTER_PAGES = ["Accessibility statement", "Privacy notice", "Cookies", "Get help now"]


def test_home_page_names_the_service_and_offers_help(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/", language)

    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Rights at the Heart"))
    expect(page).to_have_title(f"{t('Home')} – {t('Rights at the Heart')}")
    expect(page.locator(".app-get-help").get_by_role("link")).to_have_text(t("Get help now"))


def test_footer_links_open_their_pages(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    visitor.start("/", language)
    page = visitor.page
    for n, title in enumerate(FOOTER_PAGES):
        if n:
            visitor.goto("/")
        footer = page.locator("footer")
        visitor.follow(footer.get_by_role("link", name=t(title), exact=True))

        expect(page.get_by_role("heading", level=1)).to_have_text(t(title))
        expect(page).to_have_title(f"{t(title)} – {t('Rights at the Heart')}")

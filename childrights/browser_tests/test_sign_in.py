"""Staff sign in with an email address and password."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.testing.browser import Visitor
from childrights.testing.factories import PASSWORD, make_council, make_user

pytestmark = pytest.mark.browser


def test_wrong_password_shows_the_error_summary_then_right_one_opens_your_councils(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Aberfield City Council")
    user = make_user(role="council-staff", council=council, preferred_language=language)
    page = visitor.page

    visitor.start("/", language)
    menu = page.get_by_role("navigation", name=t("Menu"))
    visitor.follow(menu.get_by_role("link", name=t("Staff sign in"), exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Sign in"))

    page.get_by_label(t("Email address"), exact=True).fill(user.email)
    page.get_by_label(t("Password"), exact=True).fill("not the password")
    visitor.submit(t("Sign in"))

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text(t("There is a problem"))
    expect(summary.get_by_role("link")).to_have_text(
        t("Enter a correct email address and password")
    )
    expect(page).to_have_title(f"{t('Error:')} {t('Sign in')} – {t('Rights at the Heart')}")

    page.get_by_label(t("Email address"), exact=True).fill(user.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    visitor.submit(t("Sign in"))

    expect(page).to_have_url(visitor.url("/councils/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your councils"))
    expect(page.get_by_role("heading", name="Aberfield City Council")).to_be_visible()

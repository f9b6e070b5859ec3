"""A council officer signs in with their council account, through an OpenID Connect provider
served on loopback beside the service (childrights.testing.oidc_provider), never a real tenant."""

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from childrights.testing.browser import Visitor
from childrights.testing.factories import make_council, make_user
from childrights.testing.oidc_provider import LoopbackProvider, loopback_provider

__all__ = ["loopback_provider"]

pytestmark = pytest.mark.browser


def start_council_sign_in(visitor: Visitor, language: str, t: Callable[[str], str]) -> None:
    visitor.start("/sign-in/", language)
    main = visitor.page.get_by_role("main")
    visitor.follow(main.get_by_role("link", name=t("Sign in with your council account")))
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        t("Sign in with your council account")
    )


def test_a_council_officer_signs_in_with_their_council_account(
    visitor: Visitor,
    loopback_provider: LoopbackProvider,
    language: str,
    t: Callable[[str], str],
) -> None:
    council = make_council(name="Aberfield City Council")
    make_user(
        role="council-staff",
        council=council,
        email="officer@aberfield.example",
        preferred_language=language,
    )
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("officer@aberfield.example", amr=["pwd", "mfa"])
    page = visitor.page

    start_council_sign_in(visitor, language, t)
    page.get_by_label(t("Work email address"), exact=True).fill("officer@aberfield.example")
    visitor.submit(t("Continue"))

    expect(page).to_have_url(visitor.url("/councils/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your councils"))
    expect(page.get_by_role("heading", name="Aberfield City Council")).to_be_visible()


def test_someone_with_no_role_is_told_why_they_cannot_sign_in(
    visitor: Visitor,
    loopback_provider: LoopbackProvider,
    language: str,
    t: Callable[[str], str],
) -> None:
    council = make_council(name="Aberfield City Council")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("newcomer@aberfield.example")
    page = visitor.page

    start_council_sign_in(visitor, language, t)
    page.get_by_label(t("Work email address"), exact=True).fill("newcomer@aberfield.example")
    visitor.submit(t("Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("You cannot sign in with that account")
    )
    expect(page.get_by_role("main")).to_contain_text("newcomer@aberfield.example")
    visitor.follow(page.get_by_role("main").get_by_role("link", name=t("Back to sign in")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Sign in"))

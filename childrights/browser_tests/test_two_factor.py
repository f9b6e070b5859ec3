"""Two-factor authentication: set up at first sign-in by roles that need it, then a code at each
sign-in after that."""

import base64
from collections.abc import Callable

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from childrights.testing.auth import current_code
from childrights.testing.browser import Visitor
from childrights.testing.factories import PASSWORD, make_council, make_device, make_user

pytestmark = pytest.mark.browser


def sign_in(visitor: Visitor, language: str, t: Callable[[str], str], email: str) -> None:
    visitor.start("/sign-in/", language)
    visitor.page.get_by_label(t("Email address"), exact=True).fill(email)
    visitor.page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    visitor.submit(t("Sign in"))


def code_for_setup_key(setup_key: str) -> str:
    """What an authenticator app shows for the setup key, typed in as the page shows it."""
    key = base64.b32decode(setup_key.replace(" ", ""))
    return f"{TOTP(key, step=30, t0=0, digits=6).token():06d}"


def test_council_lead_must_set_up_two_factor_before_anything_else(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    user = make_user(role="council-lead", council=make_council(), preferred_language=language)
    page = visitor.page

    sign_in(visitor, language, t, user.email)

    expect(page).to_have_url(visitor.url("/account/two-factor/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Set up two-factor authentication"))
    expect(page.get_by_role("img", name=t("QR code for your authenticator app"))).to_be_visible()
    setup_key = page.get_by_test_id("secret-key").inner_text()
    assert len(setup_key.replace(" ", "")) == 32

    page.get_by_label(t("Code from your authenticator app"), exact=True).fill(
        code_for_setup_key(setup_key)
    )
    visitor.submit(t("Turn on two-factor authentication"))

    expect(page).to_have_url(visitor.url("/account/recovery-codes/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Recovery codes"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        t("Two-factor authentication is set up.")
    )
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    # Shown once only.
    visitor.goto("/account/recovery-codes/")
    expect(page.get_by_test_id("recovery-codes")).to_have_count(0)


def test_user_with_two_factor_enters_a_code_to_sign_in(
    visitor: Visitor, language: str, t: Callable[[str], str]
) -> None:
    council = make_council(name="Bramley District Council")
    user = make_user(role="council-lead", council=council, preferred_language=language)
    device = make_device(user=user)
    page = visitor.page

    sign_in(visitor, language, t, user.email)

    expect(page).to_have_url(visitor.url("/sign-in/code/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Enter your code"))
    page.get_by_label(t("Code from your authenticator app"), exact=True).fill(current_code(device))
    visitor.submit(t("Continue"))

    expect(page).to_have_url(visitor.url("/councils/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your councils"))
    expect(page.get_by_role("heading", name="Bramley District Council")).to_be_visible()

"""Signing in with a council account, end to end, against an OpenID Connect provider served on
loopback by the live server (childrights.testing.oidc_provider): the service fetches the
provider's discovery document, sends the person to it, exchanges the code for tokens and checks
the ID token, as it would with Microsoft Entra ID."""

import re
from typing import Any

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Role, SingleSignOnDevice, User
from childrights.accounts.services import roles_load
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.testing.factories import make_council, make_device, make_user
from childrights.testing.oidc_provider import LoopbackProvider, loopback_provider

__all__ = ["loopback_provider"]


@pytest.fixture
def council(transactional_db: None) -> Council:
    # A transactional test starts from whatever earlier ones left: load the roles it needs.
    if not Role.objects.exists():
        roles_load()
    return make_council(name="Aberfield City Council", short_name="Aberfield")


class Browser:
    """A person's browser without JavaScript: cookies kept, redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, timeout=30)

    def post_form(self, path: str, data: dict[str, str]) -> requests.Response:
        page = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found, page.text[:2000]
        return self.session.post(
            self.base + path, data={"csrfmiddlewaretoken": found.group(1), **data}, timeout=30
        )

    def sign_in_with_council_account(self, email: str, next_url: str = "") -> requests.Response:
        path = "/sign-in/council/" + (f"?next={next_url}" if next_url else "")
        return self.post_form(path, {"email": email, "next": next_url})


def visit(provider: LoopbackProvider) -> Browser:
    return Browser(provider.service_url)


def signed_in_email(browser: Browser) -> str | None:
    """Whose staff home the browser now reaches, if anyone's."""
    response = browser.get("/account/")
    if response.url != browser.base + "/account/":
        return None
    found = re.search(r"[\w.+-]+@aberfield\.example", response.text)
    return found.group(0) if found else ""


def test_an_officer_with_a_role_signs_in_and_lands_on_their_staff_home(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    officer = make_user(role="council-staff", council=council, email="officer@aberfield.example")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("Officer@Aberfield.example", amr=["pwd"])
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("officer@aberfield.example")

    assert response.status_code == 200
    assert response.url == browser.base + "/councils/"
    assert "Aberfield City Council" in response.text
    assert signed_in_email(browser) == "officer@aberfield.example"
    link = SocialAccount.objects.get(user=officer)
    assert link.provider == f"council-{council.pk}"
    assert link.uid == "subject-Officer@Aberfield.example"
    event = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).get()
    assert event.detail == {
        "method": "sso",
        "council": council.pk,
        "provider_second_factor": False,
    }
    # Nobody new: the only accounts are the officer and the provider's own.
    assert User.objects.count() == 2


def test_the_page_asked_for_is_where_the_officer_lands(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    make_user(role="council-staff", council=council, email="officer@aberfield.example")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("officer@aberfield.example")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account(
        "officer@aberfield.example", next_url="/account/"
    )

    assert response.url == browser.base + "/account/"


def test_a_verified_address_with_no_account_is_refused_and_no_account_is_made(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("newcomer@aberfield.example")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("newcomer@aberfield.example")

    assert response.status_code == 403
    assert "newcomer@aberfield.example has no role in Aberfield City Council" in response.text
    assert not User.objects.filter(email="newcomer@aberfield.example").exists()
    assert not SocialAccount.objects.exists()
    assert signed_in_email(browser) is None
    failed = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.detail == {"reason": "sso_no_role"}


def test_an_account_without_a_role_in_that_council_is_refused(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    elsewhere = make_council(name="Bramley District Council")
    make_user(role="council-lead", council=elsewhere, email="visitor@aberfield.example")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("visitor@aberfield.example")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("visitor@aberfield.example")

    assert response.status_code == 403
    assert "has no role in Aberfield City Council" in response.text
    assert signed_in_email(browser) is None


def test_an_address_outside_the_councils_domains_is_refused(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    make_user(role="council-staff", council=council, email="officer@personal.example")
    loopback_provider.configure(council)
    # The person types their work address, but the provider vouches for another one.
    loopback_provider.sign_in_as("officer@personal.example")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("officer@aberfield.example")

    assert response.status_code == 403
    assert "officer@personal.example is not an address Aberfield City Council uses" in (
        response.text
    )
    assert signed_in_email(browser) is None


def test_an_unverified_address_is_refused(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    make_user(role="council-staff", council=council, email="officer@aberfield.example")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("officer@aberfield.example", email_verified=False)
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("officer@aberfield.example")

    assert response.status_code == 403
    assert "did not confirm your email address" in response.text
    assert signed_in_email(browser) is None


def test_a_token_from_another_issuer_is_refused(
    loopback_provider: LoopbackProvider, council: Council, settings: Any
) -> None:
    """As an Entra ID token from another tenant: the provider's discovery document and its
    tokens agree with each other (allauth accepts them), but they are not the council's."""
    make_user(role="council-staff", council=council, email="officer@aberfield.example")
    loopback_provider.configure(council)
    settings.OAUTH2_PROVIDER = {
        **settings.OAUTH2_PROVIDER,
        "OIDC_ISS_ENDPOINT": loopback_provider.service_url + "/another-tenant/v2.0",
    }
    loopback_provider.sign_in_as("officer@aberfield.example")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("officer@aberfield.example")

    assert response.status_code == 403
    assert "That account is not from Aberfield City Council" in response.text
    assert signed_in_email(browser) is None
    assert not SocialAccount.objects.exists()


def test_without_the_providers_second_factor_our_own_code_is_still_asked(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    lead = make_user(role="council-lead", council=council, email="lead@aberfield.example")
    make_device(user=lead)
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("lead@aberfield.example", amr=["pwd"])
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("lead@aberfield.example")

    assert response.url == browser.base + "/sign-in/code/"
    assert signed_in_email(browser) is None
    assert not SingleSignOnDevice.objects.exists()


def test_without_the_providers_second_factor_a_role_that_needs_one_sets_it_up(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    make_user(role="council-lead", council=council, email="lead@aberfield.example")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("lead@aberfield.example")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("lead@aberfield.example")

    assert response.url == browser.base + "/account/two-factor/"
    assert browser.get("/councils/").url == browser.base + "/account/two-factor/"


@pytest.mark.parametrize("amr", [["pwd", "mfa"], ["otp"], ["hwk", "pop"]])
def test_the_providers_second_factor_counts_as_ours(
    loopback_provider: LoopbackProvider, council: Council, amr: list[str]
) -> None:
    lead = make_user(role="council-lead", council=council, email="lead@aberfield.example")
    make_device(user=lead)
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("lead@aberfield.example", amr=amr)
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("lead@aberfield.example")

    # Past the two-factor middleware, which signs out a session with an authenticator that has
    # not been verified, and sends a lead without one to set one up.
    assert response.url == browser.base + "/councils/"
    assert browser.get("/councils/").url == browser.base + "/councils/"
    assert signed_in_email(browser) == "lead@aberfield.example"
    assert SingleSignOnDevice.objects.get().user == lead
    assert TOTPDevice.objects.filter(user=lead).count() == 1
    event = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).get()
    assert event.detail["provider_second_factor"] is True


def test_an_acr_value_the_council_named_counts_as_a_second_factor(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    make_user(role="council-lead", council=council, email="lead@aberfield.example")
    loopback_provider.configure(council, mfa_amr_values="", mfa_acr_values="urn:council:mfa")
    loopback_provider.sign_in_as("lead@aberfield.example", amr=["mfa"], acr="urn:council:mfa")
    browser = visit(loopback_provider)

    response = browser.sign_in_with_council_account("lead@aberfield.example")

    assert response.url == browser.base + "/councils/"


def test_a_second_person_given_the_same_address_does_not_open_the_first_ones_account(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    make_user(role="council-staff", council=council, email="officer@aberfield.example")
    loopback_provider.configure(council)
    loopback_provider.sign_in_as("officer@aberfield.example", sub="first-holder")
    assert (
        visit(loopback_provider)
        .sign_in_with_council_account("officer@aberfield.example")
        .url.endswith("/councils/")
    )

    loopback_provider.sign_in_as("officer@aberfield.example", sub="second-holder")
    browser = visit(loopback_provider)
    response = browser.sign_in_with_council_account("officer@aberfield.example")

    assert response.status_code == 403
    assert "not the one that signed in as officer@aberfield.example before" in response.text
    assert signed_in_email(browser) is None


def test_allauths_own_pages_are_not_there(
    loopback_provider: LoopbackProvider, council: Council
) -> None:
    """No second way to sign in or sign up: allauth's account and provider-login URLs are not
    routed, only the callback."""
    loopback_provider.configure(council)
    browser = visit(loopback_provider)
    for path in [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/social/signup/",
        "/accounts/oidc/council-1/login/",
        f"/sign-in/council/council-{council.pk}/login/",
        "/accounts/password/reset/",
    ]:
        assert browser.get(path).status_code == 404, path

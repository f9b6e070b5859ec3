"""An OpenID Connect provider on loopback, for the single sign-on tests: django-oauth-toolkit's
OIDC support, served by the live server beside the service under /idp/o/ (URLs in
``childrights.testing.oidc_urls``). Never a real tenant.

The provider stands for a council's identity provider whose sign-in the person has already
passed: its authorisation endpoint approves at once for whoever the test says is signed in
there (``LoopbackProvider.sign_in_as``), and its ID token carries the claims the test chose
(email, email_verified, amr, tid...). django-oauth-toolkit needs a user of this project's user
model for its grants; the provider's own "directory" account (with no role anywhere) is that
user, so the people signing in need not have accounts here.
"""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.http import HttpRequest, HttpResponse
from oauth2_provider.models import get_application_model
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import AuthorizationView
from pytest_django.live_server_helper import LiveServer

from childrights.accounts.models import SingleSignOn, User
from childrights.councils.models import Council

CLIENT_ID = "loopback-client"
CLIENT_SECRET = "loopback-secret-not-a-real-one"
SECRET_VARIABLE = "SSO_SECRET_LOOPBACK"
PROVIDER_PATH = "/idp/o"
DIRECTORY_EMAIL = "directory@idp.loopback.test"

_lock = threading.Lock()
# The claims of whoever is signed in at the provider (read by the live server's threads).
_signed_in: dict[str, Any] = {}


def _claims() -> dict[str, Any]:
    with _lock:
        return dict(_signed_in)


class Validator(OAuth2Validator):  # type: ignore[misc]
    # Every claim the test chose goes into the ID token, whatever the scopes.
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        return _claims()


class DirectoryAuthorizationView(AuthorizationView):  # type: ignore[misc]
    """The provider's authorisation endpoint, for a person already signed in at the provider."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.user = User.objects.get(email=DIRECTORY_EMAIL)
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response


@cache
def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class LoopbackProvider:
    issuer: str
    service_url: str

    def sign_in_as(self, email: str, **claims: Any) -> None:
        """The person signed in at the provider: ``email``, verified, with any other claims
        (amr=["pwd", "mfa"], email_verified=False, sub="...")."""
        with _lock:
            _signed_in.clear()
            _signed_in.update({"sub": f"subject-{email}", "email": email, "email_verified": True})
            _signed_in.update(claims)

    def configure(self, council: Council, **fields: Any) -> SingleSignOn:
        """The council's single sign-on, pointing at this provider."""
        values: dict[str, Any] = {
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "client_secret_variable": SECRET_VARIABLE,
            "email_domains": "aberfield.example",
        }
        values.update(fields)
        config = SingleSignOn(council=council, **values)
        config.full_clean()
        config.save()
        # The redirect URI the council would register with its provider.
        application = get_application_model().objects.get(client_id=CLIENT_ID)
        application.redirect_uris = " ".join(
            [
                *application.redirect_uris.split(),
                f"{self.service_url}/sign-in/council/{config.provider_id}/callback/",
            ]
        )
        application.save(update_fields=["redirect_uris"])
        return config


@pytest.fixture
def loopback_provider(
    live_server: LiveServer, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LoopbackProvider]:
    """The provider and the service on one live server, with a fresh RSA key for the session's
    tokens and a client registered for the service's callback."""
    settings.ROOT_URLCONF = "childrights.testing.oidc_urls"
    settings.OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": _private_key_pem(),
        "OAUTH2_VALIDATOR_CLASS": "childrights.testing.oidc_provider.Validator",
        "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "email": "Email"},
        "PKCE_REQUIRED": True,
    }
    monkeypatch.setenv(SECRET_VARIABLE, CLIENT_SECRET)
    directory = User.objects.create_user(email=DIRECTORY_EMAIL, password=None)
    base = live_server.url.rstrip("/")
    provider = LoopbackProvider(issuer=base + PROVIDER_PATH, service_url=base)
    application = get_application_model()
    application.objects.create(
        name="Rights at the Heart (tests)",
        user=directory,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris="",
        algorithm="RS256",
        skip_authorization=True,
    )
    yield provider
    with _lock:
        _signed_in.clear()

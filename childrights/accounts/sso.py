"""Single sign-on through each council's OpenID Connect provider (ADR 0022).

django-allauth carries the exchange with the provider (discovery, the authorisation redirect with
PKCE, the code for tokens, the ID token's signature, issuer and audience). Everything after that
is decided here, before allauth would sign anyone in or make an account:

- the token's issuer is the one the council configured (an Entra ID token from another tenant is
  refused), and for Entra ID its ``tid`` is the council's tenant;
- the email address is one the provider vouches for, in one of the council's domains;
- it finds an existing, active account with a role in that council: nobody is signed up here;
- the provider's subject is the one first seen for that account (an address given to someone
  new does not open the old holder's account);
- our two-factor rules hold unless the token says the provider checked a second factor.

The sign-in itself is the service's own (the same session, audit and language handling as a
password sign-in), so allauth's login, sign-up and account pages are never reached: see
``childrights.accounts.adapters``.
"""

import os
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from allauth.socialaccount.models import SocialAccount, SocialApp
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from childrights.accounts.models import SingleSignOn, SingleSignOnDevice, User
from childrights.core.emails import normalise_email
from childrights.core.ratelimit import Limit
from childrights.councils.models import Council

# Tries of the council-account form per client address (each reads a provider's discovery).
START_LIMIT = Limit("sign-in:council-account", 30, timedelta(minutes=15))
SECRET_PREFIX = "SSO_SECRET_"  # noqa: S105 (a variable name's start, not a secret)


# Reads ---------------------------------------------------------------------------------------


def sso_for_email(email: str) -> SingleSignOn | None:
    """The council sign-in in use for the domain of an email address, if any."""
    domain = normalise_email(email).rpartition("@")[2]
    if not domain:
        return None
    for config in SingleSignOn.objects.filter(enabled=True).select_related("council"):
        if domain in config.domains:
            return config
    return None


def sso_required_for(user: User) -> SingleSignOn | None:
    """The council sign-in this person must use instead of a password: one of their councils
    requires it, and their address is in its domains (so they can use it)."""
    if user.is_programme_team:
        # The programme team sign in with their passwords and our own two-factor: a council's
        # provider never signs them in (sso_decide), so it cannot be required of them either.
        return None
    for config in SingleSignOn.objects.filter(
        enabled=True, require_sso=True, council__memberships__user=user
    ).select_related("council"):
        if config.covers(user.email):
            return config
    return None


def sso_required_for_address(council: Council, email: str) -> SingleSignOn | None:
    """The council's sign-in, where it requires its staff to use it and ``email`` is an address
    it can sign in."""
    config = SingleSignOn.objects.filter(council=council, enabled=True, require_sso=True).first()
    return config if config is not None and config.covers(email) else None


def client_secret(config: SingleSignOn) -> str:
    """The secret from the environment variable the configuration names ('' when unset)."""
    name = config.client_secret_variable
    return os.environ.get(name, "") if name.startswith(SECRET_PREFIX) else ""


def social_app(config: SingleSignOn) -> SocialApp:
    """The council's provider as allauth's app, made in memory from our configuration: there
    are no allauth SocialApp rows."""
    return SocialApp(
        provider="openid_connect",
        provider_id=config.provider_id,
        name=config.council.name,
        client_id=config.client_id,
        secret=client_secret(config),
        settings={
            "server_url": config.issuer,
            # Everything needed is in the ID token (Entra ID's userinfo holds less).
            "fetch_userinfo": False,
            "oauth_pkce_enabled": True,
        },
    )


def sso_redirect(
    request: HttpRequest, config: SingleSignOn, *, email: str, next_url: str
) -> HttpResponse:
    """Send the person to their council's provider, with their address as the login hint.
    Raises requests.RequestException when the provider's discovery document cannot be read."""
    from allauth.socialaccount.adapter import get_adapter

    provider = get_adapter(request).get_provider(request, provider=config.provider_id)
    params = {**provider.get_auth_params(), "login_hint": email}
    response: HttpResponse = provider.redirect(
        request, process="login", next_url=next_url, auth_params=params
    )
    return response


# The decision ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What the provider's token allows: a person to sign in, or a refusal with its reason."""

    user: User | None = None
    reason: str = ""
    email: str = ""
    multi_factor: bool = False
    link: dict[str, Any] = field(default_factory=dict)


def _truthy(value: object) -> bool:
    return (
        value is True or value == 1 or (isinstance(value, str) and value.lower() in {"true", "1"})
    )


def _issuer(url: object) -> str:
    return str(url or "").rstrip("/")


def verified_email(config: SingleSignOn, claims: dict[str, Any]) -> str:
    """The address the provider vouches for, or ''. ``email_verified`` is the standard claim;
    Entra ID never sends it, and says the same with its optional ``xms_edov`` claim (the
    email domain's owner is verified)."""
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return ""
    vouched = _truthy(claims.get("email_verified")) or (
        config.is_entra and _truthy(claims.get("xms_edov"))
    )
    if not vouched:
        return ""
    # The address must already be in its plain form: our clean-up folds look-alike letters
    # (a full-width "ｍ" becomes "m"), so a provider's "ｍember@" would otherwise open the
    # account of "member@".
    plain = email.strip().lower()
    return plain if plain.isascii() and normalise_email(email) == plain else ""


def asserts_multi_factor(config: SingleSignOn, claims: dict[str, Any]) -> bool:
    amr = claims.get("amr")
    methods = {str(m).lower() for m in amr} if isinstance(amr, list) else set()
    if methods & set(config.split(config.mfa_amr_values)):
        return True
    acr = claims.get("acr")
    return isinstance(acr, str) and acr.lower() in set(config.split(config.mfa_acr_values))


def sso_decide(*, config: SingleSignOn, claims: dict[str, Any]) -> Decision:
    """Who the ID token's claims sign in to the council's pages, or why nobody."""
    if _issuer(claims.get("iss")) != _issuer(config.issuer):
        return Decision(reason="issuer")
    if config.is_entra and str(claims.get("tid", "")).lower() != config.entra_tenant.lower():
        return Decision(reason="issuer")
    email = verified_email(config, claims)
    if not email:
        return Decision(reason="email_not_verified")
    if not config.covers(email):
        return Decision(reason="domain", email=email)
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None or not user.memberships.filter(council=config.council).exists():
        return Decision(reason="no_role", email=email)
    if user.is_programme_team:
        # A national role reaches every council and the admin: one council's provider (and its
        # word for a second factor) must not open it. The programme team use their passwords.
        return Decision(reason="programme_team", email=email)
    subject = str(claims.get("sub") or "")
    if not subject:
        return Decision(reason="subject", email=email)
    linked = SocialAccount.objects.filter(provider=config.provider_id, uid=subject).first()
    if linked is not None and linked.user_id != user.pk:
        return Decision(reason="subject", email=email)
    if (
        linked is None
        and SocialAccount.objects.filter(provider=config.provider_id, user=user).exists()
    ):
        return Decision(reason="subject", email=email)
    # A provider vouches for its own council's pages: someone who also holds a role in another
    # council (whose disclosures this session would open too) gives our own code as well.
    elsewhere = user.memberships.exclude(council=config.council).exists()
    return Decision(
        user=user,
        email=email,
        multi_factor=asserts_multi_factor(config, claims) and not elsewhere,
        link={"provider": config.provider_id, "uid": subject},
    )


# Writes --------------------------------------------------------------------------------------


def sso_link(*, user: User, provider: str, uid: str) -> None:
    """Remember which of the provider's subjects this account is (first sign-in only)."""
    SocialAccount.objects.get_or_create(
        provider=provider, uid=uid, defaults={"user": user, "extra_data": {}}
    )


def sso_links_forget(config: SingleSignOn) -> int:
    """Forget which subject each account is at the council's provider: after its issuer or
    client changes, subjects are new (Entra ID's differ per app registration), and the first
    sign-in through the new one links them again."""
    deleted: int = SocialAccount.objects.filter(provider=config.provider_id).delete()[0]
    return deleted


def sso_second_factor(user: User) -> SingleSignOnDevice:
    device: SingleSignOnDevice = SingleSignOnDevice.objects.get_or_create(
        user=user, defaults={"name": "Council sign-in", "confirmed": True}
    )[0]
    return device


# Refusals ---------------------------------------------------------------------------


def refusal_message(reason: str, config: SingleSignOn | None, email: str) -> str:
    council = config.council.name if config else _("your council")
    messages = {
        "issuer": _(
            "That account is not from %(council)s's own sign-in. Sign in with your work account "
            "at %(council)s."
        ),
        "email_not_verified": _(
            "Your council's sign-in did not confirm your email address, so it cannot sign you "
            "in here. Ask your council's IT team to check how the service is set up."
        ),
        "domain": _(
            "%(email)s is not an address %(council)s uses for signing in here. Sign in with "
            "your work email address at %(council)s."
        ),
        "no_role": _(
            "%(email)s has no role in %(council)s on Rights at the Heart, so you cannot sign "
            "in. Ask your council's lead for Rights at the Heart to invite you."
        ),
        "subject": _(
            "Your council account is not the one that signed in as %(email)s before. Ask the "
            "programme team to check your account."
        ),
        "failed": _(
            "Signing in with your council account did not work. Try again, or sign in with your "
            "email address and password."
        ),
    }
    return messages.get(reason, messages["failed"]) % {"council": council, "email": email}


def refused(
    request: HttpRequest, *, reason: str, config: SingleSignOn | None, email: str = ""
) -> HttpResponse:
    from childrights.core.audit import audit_record
    from childrights.core.models import AuditEvent

    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED,
        request=request,
        actor_email=email,
        council=config.council if config else None,
        detail={"reason": f"sso_{reason}"},
    )
    return render(
        request,
        "accounts/sso_refused.html",
        {"message": refusal_message(reason, config, email)},
        status=403,
    )


def sso_for_provider(provider_id: str) -> SingleSignOn | None:
    council_id = provider_id.removeprefix("council-")
    if not council_id.isdigit():
        return None
    return (
        SingleSignOn.objects.filter(council_id=int(council_id), enabled=True)
        .select_related("council")
        .first()
    )

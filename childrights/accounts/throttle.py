"""Sign-in throttling, per account and per client address.

A handful of wrong passwords slows guessing at one account; a much higher limit per address stops
one client guessing across many accounts without locking out a school or office whose staff share
an address (ADR 0004). Every attempt counts until it succeeds.

The count for an account is keyed on the account the typed address finds (its id), never on the
typed text, so every spelling of one address shares one count; an address with no account is
counted under its normalised spelling. For an account with two-factor authentication, where a
password alone opens nothing, the strict count is kept per account *and* client address: guessing
from elsewhere cannot lock the owner (a designated safeguarding lead, say) out of their work,
while every client still gets only a handful of tries at that account.
"""

from datetime import timedelta

from django.conf import settings

from childrights.core.emails import normalise_email
from childrights.core.ratelimit import (
    Limit,
    Refusal,
    rate_limit_clear,
    rate_limit_consume,
    rate_limit_release,
)


def _limits() -> tuple[Limit, Limit]:
    window = timedelta(minutes=settings.LOGIN_THROTTLE["WINDOW_MINUTES"])
    return (
        Limit("sign-in:account", settings.LOGIN_THROTTLE["PER_ACCOUNT"], window),
        Limit("sign-in:client", settings.LOGIN_THROTTLE["PER_CLIENT"], window),
    )


def account_key(email: str) -> str:
    """What an account's counts are kept under: the account the address finds, or the
    normalised address when it finds none."""
    from childrights.accounts.models import User

    normalised = normalise_email(email)
    found = User.objects.filter(email=normalised).values_list("pk", flat=True).first()
    return f"user:{found}" if found is not None else f"email:{normalised}"


def _strict_key(email: str, client: str | None) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    key = account_key(email)
    if key.startswith("user:"):
        has_second_factor = TOTPDevice.objects.filter(
            user_id=int(key.removeprefix("user:")), confirmed=True
        ).exists()
        if has_second_factor:
            return f"{key}:client:{client or 'unknown'}"
    return key


def throttle_attempt(*, email: str, client: str | None) -> Refusal | None:
    """Count an attempt on the account and from the client; a refusal if either is over."""
    per_account, per_client = _limits()
    refusal = rate_limit_consume(per_account, _strict_key(email, client))
    if client:
        refusal = rate_limit_consume(per_client, client) or refusal
    return refusal


def throttle_succeed(*, email: str, client: str | None) -> None:
    """A good sign-in: the account starts afresh and the client's attempt is taken back."""
    per_account, per_client = _limits()
    rate_limit_clear(per_account, _strict_key(email, client))
    if client:
        rate_limit_release(per_client, client)

"""Sign-in throttling, per account and per client address.

A handful of wrong passwords slows guessing at one account; a much higher limit per address stops
one client guessing across many accounts without locking out a school or office whose staff share
an address (ADR 0004). Every attempt counts until it succeeds.
"""

from datetime import timedelta

from django.conf import settings

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


def throttle_attempt(*, email: str, client: str | None) -> Refusal | None:
    """Count an attempt on the account and from the client; a refusal if either is over."""
    per_account, per_client = _limits()
    refusal = rate_limit_consume(per_account, email)
    if client:
        refusal = rate_limit_consume(per_client, client) or refusal
    return refusal


def throttle_succeed(*, email: str, client: str | None) -> None:
    """A good sign-in: the account starts afresh and the client's attempt is taken back."""
    per_account, per_client = _limits()
    rate_limit_clear(per_account, email)
    if client:
        rate_limit_release(per_client, client)

"""Sign-in throttling, per account and per client address.

A handful of wrong passwords slows guessing at one account; a much higher limit per address stops
one client guessing across many accounts without locking out a school or office whose staff share
an address (ADR 0004).
"""

from datetime import timedelta

from django.conf import settings

from childrights.core.ratelimit import Limit, Refusal, rate_limit_check, rate_limit_clear
from childrights.core.ratelimit import rate_limit_hit as _hit


def _limits() -> tuple[Limit, Limit]:
    window = timedelta(minutes=settings.LOGIN_THROTTLE["WINDOW_MINUTES"])
    return (
        Limit("sign-in:account", settings.LOGIN_THROTTLE["PER_ACCOUNT"], window),
        Limit("sign-in:client", settings.LOGIN_THROTTLE["PER_CLIENT"], window),
    )


def throttle_check(*, email: str, client: str | None) -> Refusal | None:
    per_account, per_client = _limits()
    return rate_limit_check(per_account, email) or (
        rate_limit_check(per_client, client) if client else None
    )


def throttle_fail(*, email: str, client: str | None) -> None:
    per_account, per_client = _limits()
    _hit(per_account, email)
    if client:
        _hit(per_client, client)


def throttle_succeed(*, email: str) -> None:
    rate_limit_clear(_limits()[0], email)

"""Sign-in throttling, per account and per client address.

A handful of wrong passwords slows guessing at one account; a much higher limit per address stops
one client guessing across many accounts without locking out a school or office whose staff share
an address. Counts live in the database so every app server sees the same ones.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from childrights.accounts.models import FailedLogin


@dataclass(frozen=True)
class Refusal:
    retry_after_minutes: int


def _hash(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_THROTTLE["WINDOW_MINUTES"])


def throttle_check(*, email: str, client: str | None) -> Refusal | None:
    """A refusal when either limit is reached within the window, otherwise None."""
    since = timezone.now() - _window()
    checks = [(FailedLogin.Kind.ACCOUNT, _hash(email), settings.LOGIN_THROTTLE["PER_ACCOUNT"])]
    if client:
        checks.append(
            (FailedLogin.Kind.CLIENT, _hash(client), settings.LOGIN_THROTTLE["PER_CLIENT"])
        )
    for kind, key, limit in checks:
        recent = FailedLogin.objects.filter(kind=kind, key=key, created_at__gte=since)
        if recent.count() >= limit:
            oldest = recent.order_by("created_at").values_list("created_at", flat=True)[0]
            remaining = oldest + _window() - timezone.now()
            return Refusal(retry_after_minutes=max(1, int(remaining.total_seconds() // 60) + 1))
    return None


def throttle_fail(*, email: str, client: str | None) -> None:
    rows = [FailedLogin(kind=FailedLogin.Kind.ACCOUNT, key=_hash(email))]
    if client:
        rows.append(FailedLogin(kind=FailedLogin.Kind.CLIENT, key=_hash(client)))
    FailedLogin.objects.bulk_create(rows)


def throttle_succeed(*, email: str) -> None:
    FailedLogin.objects.filter(kind=FailedLogin.Kind.ACCOUNT, key=_hash(email)).delete()


def throttle_prune() -> int:
    deleted, _ = FailedLogin.objects.filter(created_at__lt=timezone.now() - _window()).delete()
    return deleted

"""Rate limits counted in the database, so every app server sees the same counts.

A limit is a scope (what is being limited, e.g. "sign-in:account"), a key (who: an email address or
a client address, stored only as a hash), a number of events and a time window.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from childrights.core.models import RateEvent


@dataclass(frozen=True)
class Limit:
    scope: str
    per_window: int
    window: timedelta


@dataclass(frozen=True)
class Refusal:
    retry_after_minutes: int


def _hash(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def rate_limit_check(limit: Limit, key: str) -> Refusal | None:
    """A refusal when the key has used up the limit within the window, otherwise None."""
    now = timezone.now()
    recent = RateEvent.objects.filter(
        scope=limit.scope, key=_hash(key), created_at__gte=now - limit.window
    )
    if recent.count() < limit.per_window:
        return None
    oldest = recent.order_by("created_at").values_list("created_at", flat=True)[0]
    remaining = oldest + limit.window - now
    return Refusal(retry_after_minutes=max(1, int(remaining.total_seconds() // 60) + 1))


def rate_limit_hit(limit: Limit, key: str) -> None:
    RateEvent.objects.create(scope=limit.scope, key=_hash(key))


def rate_limit_clear(limit: Limit, key: str) -> None:
    RateEvent.objects.filter(scope=limit.scope, key=_hash(key)).delete()


def rate_limit_prune(*, older_than: timedelta) -> int:
    deleted, _ = RateEvent.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted

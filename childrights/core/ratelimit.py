"""Rate limits counted in the database, so every app server sees the same counts.

A limit is a scope (what is being limited, e.g. "sign-in:account"), a key (who: an email address or
a client address, stored only as a hash), a number of attempts and a time window.

An attempt is recorded *before* it is judged and counted afterwards, so requests sent in parallel
cannot all slip through between a check and a write (``rate_limit_consume``, for sign-in and the
like, where every refused attempt must keep counting). For a limit that anyone may hammer (the
APIs), ``rate_limit_allow`` records only attempts it allows, so the table holds at most one
window's allowance per client, however many requests are refused.
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


def rate_limit_consume(limit: Limit, key: str) -> Refusal | None:
    """Record one attempt, then refuse it if the window now holds more than the limit allows."""
    RateEvent.objects.create(scope=limit.scope, key=_hash(key))
    now = timezone.now()
    recent = RateEvent.objects.filter(
        scope=limit.scope, key=_hash(key), created_at__gte=now - limit.window
    )
    if recent.count() <= limit.per_window:
        return None
    oldest = recent.order_by("created_at").values_list("created_at", flat=True)[0]
    remaining = oldest + limit.window - now
    return Refusal(retry_after_minutes=max(1, int(remaining.total_seconds() // 60) + 1))


def rate_limit_allow(limit: Limit, key: str) -> Refusal | None:
    """Like ``rate_limit_consume``, but an attempt refused leaves no row: a full window is
    refused without writing; otherwise the attempt is recorded and then counted (so parallel
    attempts cannot all pass), and one that finds the window over its limit takes its row back
    and is refused. Never more than the limit pass in a window."""
    hashed = _hash(key)
    now = timezone.now()
    recent = RateEvent.objects.filter(
        scope=limit.scope, key=hashed, created_at__gte=now - limit.window
    )
    if recent.count() < limit.per_window:
        event = RateEvent.objects.create(scope=limit.scope, key=hashed)
        if recent.count() <= limit.per_window:
            return None
        event.delete()
    oldest = recent.order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is None:
        return Refusal(retry_after_minutes=1)
    remaining = oldest + limit.window - timezone.now()
    return Refusal(retry_after_minutes=max(1, int(remaining.total_seconds() // 60) + 1))


def rate_limit_count(limit: Limit, key: str) -> int:
    """How many attempts the window holds now, recording nothing."""
    return RateEvent.objects.filter(
        scope=limit.scope, key=_hash(key), created_at__gte=timezone.now() - limit.window
    ).count()


def rate_limit_release(limit: Limit, key: str) -> None:
    """Take back the latest attempt (for example, one that turned out to be a good sign-in)."""
    latest = (
        RateEvent.objects.filter(scope=limit.scope, key=_hash(key))
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if latest is not None:
        RateEvent.objects.filter(pk=latest).delete()


def rate_limit_clear(limit: Limit, key: str) -> None:
    RateEvent.objects.filter(scope=limit.scope, key=_hash(key)).delete()


def rate_limit_prune(*, older_than: timedelta) -> int:
    deleted, _ = RateEvent.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


def rate_limit_wait(limit: Limit, key: str) -> float:
    """Take a place in the window and return 0, or, when the window is full, take nothing and
    return the seconds until its oldest place frees. For work that waits its turn (requests to
    GOV.UK Notify) rather than being refused; places older than the window are dropped as it
    goes, so the table holds at most one window's worth."""
    now = timezone.now()
    hashed = _hash(key)
    RateEvent.objects.filter(
        scope=limit.scope, key=hashed, created_at__lt=now - limit.window
    ).delete()
    event = RateEvent.objects.create(scope=limit.scope, key=hashed)
    recent = RateEvent.objects.filter(
        scope=limit.scope, key=hashed, created_at__gte=now - limit.window
    )
    if recent.count() <= limit.per_window:
        return 0.0
    event.delete()
    oldest = recent.order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is None:
        return 0.05
    return max(0.05, (oldest + limit.window - timezone.now()).total_seconds())

"""Housekeeping that keeps what is stored no longer than it is needed."""

from datetime import datetime

from django.contrib.sessions.models import Session


def expired_sessions_purge(*, now: datetime) -> int:
    """Delete every session past its expiry. A child's session holds their unsent answers
    until it expires; Django never deletes it by itself."""
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted

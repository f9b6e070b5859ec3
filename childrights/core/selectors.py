"""Reads for the audit log. Only the programme team reaches these (see views)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from childrights.core.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    council_id: int | None = None
    actor: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def audit_events(*, filters: AuditFilter) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.council_id is not None:
        events = events.filter(council_id=filters.council_id)
    if filters.actor:
        events = events.filter(actor_email__icontains=filters.actor)
    if filters.date_from:
        events = events.filter(created_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(created_at__lt=_start_of(filters.date_to) + timedelta(days=1))
    return events.order_by("-created_at", "-id")


def audit_councils() -> list[tuple[int, str]]:
    """Councils that appear in the log, for the filter (names as they were recorded)."""
    rows = (
        AuditEvent.objects.exclude(council_id=None)
        .values_list("council_id", "council_name")
        .distinct()
        .order_by("council_name")
    )
    seen: dict[int, str] = {}
    for council_id, name in rows:
        if council_id is not None:
            seen.setdefault(council_id, name)
    return sorted(seen.items(), key=lambda item: item[1])

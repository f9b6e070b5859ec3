"""Reads for the audit log. Only the programme team reaches these (see views)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
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
        # The start of the address, any case: a range of one index on PostgreSQL (migration
        # core 0009), however many addresses share the start.
        events = events.filter(actor_email__istartswith=filters.actor)
    if filters.date_from:
        events = events.filter(created_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(created_at__lt=_start_of(filters.date_to) + timedelta(days=1))
    return events.order_by("-created_at", "-id")


# The councils in the log, found by skipping along the index on (council_id, created_at) from
# one council to the next (one index probe a council, rather than reading every event), each
# with the name its latest event recorded.
COUNCILS_IN_THE_LOG = """
    WITH RECURSIVE found(council_id) AS (
        SELECT min(council_id) FROM {table}
        UNION ALL
        SELECT (SELECT min(council_id) FROM {table} WHERE council_id > found.council_id)
        FROM found WHERE found.council_id IS NOT NULL
    )
    SELECT council_id, (
        SELECT council_name FROM {table} AS latest WHERE latest.council_id = found.council_id
        ORDER BY latest.created_at DESC LIMIT 1
    )
    FROM found WHERE council_id IS NOT NULL
"""


def audit_councils() -> list[tuple[int, str]]:
    """Councils that appear in the log, for the filter, by the name last recorded for each."""
    with connection.cursor() as cursor:
        cursor.execute(COUNCILS_IN_THE_LOG.format(table=AuditEvent._meta.db_table))
        rows = [(int(council_id), str(name)) for council_id, name in cursor.fetchall()]
    return sorted(rows, key=lambda item: (item[1], item[0]))

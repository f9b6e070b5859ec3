"""When the council's answer back is due. Children are told the council will answer within three
calendar months of the consultation closing. Feedback is overdue when that time has passed with
nothing published and no update dated after the close (``overdue``); the council's leads are
told once (``feedback.reminders.overdue_flag``, run daily by ``manage.py flag_overdue_feedback``).
"""

import calendar
import datetime
from collections.abc import Iterable, Mapping

from django.db.models import Max
from django.utils import timezone

from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
)

REPLY_WITHIN_MONTHS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later, or the month's last day if it is shorter
    (30 November + 3 months is 28 or 29 February)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def closed_on(consultation: Consultation) -> datetime.date | None:
    """The day children could no longer answer: the close date, or the day staff closed it if
    that was earlier. None for a draft, which children never saw."""
    if consultation.status == Consultation.Status.DRAFT:
        return None
    if consultation.closed_at is not None:
        return min(consultation.closes_on, timezone.localdate(consultation.closed_at))
    return consultation.closes_on


def reply_due(consultation: Consultation) -> datetime.date | None:
    """The day by which children were promised an answer: three calendar months after closing."""
    day = closed_on(consultation)
    return None if day is None else add_months(day, REPLY_WITHIN_MONTHS)


def overdue(
    consultations: Iterable[Consultation], *, today: datetime.date | None = None
) -> list[Consultation]:
    """Those closed more than three calendar months ago (the reply date has passed) with
    nothing published and no commitment update dated after they closed."""
    day = today or timezone.localdate()
    late = [c for c in consultations if (due := reply_due(c)) is not None and due < day]
    if not late:
        return []
    ids = [c.pk for c in late]
    published = set(
        FeedbackTheme.objects.filter(consultation__in=ids, published_at__isnull=False)
        .values_list("consultation_id", flat=True)
        .distinct()
    ) | set(
        Commitment.objects.filter(consultation__in=ids, published_at__isnull=False)
        .values_list("consultation_id", flat=True)
        .distinct()
    )
    latest_update = dict(
        CommitmentUpdate.objects.filter(commitment__consultation__in=ids)
        .values("commitment__consultation_id")
        .annotate(latest=Max("made_on"))
        .values_list("commitment__consultation_id", "latest")
        .order_by()
    )
    return [
        c for c in late if c.pk not in published and not _updated_since_closing(c, latest_update)
    ]


def _updated_since_closing(
    consultation: Consultation, latest_update: Mapping[int, datetime.date]
) -> bool:
    latest, closed = latest_update.get(consultation.pk), closed_on(consultation)
    return latest is not None and closed is not None and latest > closed

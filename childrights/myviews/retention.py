"""Statements are kept for the council's retention period after their meeting (12 months unless
the council sets another), then deleted by ``purge_old_statements``. What is left are anonymous
counts (``Tally``): how many statements, how many sent by the day of their meeting, how many
answered and on time, how children felt listened to and the topics they raised, per council,
kind of meeting and month. Decided safety alerts go the same period after their decision,
leaving anonymous counts of their own (``AlertTally``), and a child's record goes once nothing
of theirs is left and nothing has happened for that long."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.myviews.dates import add_months
from childrights.myviews.due import answer_due, has_reply, kept_until, meeting_date
from childrights.myviews.models import (
    Alert,
    AlertTally,
    Child,
    Reply,
    Settings,
    Statement,
    Tally,
)
from childrights.myviews.selectors import settings_of


@dataclass(frozen=True)
class Purged:
    statements: int
    drafts: int
    alerts: int = 0
    children: int = 0


def _fold(statement: Statement, settings: Settings) -> None:
    """Add one sent statement to its council's counts."""
    held = meeting_date(statement)
    tally, _ = Tally.objects.select_for_update().get_or_create(
        council_id=statement.child.council_id,
        kind=statement.template.kind,
        month=held.replace(day=1),
    )
    tally.statements += 1
    if (
        statement.meeting is not None
        and statement.sent_at is not None
        and timezone.localdate(statement.sent_at) <= statement.meeting.on
    ):
        tally.sent_by_meeting += 1
    if has_reply(statement):
        reply: Reply = statement.reply
        tally.replied += 1
        if timezone.localdate(reply.written_at) <= answer_due(statement, settings):
            tally.replied_on_time += 1
        if reply.listened == Reply.Listened.YES:
            tally.listened_yes += 1
        elif reply.listened == Reply.Listened.A_BIT:
            tally.listened_a_bit += 1
        elif reply.listened == Reply.Listened.NO:
            tally.listened_no += 1
    topics = dict(tally.topics)
    for topic in statement.answers:
        topics[topic] = topics.get(topic, 0) + 1
    tally.topics = topics
    tally.save()


def purge_old_statements(*, today: date | None = None) -> Purged:
    """Delete every statement past its council's retention period, counting the sent ones first.
    Each statement is counted and deleted in one transaction, so a run stopped half way counts
    nothing twice."""
    today = today or timezone.localdate()
    statements = (
        Statement.objects.select_related("child__council", "meeting", "template", "reply")
        .order_by("pk")
        .iterator(chunk_size=500)
    )
    settings_by_council: dict[int, Settings] = {}
    sent = drafts = 0
    for statement in statements:
        council = statement.child.council
        settings = _settings(council, settings_by_council)
        if kept_until(statement, settings) >= today:
            continue
        with transaction.atomic():
            deleted = Statement.objects.filter(pk=statement.pk).select_for_update().first()
            if deleted is None:
                continue
            if statement.status == Statement.Status.SENT:
                _fold(statement, settings)
                sent += 1
            else:
                drafts += 1
            Statement.objects.filter(pk=statement.pk).delete()
            audit_record(
                action=AuditEvent.Action.DELETE,
                obj=statement,
                council=council,
                detail={"retention_months": settings.retention_months},
            )
    alerts = _purge_decided_alerts(today, settings_by_council)
    children = _purge_idle_children(today, settings_by_council)
    return Purged(statements=sent, drafts=drafts, alerts=alerts, children=children)


def _settings(council: Council, kept: dict[int, Settings]) -> Settings:
    found = kept.get(council.pk)
    if found is None:
        found = kept[council.pk] = settings_of(council)
    return found


def _purge_decided_alerts(today: date, kept: dict[int, Settings]) -> int:
    """Alerts a lead decided are kept for the council's retention period after the decision (the
    council's own safeguarding records hold what matters after that). An alert waiting for a
    decision is never deleted. The alerts of one council, source and month raised that are due
    to go are counted (``AlertTally``: alerts, presses and the different children behind them)
    and deleted together, in one transaction, so the board's report of a past period still
    counts them and a run stopped half way counts nothing twice."""
    due: dict[tuple[int, str, date], list[Alert]] = {}
    decided = Alert.objects.exclude(outcome="").select_related("council").order_by("pk")
    for alert in decided.iterator(chunk_size=500):
        months = _settings(alert.council, kept).retention_months
        if (
            alert.decided_at is None
            or add_months(timezone.localdate(alert.decided_at), months) >= today
        ):
            continue
        month = timezone.localdate(alert.raised_at).replace(day=1)
        due.setdefault((alert.council_id, alert.source, month), []).append(alert)
    deleted = 0
    for (council_id, source, month), alerts in due.items():
        with transaction.atomic():
            still_there = list(
                Alert.objects.select_for_update().filter(pk__in=[alert.pk for alert in alerts])
            )
            if not still_there:
                continue
            tally, _ = AlertTally.objects.select_for_update().get_or_create(
                council_id=council_id, source=source, month=month
            )
            tally.alerts += len(still_there)
            tally.presses += sum(alert.presses for alert in still_there)
            tally.children = max(tally.children, len({alert.child_id for alert in still_there}))
            tally.save()
            Alert.objects.filter(pk__in=[alert.pk for alert in still_there]).delete()
            for alert in still_there:
                audit_record(
                    action=AuditEvent.Action.DELETE,
                    obj=alert,
                    council=alerts[0].council,
                    detail={
                        "retention_months": _settings(alerts[0].council, kept).retention_months
                    },
                )
        deleted += len(still_there)
    return deleted


def _purge_idle_children(today: date, kept: dict[int, Settings]) -> int:
    """A child's record goes once nothing of theirs is left to keep: no statement, no alert, no
    meeting and no change within the council's retention period. What is left of them is the
    anonymous counts."""
    deleted = 0
    idle = (
        Child.objects.select_related("council")
        .annotate(
            last_meeting=Max("meetings__on"),
            statements_left=Count("statements", distinct=True),
            alerts_left=Count("alerts", distinct=True),
        )
        .filter(statements_left=0, alerts_left=0)
        .order_by("pk")
    )
    for child in idle.iterator(chunk_size=500):
        months = _settings(child.council, kept).retention_months
        last = max(
            timezone.localdate(child.created_at),
            child.last_meeting or timezone.localdate(child.created_at),
        )
        if add_months(last, months) >= today:
            continue
        with transaction.atomic():
            if child.statements.exists() or child.alerts.exists():
                continue
            Child.objects.filter(pk=child.pk).delete()
            audit_record(
                action=AuditEvent.Action.DELETE,
                obj=child,
                council=child.council,
                detail={"retention_months": months},
            )
        deleted += 1
    return deleted

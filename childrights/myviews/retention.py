"""Statements are kept for the council's retention period after their meeting (12 months unless
the council sets another), then deleted by ``purge_old_statements``. What is left are anonymous
counts (``Tally``): how many statements, how many answered and on time, how children felt
listened to and the topics they raised, per council, kind of meeting and month."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.myviews.due import answer_due, has_reply, kept_until, meeting_date
from childrights.myviews.models import Reply, Settings, Statement, Tally
from childrights.myviews.selectors import settings_of


@dataclass(frozen=True)
class Purged:
    statements: int
    drafts: int


def _fold(statement: Statement, settings: Settings) -> None:
    """Add one sent statement to its council's counts."""
    held = meeting_date(statement)
    tally, _ = Tally.objects.select_for_update().get_or_create(
        council_id=statement.child.council_id,
        kind=statement.template.kind,
        month=held.replace(day=1),
    )
    tally.statements += 1
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
        settings = settings_by_council.get(council.pk)
        if settings is None:
            settings = settings_by_council[council.pk] = settings_of(council)
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
    return Purged(statements=sent, drafts=drafts)

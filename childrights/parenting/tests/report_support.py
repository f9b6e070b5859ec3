"""Children in care with dated meetings, views, answers back and alerts, for the board's report
tests: made through "my views" own services, then moved to the dates a test needs."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.myviews import services
from childrights.myviews.models import Alert, Child, Meeting, Reply, Statement
from childrights.testing.myviews import CareWorld, make_child

ZONE = ZoneInfo(settings.TIME_ZONE)
START, END = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)
TODAY = datetime.date(2026, 6, 1)


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def a_child(world: CareWorld, number: int) -> Child:
    child, _ = make_child(
        council=world.council,
        team=world.team,
        worker=world.social_worker,
        chosen_name=f"Child {number}",
    )
    return child


def a_meeting(world: CareWorld, child: Child, on: datetime.date, kind: str = "review") -> Meeting:
    meeting = services.meeting_add(
        actor=Actor(person=world.social_worker),
        child=child,
        kind=kind,
        on=timezone.localdate() + datetime.timedelta(days=30),
    )
    Meeting.objects.filter(pk=meeting.pk).update(on=on)
    meeting.on = on
    return meeting


def views_sent(
    world: CareWorld,
    child: Child,
    meeting: Meeting,
    *,
    sent_on: datetime.date,
    topics: tuple[str, ...] = ("family-and-friends",),
) -> Statement:
    """The child's views for a meeting, sent on a day (the meeting moved forward while the
    child writes, so the draft is for it)."""
    held_on = meeting.on
    Meeting.objects.filter(pk=meeting.pk).update(
        on=timezone.localdate() + datetime.timedelta(days=30)
    )
    statement = services.statement_draft(child=child)
    assert statement.meeting_id == meeting.pk
    for topic in topics:
        services.statement_answer(statement=statement, topic=topic, face="🙂", text="Fine")
    services.statement_send(statement=statement, recipient_ids=[world.social_worker.pk])
    Meeting.objects.filter(pk=meeting.pk).update(on=held_on)
    Statement.objects.filter(pk=statement.pk).update(sent_at=at(sent_on))
    statement.refresh_from_db()
    return statement


def answered(
    world: CareWorld, statement: Statement, *, on: datetime.date, listened: str = ""
) -> Reply:
    reply = services.reply_write(
        actor=Actor(person=world.social_worker), statement=statement, text="We decided this."
    )
    Reply.objects.filter(pk=reply.pk).update(written_at=at(on))
    if listened:
        services.listened_record(reply=reply, listened=listened)
    reply.refresh_from_db()
    return reply


def an_alert(child: Child, *, source: str, raised_at: datetime.datetime) -> Alert:
    alert = services.alert_raise(child=child, source=source)
    Alert.objects.filter(pk=alert.pk).update(raised_at=raised_at)
    return alert

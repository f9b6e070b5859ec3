"""When things about a child's statement fall due: the answer back to the child, counted in
working days after the meeting, and the end of the time a statement is kept."""

from datetime import date

from django.utils import timezone

from childrights.myviews.dates import add_months, add_working_days
from childrights.myviews.models import Settings, Statement


def meeting_date(statement: Statement) -> date:
    """The day a statement's meeting is held; for one sent for no meeting, the day it was sent."""
    if statement.meeting is not None:
        return statement.meeting.on
    moment = statement.sent_at or statement.created_at
    return timezone.localdate(moment)


def answer_due(statement: Statement, settings: Settings) -> date:
    return add_working_days(
        meeting_date(statement), settings.answer_due_working_days, statement.child.council.nation
    )


def answer_overdue(statement: Statement, settings: Settings, *, today: date) -> bool:
    if statement.status != Statement.Status.SENT or has_reply(statement):
        return False
    return today > answer_due(statement, settings)


def has_reply(statement: Statement) -> bool:
    try:
        statement.reply  # noqa: B018
    except Statement.reply.RelatedObjectDoesNotExist:
        return False
    return True


def kept_until(statement: Statement, settings: Settings) -> date:
    """The last day a statement is kept: the council's retention months after its meeting."""
    return add_months(meeting_date(statement), settings.retention_months)

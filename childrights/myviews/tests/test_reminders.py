"""The daily reminders: workers are asked to invite a child's views before a meeting, and team
managers told of overdue answers; once each, with no child's name or words in the email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.myviews import services
from childrights.myviews.models import Meeting, Settings
from childrights.myviews.reminders import reviews_remind
from childrights.testing.factories import make_council
from childrights.testing.myviews import make_care_world, make_sent_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def care(db):
    return make_care_world(make_council(name="Aberfield City Council", short_name="Aberfield"))


def _meeting(care, days: int) -> Meeting:
    return services.meeting_add(
        actor=Actor(person=care.social_worker),
        child=care.child,
        kind=Meeting.Kind.REVIEW,
        on=timezone.localdate() + timedelta(days=days),
    )


def test_workers_are_reminded_once_of_a_meeting_within_the_council_s_days(care):
    Settings.objects.create(council=care.council, invite_days_before=7)
    soon = _meeting(care, 5)
    later = _meeting(care, 20)
    assert reviews_remind().meetings == 1
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([care.social_worker.email, care.reviewing_officer.email])
    message = mail.outbox[0]
    assert care.child.chosen_name not in f"{message.subject} {message.body}"
    assert f"/children/{care.child.pk}/" in message.body
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None
    assert later.reminded_at is None
    assert reviews_remind().meetings == 0
    assert len(mail.outbox) == 2


def test_no_reminder_when_the_child_s_views_are_sent(care):
    _meeting(care, 3)
    make_sent_statement(care)
    mail.outbox.clear()
    assert reviews_remind().meetings == 0
    assert mail.outbox == []


def test_team_managers_are_told_once_of_an_overdue_answer(care):
    meeting = _meeting(care, 1)
    statement = make_sent_statement(care, text="I want to see my brother more.")
    Meeting.objects.filter(pk=meeting.pk).update(on=timezone.localdate() - timedelta(days=40))
    mail.outbox.clear()
    call_command("remind_reviews", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [[care.manager.email]]
    body = mail.outbox[0].body
    assert "brother" not in body
    assert care.child.chosen_name not in body
    statement.refresh_from_db()
    assert statement.overdue_flagged_at is not None
    assert reviews_remind().overdue == 0
    assert len(mail.outbox) == 1


def test_an_answered_statement_is_not_overdue(care):
    meeting = _meeting(care, 1)
    statement = make_sent_statement(care)
    services.reply_write(
        actor=Actor(person=care.reviewing_officer), statement=statement, text="Yes"
    )
    Meeting.objects.filter(pk=meeting.pk).update(on=timezone.localdate() - timedelta(days=40))
    mail.outbox.clear()
    assert reviews_remind().overdue == 0
    assert mail.outbox == []

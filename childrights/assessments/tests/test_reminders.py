"""Review reminders: once a review is due within 30 days (or past), the author and the council's
leads are emailed in their own language, and not again for 30 days."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from childrights.assessments import dashboard
from childrights.assessments.models import Assessment
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_user

NOW = datetime.datetime(2027, 8, 10, 7, 0, tzinfo=datetime.UTC)
DUE = datetime.date(2027, 9, 1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def due(world):
    world.member.preferred_language = "cy"
    world.member.save()
    return make_assessment(
        council=world.council_a,
        author=world.member,
        state=Assessment.State.PUBLISHED,
        review_due_on=DUE,
    )


def test_the_author_and_the_leads_are_reminded_each_in_their_language(world, due):
    assert dashboard.review_reminders_send(now=NOW) == 1
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {world.member.email, world.owner.email}
    assert "1 Medi 2027" in by_person[world.member.email].body
    assert "1 September 2027" in by_person[world.owner.email].body
    assert f"/impact-assessments/{due.pk}/" in by_person[world.owner.email].body
    due.refresh_from_db()
    assert due.review_reminded_at == NOW


def test_a_reminder_is_sent_once_in_thirty_days(world, due):
    dashboard.review_reminders_send(now=NOW)
    mail.outbox.clear()
    assert dashboard.review_reminders_send(now=NOW + 29 * DAY) == 0
    assert mail.outbox == []
    assert dashboard.review_reminders_send(now=NOW + 30 * DAY) == 1
    assert len(mail.outbox) == 2


def test_no_reminder_more_than_thirty_days_before_the_review(world, due):
    too_early = datetime.datetime(2027, 7, 31, 7, 0, tzinfo=datetime.UTC)
    assert dashboard.review_reminders_send(now=too_early) == 0
    assert mail.outbox == []


def test_an_overdue_review_is_reminded_as_overdue(world, due):
    dashboard.review_reminders_send(now=datetime.datetime(2027, 9, 3, 7, 0, tzinfo=datetime.UTC))
    assert mail.outbox[0].subject.startswith("Review overdue")


@pytest.mark.parametrize(
    "state", [Assessment.State.DRAFT, Assessment.State.IN_REVIEW, Assessment.State.CLOSED]
)
def test_assessments_not_published_or_signed_off_are_not_reminded(world, state):
    make_assessment(council=world.council_a, author=world.member, state=state, review_due_on=DUE)
    assert dashboard.review_reminders_send(now=NOW) == 0


def test_signed_off_assessments_are_reminded(world):
    make_assessment(
        council=world.council_a,
        author=world.member,
        state=Assessment.State.SIGNED_OFF,
        review_due_on=DUE,
    )
    assert dashboard.review_reminders_send(now=NOW) == 1


def test_an_author_who_is_a_lead_gets_one_email_and_inactive_people_none(world):
    make_user(role="council-lead", council=world.council_a, is_active=False)
    make_assessment(
        council=world.council_a,
        author=world.owner,
        state=Assessment.State.PUBLISHED,
        review_due_on=DUE,
    )
    dashboard.review_reminders_send(now=NOW)
    assert [message.to for message in mail.outbox] == [[world.owner.email]]


def test_the_daily_command_says_how_many_were_reminded(world):
    make_assessment(
        council=world.council_a,
        author=world.member,
        state=Assessment.State.PUBLISHED,
        review_due_on=timezone.localdate() + 5 * DAY,
    )
    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent review reminders for 1 impact assessments."
    call_command("send_review_reminders", stdout=out)
    assert "for 0 impact" in out.getvalue()

"""Feedback is overdue three calendar months after a consultation closes with nothing published or
updated; the council's leads are told once."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from childrights.participation.feedback.dates import add_months, overdue, reply_due
from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    FeedbackTheme,
)
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation

CLOSED = datetime.date(2026, 1, 15)
DUE = datetime.date(2026, 4, 15)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def closed(world):
    return make_consultation(
        council=world.council_a,
        questions=False,
        opens_on=CLOSED - datetime.timedelta(days=30),
        closes_on=CLOSED,
        status=Consultation.Status.CLOSED,
    )


def _update(consultation, made_on):
    commitment = Commitment.objects.create(consultation=consultation, text_en="New swings")
    CommitmentUpdate.objects.create(
        commitment=commitment, made_on=made_on, text_en="Ordered", status="in_progress"
    )


def test_three_calendar_months_from_the_end_of_a_month_is_the_last_day_of_a_shorter_month():
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 11, 30), 3) == datetime.date(2028, 2, 29)


def test_children_are_promised_an_answer_three_months_after_closing(closed):
    assert reply_due(closed) == DUE


def test_feedback_is_not_overdue_on_the_day_it_is_due(closed):
    assert overdue([closed], today=DUE) == []


def test_feedback_is_overdue_the_day_after_it_is_due(closed):
    assert overdue([closed], today=DUE + DAY) == [closed]


def test_a_consultation_still_open_past_its_close_date_counts_as_closed(closed):
    closed.status = Consultation.Status.OPEN
    closed.save()
    assert overdue([closed], today=DUE + DAY) == [closed]


def test_a_consultation_closed_early_is_due_three_months_after_it_was_closed(closed):
    closed.closed_at = datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC)
    assert reply_due(closed) == datetime.date(2026, 4, 5)


def test_a_draft_is_never_overdue(closed):
    closed.status = Consultation.Status.DRAFT
    assert overdue([closed], today=DUE + 400 * DAY) == []


def test_a_published_theme_means_feedback_is_not_overdue(closed):
    FeedbackTheme.objects.create(
        consultation=closed, title_en="Parks", summary_en="More swings", published_at=timezone.now()
    )
    assert overdue([closed], today=DUE + DAY) == []


def test_an_unpublished_theme_does_not_count(closed):
    FeedbackTheme.objects.create(consultation=closed, title_en="Parks", summary_en="More swings")
    assert overdue([closed], today=DUE + DAY) == [closed]


def test_an_update_dated_after_closing_means_feedback_is_not_overdue(closed):
    _update(closed, CLOSED + DAY)
    assert overdue([closed], today=DUE + DAY) == []


def test_an_update_dated_on_the_closing_day_does_not_count(closed):
    _update(closed, CLOSED)
    assert overdue([closed], today=DUE + DAY) == [closed]


def _lead(world, **overrides):
    return make_user(role="council-lead", council=world.council_a, **overrides)


def _flag():
    out = StringIO()
    call_command("flag_overdue_feedback", stdout=out)
    return out.getvalue()


def _pretend_today(monkeypatch, day):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@pytest.fixture
def overdue_today(closed, monkeypatch):
    """Run the command on the day after the reply was due."""
    _pretend_today(monkeypatch, DUE + DAY)


def test_the_command_emails_each_council_lead_once(world, closed, overdue_today):
    output = _flag()
    assert "Flagged 1 " in output
    assert sorted(message.to[0] for message in mail.outbox) == [world.owner.email]
    closed.refresh_from_db()
    assert closed.feedback_overdue_notified_at is not None


def test_the_command_never_emails_twice(world, closed, overdue_today):
    _flag()
    output = _flag()
    assert "Flagged 0 " in output
    assert len(mail.outbox) == 1


def test_the_email_is_in_each_leads_language_and_links_to_the_feedback_page(
    world, closed, overdue_today, settings
):
    welsh = _lead(world, preferred_language="cy")
    _flag()
    by_address = {message.to[0]: message for message in mail.outbox}
    link = f"{settings.SITE_URL}/consultations/{closed.pk}/feedback/"
    assert link in by_address[world.owner.email].body
    assert "Our parks" in by_address[world.owner.email].subject
    assert "Ein parciau" in by_address[welsh.email].subject


def test_the_email_holds_no_childrens_words(world, closed, overdue_today):
    _flag()
    body = mail.outbox[0].body
    assert closed.purpose_en not in body


def test_staff_and_inactive_leads_are_not_emailed(world, closed, overdue_today):
    _lead(world, is_active=False)
    _flag()
    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    assert world.member.email not in {message.to[0] for message in mail.outbox}


def test_leads_of_other_councils_are_not_emailed(world, closed, overdue_today):
    _flag()
    assert world.outsider.email not in {message.to[0] for message in mail.outbox}


def test_a_consultation_not_yet_overdue_is_not_flagged(world, closed, monkeypatch):
    _pretend_today(monkeypatch, DUE)
    assert "Flagged 0 " in _flag()
    assert mail.outbox == []


def test_a_council_with_no_active_lead_is_flagged_once_it_has_one(world, closed, overdue_today):
    world.owner.is_active = False
    world.owner.save()
    assert "Flagged 0 " in _flag()
    _lead(world)
    assert "Flagged 1 " in _flag()
    assert len(mail.outbox) == 1

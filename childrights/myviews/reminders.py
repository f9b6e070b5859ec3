"""Daily reminders (``manage.py remind_reviews``): the workers allocated to a child are asked,
once, to invite the child's views ahead of a meeting (the council's ``invite_days_before``) when
none have been sent for it; a team's managers are told, once, of each answer to a child that is
overdue (``due.answer_overdue``). The emails hold no child's name and no words, only a link to the
child's page, behind sign-in. Run twice, nothing is sent twice: each meeting and statement keeps
when it was reminded or flagged."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.myviews import due
from childrights.myviews.models import Meeting, Settings, Statement
from childrights.myviews.selectors import settings_of

# The most days ahead any council may ask to be reminded (Settings.invite_days_before).
FURTHEST_REMINDER = 60


@dataclass(frozen=True)
class Reminded:
    meetings: int
    overdue: int


def reviews_remind(*, today: date | None = None) -> Reminded:
    day = today or timezone.localdate()
    return Reminded(meetings=_meetings(day), overdue=_overdue(day))


def _link(child_id: int) -> str:
    return django_settings.SITE_URL + reverse("myviews:child", args=[child_id])


def _send(person: User, *, kind: str, subject: str, body: str, link: str) -> None:
    from childrights.core.tasks import send_email

    send_email.enqueue(
        kind=kind, subject=subject, body=body, to=[person.email], fields={"link": link}
    )


def _meetings(day: date) -> int:
    sent = Statement.objects.filter(meeting=OuterRef("pk"), status=Statement.Status.SENT)
    candidates = (
        Meeting.objects.filter(
            reminded_at__isnull=True,
            on__gte=day,
            on__lte=day + timedelta(days=FURTHEST_REMINDER),
        )
        .exclude(Exists(sent))
        .select_related("child__council")
        .order_by("on", "pk")
    )
    known: dict[int, Settings] = {}
    count = 0
    for meeting in candidates:
        council = meeting.child.council
        settings = known.setdefault(council.pk, settings_of(council))
        if meeting.on > day + timedelta(days=settings.invite_days_before):
            continue
        if _remind_meeting(meeting):
            count += 1
    return count


@transaction.atomic
def _remind_meeting(meeting: Meeting) -> bool:
    claimed = Meeting.objects.filter(pk=meeting.pk, reminded_at__isnull=True).update(
        reminded_at=timezone.now()
    )
    if not claimed:
        return False
    link = _link(meeting.child_id)
    workers = [
        allocation.user
        for allocation in meeting.child.allocations.select_related("user")
        if allocation.user.is_active
    ]
    for person in workers:
        with translation.override(person.preferred_language or django_settings.LANGUAGE_CODE):
            values = {
                "meeting": meeting.get_kind_display().lower(),
                "date": meeting.on.strftime("%d/%m/%Y"),
                "link": link,
            }
            subject = _("Ask a child for their views before their meeting on %(date)s") % values
            body = (
                _(
                    "A child you work with has a %(meeting)s on %(date)s and has not sent their "
                    "views for it yet. Ask them for their views, and mark that you did on their "
                    "page, after signing in: %(link)s\n\n"
                    "This email does not contain the child's name."
                )
                % values
            )
        _send(person, kind="views_before_meeting", subject=subject, body=body, link=link)
    return True


def _overdue(day: date) -> int:
    candidates = (
        Statement.objects.filter(
            status=Statement.Status.SENT, overdue_flagged_at__isnull=True, reply__isnull=True
        )
        .select_related("child__council", "child__team", "meeting")
        .order_by("pk")
    )
    known: dict[int, Settings] = {}
    count = 0
    for statement in candidates:
        council = statement.child.council
        settings = known.setdefault(council.pk, settings_of(council))
        if not due.answer_overdue(statement, settings, today=day):
            continue
        if _flag_overdue(statement, settings):
            count += 1
    return count


@transaction.atomic
def _flag_overdue(statement: Statement, settings: Settings) -> bool:
    claimed = Statement.objects.filter(pk=statement.pk, overdue_flagged_at__isnull=True).update(
        overdue_flagged_at=timezone.now()
    )
    if not claimed:
        return False
    link = _link(statement.child_id)
    managers = list(statement.child.team.managers.filter(is_active=True).order_by("pk"))
    for person in managers:
        with translation.override(person.preferred_language or django_settings.LANGUAGE_CODE):
            values = {
                "date": due.answer_due(statement, settings).strftime("%d/%m/%Y"),
                "team": statement.child.team.name,
                "link": link,
            }
            subject = _("An answer to a child is overdue (%(team)s)") % values
            body = (
                _(
                    "A child of %(team)s sent their views and has not been told what was decided "
                    "about them. The answer was due by %(date)s. See the child's page, after "
                    "signing in: %(link)s\n\n"
                    "You are getting this because you manage the team. This email does not contain "
                    "the child's name or what they said."
                )
                % values
            )
        _send(person, kind="answer_overdue", subject=subject, body=body, link=link)
    return True

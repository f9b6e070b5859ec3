"""Overdue reminders: once a consultation's answer back is overdue (``feedback.dates.overdue``),
each of the council's leads is emailed, once per consultation; run daily by
``manage.py flag_overdue_feedback``.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_leads
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.presenters import day_text, localised
from childrights.participation.feedback.dates import closed_on, overdue, reply_due
from childrights.participation.models import Consultation


def overdue_flag(*, today: datetime.date | None = None) -> int:
    """Email the council leads of each overdue consultation, once per consultation; returns how
    many consultations were flagged. A council with no active lead is left for another day."""
    day = today or timezone.localdate()
    waiting = (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(feedback_overdue_notified_at__isnull=True)
        .filter(Q(closes_on__lt=day) | Q(status=Consultation.Status.CLOSED))
        .exclude(themes__published_at__isnull=False)
        .exclude(commitments__published_at__isnull=False)
    )
    flagged = 0
    for consultation in overdue(waiting, today=day):
        if _overdue_notify(consultation):
            flagged += 1
    return flagged


@transaction.atomic
def _overdue_notify(consultation: Consultation) -> bool:
    from childrights.core.tasks import send_email

    leads = list(council_leads(council=consultation.council))
    closed, due = closed_on(consultation), reply_due(consultation)
    if not leads or closed is None or due is None:
        return False
    claimed = Consultation.objects.filter(
        pk=consultation.pk, feedback_overdue_notified_at__isnull=True
    ).update(feedback_overdue_notified_at=timezone.now())
    if not claimed:
        return False
    link = settings.SITE_URL + reverse("participation:feedback", args=[consultation.pk])
    for person in leads:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            values = {
                "title": localised(consultation, "title"),
                "closed": day_text(closed),
                "due": day_text(due),
                "council": consultation.council.name,
                "link": link,
            }
            subject = _("Children are waiting for your answer: %(title)s") % values
            body = (
                _(
                    "The consultation “%(title)s” closed on %(closed)s. The children who took "
                    "part were told the council would answer them by %(due)s, and nothing has "
                    "been published for them yet.\n\n"
                    "Write and publish what children said and what the council will do "
                    "(“you said, we did”): %(link)s\n\n"
                    "You are getting this because you are a council lead for %(council)s. "
                    "This reminder is sent once."
                )
                % values
            )
        send_email.enqueue(
            kind="feedback_overdue",
            subject=subject,
            body=body,
            to=[person.email],
            fields={"link": link},
        )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        obj=consultation,
        detail={"feedback_overdue_notified": len(leads)},
    )
    return True

"""Stale services: each council's members who may edit its directory are emailed the services
nobody has checked for ``selectors.STALE_AFTER_MONTHS`` months (or ever), at most once a calendar
month per council; run daily by ``manage.py remind_stale_services``.

The audit log records each reminder (on the council, with the month), and is what says whether
this month's was sent: the directory keeps no field of its own for it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.accounts.selectors import users_with_capability
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.directory import selectors

REMINDER_KEY = "directory_stale_reminder"
# The most services one email names; the page lists them all.
MOST_NAMED = 30


def stale_remind(*, today: datetime.date | None = None) -> int:
    """Remind each council with stale services, once this month; returns how many were."""
    day = today or timezone.localdate()
    return sum(
        1 for council in selectors.councils_with_stale_services(today=day) if _remind(council, day)
    )


@transaction.atomic
def _remind(council: Council, day: datetime.date) -> bool:
    from childrights.core.tasks import send_email

    month = day.strftime("%Y-%m")
    locked = Council.objects.select_for_update().get(pk=council.pk)
    already = AuditEvent.objects.filter(
        council_id=locked.pk, **{f"detail__{REMINDER_KEY}": month}
    ).exists()
    people = list(users_with_capability(council_id=locked.pk, capability="edit"))
    stale = list(selectors.stale_services(council=locked, today=day))
    if already or not people or not stale:
        return False
    link = settings.SITE_URL + reverse("directory:records", args=[locked.pk])
    for person in people:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            names = "\n".join(
                f"- {service.name_en}: "
                + (
                    _("last checked %(day)s") % {"day": service.last_checked_on.isoformat()}
                    if service.last_checked_on
                    else _("never checked")
                )
                for service in stale[:MOST_NAMED]
            )
            values = {
                "count": len(stale),
                "months": selectors.STALE_AFTER_MONTHS,
                "council": locked.name,
                "names": names,
                "link": link,
            }
            subject = _("Services to check in your directory: %(count)s") % values
            body = (
                _(
                    "Nobody has checked these services of %(council)s for %(months)s months, "
                    "or ever. Young people read them to decide where to go: check that each "
                    "still says the right thing, then mark it as checked today.\n\n"
                    "%(names)s\n\n"
                    "All of them: %(link)s\n\n"
                    "You are getting this because you can change the council’s directory. "
                    "This reminder is sent at most once a month."
                )
                % values
            )
        send_email.enqueue(
            kind="directory_services_to_check",
            subject=subject,
            body=body,
            to=[person.email],
            fields={"link": link},
        )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        obj=locked,
        council=locked,
        detail={REMINDER_KEY: month, "services": len(stale), "people": len(people)},
    )
    return True

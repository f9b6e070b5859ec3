"""What waits for a member of staff in the children's voice (``core.waiting``): concerns no lead
has decided on, for the council's safeguarding leads; the council's consultations closing soon,
for its members."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from childrights.accounts.models import User
from childrights.core.presenters import localised
from childrights.core.waiting import Waiting
from childrights.participation.models import Concern, Consultation

CLOSING_WITHIN_DAYS = 14


def waiting_work(user: User, today: date) -> Iterable[Waiting]:
    leads = user.council_ids("safeguarding")
    if leads:
        waiting = (
            Concern.objects.filter(council_id__in=leads, decisions__isnull=True)
            .values("council_id", "council__short_name")
            .annotate(count=Count("pk", distinct=True))
            .order_by("council__short_name")
        )
        for row in waiting:
            yield Waiting(
                kind="concerns",
                text=ngettext(
                    "%(count)s concern waiting for a decision in the safeguarding queue",
                    "%(count)s concerns waiting for a decision in the safeguarding queue",
                    row["count"],
                )
                % {"count": row["count"]},
                url=reverse("participation:concerns", args=[row["council_id"]]),
                council=row["council__short_name"],
            )
    members = user.council_ids()
    if not members:
        return
    closing = (
        Consultation.objects.filter(
            council_id__in=members,
            status=Consultation.Status.OPEN,
            closes_on__gte=today,
            closes_on__lte=today + timedelta(days=CLOSING_WITHIN_DAYS),
        )
        .select_related("council")
        .order_by("closes_on", "pk")
    )
    for consultation in closing:
        days = (consultation.closes_on - today).days
        yield Waiting(
            kind="closing",
            text=(
                _("%(title)s closes today") % {"title": localised(consultation, "title")}
                if days == 0
                else ngettext(
                    "%(title)s closes in %(days)s day",
                    "%(title)s closes in %(days)s days",
                    days,
                )
                % {"title": localised(consultation, "title"), "days": days}
            ),
            url=reverse("participation:consultation", args=[consultation.pk]),
            council=consultation.council.short_name,
        )

"""What waits for a member of staff in the directory (``core.waiting``): held messages no lead
has read, for the council's safeguarding leads; services nobody has checked for six months, for
those who keep the directory."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from childrights.accounts.models import User
from childrights.core.waiting import Waiting
from childrights.directory import selectors
from childrights.directory.models import SendComment, Service, Suggestion


def waiting_work(user: User, today: date) -> Iterable[Waiting]:
    leads = user.council_ids("safeguarding")
    held: dict[tuple[int, str], int] = {}
    for model in (Suggestion, SendComment):
        rows = (
            model.objects.filter(council_id__in=leads, held=True, held_reviewed_at__isnull=True)
            .values("council_id", "council__short_name")
            .annotate(count=Count("pk"))
        )
        for row in rows:
            key = (row["council_id"], row["council__short_name"])
            held[key] = held.get(key, 0) + row["count"]
    for (council_id, name), count in sorted(held.items(), key=lambda item: item[0][1]):
        yield Waiting(
            kind="concerns",
            text=ngettext(
                "%(count)s message about services held for safeguarding",
                "%(count)s messages about services held for safeguarding",
                count,
            )
            % {"count": count},
            url=reverse("directory:held", args=[council_id]),
            council=name,
        )
    editors = user.council_ids("edit")
    stale = (
        Service.objects.filter(council_id__in=editors)
        .exclude(status=Service.Status.DEFUNCT)
        .filter(selectors.stale_filter(today))
        .values("council_id", "council__short_name")
        .annotate(count=Count("pk"))
        .order_by("council__short_name")
    )
    for row in stale:
        yield Waiting(
            kind="stale",
            text=ngettext(
                "%(count)s service not checked for %(months)s months",
                "%(count)s services not checked for %(months)s months",
                row["count"],
            )
            % {"count": row["count"], "months": selectors.STALE_AFTER_MONTHS},
            url=reverse("directory:records", args=[row["council_id"]]),
            council=row["council__short_name"],
        )

"""What waits for a member of staff in children in care's own views (``core.waiting``): answers
to children that are overdue and reviews coming up, for the children a worker is allocated to
and the teams a manager manages (``caseload``, through ``selectors``); safety alerts no lead has
decided on, for the council's safeguarding leads."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from childrights.accounts.models import User
from childrights.core.waiting import Waiting
from childrights.councils.models import Council
from childrights.myviews import caseload
from childrights.myviews.models import Alert
from childrights.myviews.selectors import SAFEGUARDING, WORKS_WITH_CHILDREN

# A review whose latest date falls within these days is "coming up".
REVIEW_SOON_DAYS = 28


def _rows(user: User, council: Council, today: date) -> list[caseload.ChildRow]:
    """The children this person answers for in the council: their own, then their teams'."""
    rows = caseload.rows(caseload.allocated_to(user, council), council=council, today=today)
    seen = {row.child.pk for row in rows}
    for team in caseload.team_views(user, council, today=today):
        for row in team.rows:
            if row.child.pk not in seen:
                seen.add(row.child.pk)
                rows.append(row)
    return rows


def _review_soon(row: caseload.ChildRow, today: date) -> bool:
    soon = today + timedelta(days=REVIEW_SOON_DAYS)
    return row.review_late or (row.latest_review is not None and row.latest_review <= soon)


def waiting_work(user: User, today: date) -> Iterable[Waiting]:
    leads = user.council_ids(SAFEGUARDING)
    alerts = (
        Alert.objects.filter(council_id__in=leads, outcome="")
        .values("council_id", "council__short_name")
        .annotate(count=Count("pk"))
        .order_by("council__short_name")
    )
    for row in alerts:
        yield Waiting(
            kind="concerns",
            text=ngettext(
                "%(count)s safety alert from a child in care waiting for a decision",
                "%(count)s safety alerts from children in care waiting for a decision",
                row["count"],
            )
            % {"count": row["count"]},
            url=reverse("myviews:alerts", args=[row["council_id"]]),
            council=row["council__short_name"],
        )
    workers = user.council_ids(WORKS_WITH_CHILDREN)
    for council in Council.objects.filter(pk__in=workers).order_by("short_name"):
        rows = _rows(user, council, today)
        url = reverse("myviews:children", args=[council.pk])
        overdue = sum(row.overdue for row in rows)
        if overdue:
            yield Waiting(
                kind="overdue",
                text=ngettext(
                    "%(count)s answer to a child is overdue",
                    "%(count)s answers to children are overdue",
                    overdue,
                )
                % {"count": overdue},
                url=url,
                council=council.short_name,
            )
        reviews = sum(1 for row in rows if _review_soon(row, today))
        if reviews:
            yield Waiting(
                kind="reviews",
                text=ngettext(
                    "%(count)s child's review is due within %(days)s days or late",
                    "%(count)s children's reviews are due within %(days)s days or late",
                    reviews,
                )
                % {"count": reviews, "days": REVIEW_SOON_DAYS},
                url=url,
                council=council.short_name,
            )

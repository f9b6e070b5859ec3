"""The progress reports kept: reading a council's reports and the programme's, asking for a
report to be built in the background (the same request sent twice while it is being built is
one report), and publishing a finished partner report as the council's public summary or
withdrawing it. Each request and publication is audited.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone, translation

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.language import language_code
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council
from childrights.outcomes.models import Report
from childrights.outcomes.tasks import report_build
from childrights.programme.models import Partnership

# A request for the same report while one is still being built is the same request.
SAME_REQUEST_WITHIN = datetime.timedelta(hours=1)


# Reads ---------------------------------------------------------------------------------------


def reports_of(*, council: Council) -> QuerySet[Report]:
    return Report.objects.filter(kind=Report.Kind.PARTNER, council=council).order_by(
        "-created_at", "-pk"
    )


def report_or_404(*, request: HttpRequest, report_id: int, needs: str | None = None) -> Report:
    """A partner report, for people in its council (and the programme team).
    ``needs``: the capability the action needs; members whose role lacks it get 403."""
    return get_owned_or_404(
        Report.objects.filter(kind=Report.Kind.PARTNER).select_related("council", "requested_by"),
        request=request,
        needs=needs,
        pk=report_id,
    )


def programme_reports() -> QuerySet[Report]:
    """Only for views that have checked the person is in the programme team."""
    return Report.objects.filter(kind=Report.Kind.PROGRAMME).order_by("-created_at", "-pk")


def programme_report_or_404(*, report_id: int) -> Report:
    found = programme_reports().select_related("requested_by").filter(pk=report_id).first()
    if found is None:
        raise Http404
    return found


def is_slow(report: Report, *, now: datetime.datetime | None = None) -> bool:
    """Still waiting or being built long after it was asked for: the worker may have stopped,
    and asking again starts a new build."""
    if report.status not in {Report.Status.QUEUED, Report.Status.RUNNING}:
        return False
    return report.created_at < (now or timezone.now()) - SAME_REQUEST_WITHIN


def partnership_of(*, council: Council) -> Partnership | None:
    """The council's place in the programme, where its public summary is shown."""
    return partnerships_of(council_ids=[council.pk]).get(council.pk)


def partnerships_of(*, council_ids: Iterable[int]) -> dict[int, Partnership]:
    """``partnership_of`` for many councils at once, in one query: each council's partnership
    by its id (a council with none is left out)."""
    found: dict[int, Partnership] = {}
    wanted = Partnership.objects.filter(council_id__in=set(council_ids)).order_by("-pk")
    for partnership in wanted:
        found[partnership.council_id] = partnership  # the lowest pk is the last one written
    return found


def _published_summaries() -> QuerySet[Report]:
    return Report.objects.filter(
        kind=Report.Kind.PARTNER, status=Report.Status.DONE, published_at__isnull=False
    )


def published_summary(*, council: Council) -> Report | None:
    """The partner report the council last published as its public summary."""
    return _published_summaries().filter(council=council).order_by("-published_at", "-pk").first()


def published_summaries() -> QuerySet[Report]:
    """Every council's public summary (the one ``published_summary`` gives each), newest
    first."""
    latest = (
        _published_summaries()
        .filter(council=OuterRef("council"))
        .order_by("-published_at", "-pk")
        .values("pk")[:1]
    )
    return (
        _published_summaries()
        .filter(pk=Subquery(latest))
        .select_related("council")
        .order_by("-published_at", "-pk")
    )


# Writes --------------------------------------------------------------------------------------


def _enqueue(report: Report) -> None:
    try:
        report_build.enqueue(report_id=report.pk)
    except Exception:
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.FAILED,
            progress=100,
            error=translation.gettext("The report could not be started. Request it again."),
            finished_at=timezone.now(),
        )
        raise


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def _request(*, actor: Actor, kind: str, council: Council | None, period: Period) -> Report:
    language = language_code()
    with transaction.atomic():
        waiting = (
            Report.objects.select_for_update()
            .filter(
                kind=kind,
                council=council,
                period_start=period.start,
                period_end=period.end,
                language=language,
                status__in=[Report.Status.QUEUED, Report.Status.RUNNING],
                created_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
            )
            .first()
        )
        if waiting is not None:
            return waiting  # the same request sent twice: one report
        report = Report.objects.create(
            kind=kind,
            council=council,
            period_start=period.start,
            period_end=period.end,
            language=language,
            requested_by=actor.person if isinstance(actor.person, User) else None,
        )
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            obj=report,
            detail={"period": [period.start.isoformat(), period.end.isoformat()]},
        )
        transaction.on_commit(lambda: _enqueue(report))
    return report


def report_request(
    *,
    actor: Actor,
    council: Council,
    period_start: datetime.date,
    period_end: datetime.date,
) -> Report:
    """Queue a partner's progress report for the period; it is built in the background."""
    return _request(
        actor=actor,
        kind=Report.Kind.PARTNER,
        council=council,
        period=Period(period_start, period_end),
    )


def programme_report_request(
    *, actor: Actor, period_start: datetime.date, period_end: datetime.date
) -> Report:
    """Queue the programme report for the period; it is built in the background."""
    return _request(
        actor=actor,
        kind=Report.Kind.PROGRAMME,
        council=None,
        period=Period(period_start, period_end),
    )


class NotReady(Exception):
    """Only a finished partner report can be published."""


@transaction.atomic
def report_publish(*, actor: Actor, report: Report) -> Report:
    """Make a finished partner report the council's public summary (the latest published one
    is shown)."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.kind != Report.Kind.PARTNER or locked.status != Report.Status.DONE:
        raise NotReady
    if locked.published_at is None:
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=locked,
            detail={"published": True},
        )
    return locked


@transaction.atomic
def report_unpublish(*, actor: Actor, report: Report) -> Report:
    """Stop showing the report as the public summary."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.published_at is not None:
        locked.published_at = None
        locked.save(update_fields=["published_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=locked,
            detail={"published": False},
        )
    return locked

"""The board's reports kept: a council's reports (council-scoped, 404 to everyone else), who may
ask for one (members who edit, and team managers of children in care), and asking for one to be
built in the background (the same request sent twice while it is being built is one report).
Each request is audited."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation

from childrights.accounts.models import User
from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.language import language_code
from childrights.core.models import AuditEvent
from childrights.core.tenancy import get_owned_or_404, has_capability_in, require_capability
from childrights.councils.models import Council
from childrights.parenting.models import BoardReport
from childrights.parenting.tasks import board_report_build

SAME_REQUEST_WITHIN = datetime.timedelta(hours=1)
# Who may ask for a report: people who edit the council's records, and managers of its teams of
# children in care. Every member of the council may read the reports (the board's members
# among them): their figures are under disclosure control.
MAY_REQUEST = ("edit", "manage_care_team")


def last_financial_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """1 April to 31 March of the last financial year that has ended."""
    end_year = today.year if today >= datetime.date(today.year, 3, 31) else today.year - 1
    return datetime.date(end_year - 1, 4, 1), datetime.date(end_year, 3, 31)


def may_request(user: object, council: Council) -> bool:
    return any(has_capability_in(user, council.pk, capability) for capability in MAY_REQUEST)


def council_or_404(*, request: HttpRequest, council_id: int, to_request: bool = False) -> Council:
    """One of the person's councils (404 otherwise); ``to_request``: 403 to members who may not
    ask for a report."""
    council = council_for_user_or_404(request=request, council_id=council_id, programme_team=False)
    if to_request and not may_request(request.user, council):
        require_capability(request, council.pk, MAY_REQUEST[0])
    return council


def reports_of(*, council: Council) -> QuerySet[BoardReport]:
    return BoardReport.objects.filter(council=council).order_by("-created_at", "-pk")


def report_or_404(*, request: HttpRequest, board_report_id: int) -> BoardReport:
    return get_owned_or_404(
        BoardReport.objects.select_related("council", "requested_by"),
        request=request,
        programme_team=False,
        pk=board_report_id,
    )


def is_slow(report: BoardReport, *, now: datetime.datetime | None = None) -> bool:
    """Still waiting or being built long after it was asked for: asking again starts anew."""
    if report.status not in {BoardReport.Status.QUEUED, BoardReport.Status.RUNNING}:
        return False
    return report.created_at < (now or timezone.now()) - SAME_REQUEST_WITHIN


def _enqueue(report: BoardReport) -> None:
    try:
        board_report_build.enqueue(board_report_id=report.pk)
    except Exception:
        BoardReport.objects.filter(pk=report.pk).update(
            status=BoardReport.Status.FAILED,
            progress=100,
            error=translation.gettext("The report could not be started. Request it again."),
            finished_at=timezone.now(),
        )
        raise


def board_report_request(
    *,
    actor: Actor,
    council: Council,
    period_start: datetime.date,
    period_end: datetime.date,
) -> BoardReport:
    """Queue the board's report for the period; it is built in the background."""
    language = language_code()
    with transaction.atomic():
        waiting = (
            BoardReport.objects.select_for_update()
            .filter(
                council=council,
                period_start=period_start,
                period_end=period_end,
                language=language,
                status__in=[BoardReport.Status.QUEUED, BoardReport.Status.RUNNING],
                created_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
            )
            .first()
        )
        if waiting is not None:
            return waiting
        report = BoardReport.objects.create(
            council=council,
            period_start=period_start,
            period_end=period_end,
            language=language,
            requested_by=actor.person if isinstance(actor.person, User) else None,
        )
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            obj=report,
            detail={"period": [period_start.isoformat(), period_end.isoformat()]},
        )
        transaction.on_commit(lambda: _enqueue(report))
    return report

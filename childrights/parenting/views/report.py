"""The board's reports: a council's list, asking for one for a period, the report's page (and the
version written for the Children in Care Council) and their PDFs. Every member of the council
reads them; members who edit and team managers ask for them."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.parenting.forms.report import PeriodForm
from childrights.parenting.models import BoardReport
from childrights.parenting.presenters.report import report_context
from childrights.parenting.report import records
from childrights.parenting.tasks import pdf_filename

PAGE_SIZE = 25
READ_ONLY = ["GET", "HEAD"]


@login_required
def report_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = records.council_or_404(request=request, council_id=council_id)
    if request.method not in READ_ONLY:
        return HttpResponseNotAllowed(READ_ONLY)
    page = Paginator(records.reports_of(council=council), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "parenting/report/list.html",
        {
            "council": council,
            "page": page,
            "can_request": records.may_request(request.user, council),
        },
    )


@login_required
def report_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = records.council_or_404(request=request, council_id=council_id, to_request=True)
    start, end = records.last_financial_year(timezone.localdate())
    form = PeriodForm(
        request.POST if request.method == "POST" else None,
        initial={"period_start": start, "period_end": end},
    )
    if request.method == "POST" and form.is_valid():
        report = records.board_report_request(
            actor=Actor.from_request(request), council=council, **form.cleaned_data
        )
        return redirect("parenting:report", board_report_id=report.pk)
    return render(request, "parenting/report/new.html", {"council": council, "form": form})


def _page(
    request: HttpRequest, board_report_id: int, template: str, *, children: bool
) -> HttpResponse:
    report = records.report_or_404(request=request, board_report_id=board_report_id)
    if request.method not in READ_ONLY:
        return HttpResponseNotAllowed(READ_ONLY)
    context: dict[str, Any] = {
        "council": report.council,
        "report": report,
        "is_slow": records.is_slow(report),
    }
    if report.status == BoardReport.Status.DONE:
        context |= report_context(report.figures, children=children)
    return render(request, template, context)


@login_required
def report_detail(request: HttpRequest, board_report_id: int) -> HttpResponse:
    return _page(request, board_report_id, "parenting/report/detail.html", children=False)


@login_required
def report_children(request: HttpRequest, board_report_id: int) -> HttpResponse:
    return _page(request, board_report_id, "parenting/report/children.html", children=True)


def _pdf(
    request: HttpRequest, report: BoardReport, file: FieldFile, *, children: bool
) -> FileResponse:
    if report.status != BoardReport.Status.DONE or not file:
        raise Http404
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        obj=report,
        detail={"export": "children's board report PDF" if children else "board report PDF"},
    )
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=pdf_filename(report, children=children),
        content_type="application/pdf",
    )


@login_required
def report_pdf(request: HttpRequest, board_report_id: int) -> HttpResponseBase:
    report = records.report_or_404(request=request, board_report_id=board_report_id)
    if request.method not in READ_ONLY:
        return HttpResponseNotAllowed(READ_ONLY)
    return _pdf(request, report, report.pdf, children=False)


@login_required
def report_children_pdf(request: HttpRequest, board_report_id: int) -> HttpResponseBase:
    report = records.report_or_404(request=request, board_report_id=board_report_id)
    if request.method not in READ_ONLY:
        return HttpResponseNotAllowed(READ_ONLY)
    return _pdf(request, report, report.children_pdf, children=True)

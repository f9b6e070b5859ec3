"""Progress reports: a council's reports for a period (page and PDF), the programme report with
every partner side by side, and each partner's published summary for the public."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.permissions import has_capability_in, require_programme_team
from childrights.councils.models import Council
from childrights.outcomes.forms.reports import PeriodForm
from childrights.outcomes.models import Report
from childrights.outcomes.presenters.reports import partner_context, programme_context
from childrights.outcomes.reports import records as report_records
from childrights.outcomes.tasks import pdf_filename
from childrights.programme import selectors as programme

PAGE_SIZE = 25


def last_financial_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """1 April to 31 March of the last financial year that has ended."""
    end_year = today.year if today >= datetime.date(today.year, 3, 31) else today.year - 1
    return datetime.date(end_year - 1, 4, 1), datetime.date(end_year, 3, 31)


def _period_form(request: HttpRequest) -> PeriodForm:
    start, end = last_financial_year(timezone.localdate())
    return PeriodForm(request.POST or None, initial={"period_start": start, "period_end": end})


def _pdf_response(request: HttpRequest, report: Report) -> FileResponse:
    if report.status != Report.Status.DONE or not report.pdf:
        raise Http404
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        obj=report,
        detail={"export": "progress report PDF"},
    )
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=pdf_filename(report),
        content_type="application/pdf",
    )


def _council_of(report: Report) -> Council:
    if report.council is None:  # a partner report always has one (a database constraint)
        raise Http404
    return report.council


# A council's reports ---------------------------------------------------------------------------


@login_required
def report_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id)
    page = Paginator(report_records.reports_of(council=council), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "outcomes/reports/list.html",
        {
            "council": council,
            "page": page,
            "published": report_records.published_summary(council=council),
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def report_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    form = _period_form(request)
    if request.method == "POST" and form.is_valid():
        report = report_records.report_request(
            actor=Actor.from_request(request), council=council, **form.cleaned_data
        )
        return redirect("outcomes:report", report_id=report.pk)
    return render(request, "outcomes/reports/new.html", {"council": council, "form": form})


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_records.report_or_404(request=request, report_id=report_id)
    council = _council_of(report)
    context: dict[str, Any] = {
        "council": council,
        "report": report,
        "partnership": report_records.partnership_of(council=council),
        "is_slow": report_records.is_slow(report),
        "can_edit": has_capability_in(request.user, council.pk, "edit"),
    }
    if report.status == Report.Status.DONE:
        context |= partner_context(report.figures)
    return render(request, "outcomes/reports/detail.html", context)


@login_required
def report_pdf(request: HttpRequest, report_id: int) -> FileResponse:
    return _pdf_response(
        request, report_records.report_or_404(request=request, report_id=report_id)
    )


@login_required
def report_publish(request: HttpRequest, report_id: int) -> HttpResponse:
    """Publish a finished report as the council's public summary, or stop publishing it."""
    report = report_records.report_or_404(request=request, report_id=report_id, needs="edit")
    if request.method != "POST":
        return redirect("outcomes:report", report_id=report.pk)
    if request.POST.get("action") == "unpublish":
        report_records.report_unpublish(actor=Actor.from_request(request), report=report)
        messages.success(request, _("The report is no longer the public summary."))
        return redirect("outcomes:report", report_id=report.pk)
    try:
        report_records.report_publish(actor=Actor.from_request(request), report=report)
    except report_records.NotReady:
        messages.info(request, _("Only a report that is ready can be published."))
    else:
        messages.success(
            request, _("Published. Anyone can now read this summary on the partner’s page.")
        )
    return redirect("outcomes:report", report_id=report.pk)


# The programme report ----------------------------------------------------------------------------


@login_required
def programme_report_list(request: HttpRequest) -> HttpResponse:
    require_programme_team(request)
    form = _period_form(request)
    if request.method == "POST" and form.is_valid():
        report = report_records.programme_report_request(
            actor=Actor.from_request(request), **form.cleaned_data
        )
        return redirect("outcomes:programme_report", report_id=report.pk)
    page = Paginator(report_records.programme_reports(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "outcomes/reports/programme_list.html", {"form": form, "page": page})


@login_required
def programme_report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    require_programme_team(request)
    report = report_records.programme_report_or_404(report_id=report_id)
    context: dict[str, Any] = {"report": report, "is_slow": report_records.is_slow(report)}
    if report.status == Report.Status.DONE:
        context |= programme_context(report.figures)
    return render(request, "outcomes/reports/programme_detail.html", context)


@login_required
def programme_report_pdf(request: HttpRequest, report_id: int) -> FileResponse:
    require_programme_team(request)
    return _pdf_response(request, report_records.programme_report_or_404(report_id=report_id))


# The public summary --------------------------------------------------------------------------


def partner_progress(request: HttpRequest, partner_slug: str) -> HttpResponse:
    """A partner's latest published summary, with counts of people under disclosure control."""
    partnership = programme.partnership_by_slug(slug=partner_slug)
    if partnership is None:
        raise Http404
    council = partnership.council
    report = report_records.published_summary(council=council)
    context: dict[str, Any] = {"partnership": partnership, "council": council, "report": report}
    if report is not None:
        context |= partner_context(report.figures, public=True)
    return render(request, "outcomes/reports/public.html", context)

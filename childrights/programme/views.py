"""Public programme pages, find-your-council, enquiries, and the programme team's pages."""

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.csv_export import csv_stream
from childrights.core.form_pages import form_page
from childrights.core.language import is_welsh
from childrights.core.models import AuditEvent
from childrights.core.permissions import require_programme_team
from childrights.councils import public_pages
from childrights.councils.names import council_name
from childrights.programme import selectors, services
from childrights.programme.forms import (
    BaselineFactForm,
    CouncilSearchForm,
    EnquiryFilterForm,
    EnquiryForm,
    EnquiryUpdateForm,
    PartnershipForm,
    PilotForm,
)
from childrights.programme.models import BaselineFact, Enquiry, Partnership, Pilot


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "programme/home.html", {"programme": selectors.programme()})


def partner_list(request: HttpRequest) -> HttpResponse:
    """Every partner council, a page at a time, optionally of one nation (an unknown nation in
    the address shows every nation)."""
    counts = selectors.partner_counts_by_nation()
    nation = request.GET.get("nation", "")
    if nation not in counts:
        nation = ""
    page = selectors.partners_page(nation=nation, number=request.GET.get("page"), welsh=is_welsh())
    return render(
        request,
        "programme/partner_list.html",
        {
            "programme": selectors.programme(),
            "counts": counts,
            "total": sum(counts.values()),
            "nation": nation,
            "nation_query": urlencode({"nation": nation}) if nation else "",
            "page": page,
            "by_nation": selectors.by_nation(list(page.object_list)),
            "page_size": selectors.PARTNERS_PAGE_SIZE,
        },
    )


def partner_detail(request: HttpRequest, partner_slug: str) -> HttpResponse:
    partnership = selectors.partnership_by_slug(slug=partner_slug)
    if partnership is None:
        raise Http404
    return render(
        request,
        "programme/partner_detail.html",
        {"partnership": partnership, "links": public_pages.links_for(partnership.council)},
    )


def find_your_council(request: HttpRequest) -> HttpResponse:
    form = CouncilSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results, total = selectors.councils_search(query=query)
    letter = request.GET.get("letter", "").upper()
    if query or letter not in selectors.LETTERS or len(letter) != 1:
        letter = ""
    by_letter = selectors.councils_by_letter(letter=letter, welsh=is_welsh()) if letter else None
    return render(
        request,
        "programme/find_your_council.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "total": total,
            "limit": selectors.SEARCH_LIMIT,
            "partner_ids": selectors.partner_council_ids(),
            "counts": selectors.council_counts_by_nation(),
            "letters": selectors.LETTERS,
            "letter": letter,
            "by_letter": by_letter,
        },
    )


def council_page(request: HttpRequest, gss_code: str) -> HttpResponse:
    """A council's public page: where it stands in the programme and what it has published."""
    council = selectors.council_by_gss(gss_code=gss_code)
    if council is None:
        raise Http404
    return render(
        request,
        "programme/council.html",
        {
            "council": council,
            "partnerships": selectors.partnerships_of_council(council),
            "sections": public_pages.sections_for(council),
            "links": public_pages.links_for(council),
        },
    )


def enquiry_new(request: HttpRequest) -> HttpResponse:
    form = EnquiryForm(request.POST or None, initial={"submission_key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        services.enquiry_submit(
            actor=Actor.from_request(request),
            fields=form.enquiry_fields(),
            honeypot_filled=bool(form.cleaned_data["website"]),
        )
        return redirect("programme:enquiry_sent")
    return render(request, "programme/enquiry_form.html", {"form": form})


def enquiry_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "programme/enquiry_sent.html")


# --- programme team ---------------------------------------------------------------------------


def _found(record: Any) -> Any:
    if record is None:
        raise Http404
    return record


def _partnership_of(record: Pilot | BaselineFact | None, partnership_id: int | None) -> Partnership:
    """The partnership a pilot or figure belongs to, or the one a new one is being added to."""
    if record is not None:
        return record.partnership
    found: Partnership = _found(selectors.partnership(partnership_id=partnership_id or 0))
    return found


def _partnership_form_page(
    request: HttpRequest, form: Any, partnership: Partnership, title: str, intro: str = ""
) -> HttpResponse:
    return form_page(
        request,
        form,
        caption=council_name(partnership.council),
        title=title,
        intro=intro,
        cancel="programme:partnership_manage",
        cancel_args=[partnership.pk],
    )


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    require_programme_team(request)
    return render(
        request,
        "programme/manage/partnerships.html",
        {"partnerships": selectors.partnerships_for_team()},
    )


@login_required
def partnership_add(request: HttpRequest) -> HttpResponse:
    require_programme_team(request)
    programme = _found(selectors.programme())
    form = PartnershipForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        partnership = services.partnership_create(
            actor=Actor.from_request(request), fields={**form.cleaned_data, "programme": programme}
        )
        messages.success(request, _("The partnership has been added."))
        return redirect("programme:partnership_manage", partnership_id=partnership.pk)
    return form_page(request, form, title=_("Add a partnership"), cancel="programme:manage")


@login_required
def partnership_manage(request: HttpRequest, partnership_id: int) -> HttpResponse:
    require_programme_team(request)
    partnership: Partnership = _found(selectors.partnership(partnership_id=partnership_id))
    form = PartnershipForm(
        request.POST or None, instance=partnership, programme=partnership.programme
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        partnership.refresh_from_db()  # the form wrote its values onto the instance
        services.partnership_update(
            actor=Actor.from_request(request), partnership=partnership, fields=fields
        )
        messages.success(request, _("The partnership has been saved."))
        return redirect("programme:partnership_manage", partnership_id=partnership.pk)
    return render(
        request,
        "programme/manage/partnership.html",
        {"partnership": partnership, "form": form},
    )


@login_required
def pilot_edit(
    request: HttpRequest, partnership_id: int | None = None, pilot_id: int | None = None
) -> HttpResponse:
    require_programme_team(request)
    pilot = _found(selectors.pilot(pilot_id=pilot_id)) if pilot_id is not None else None
    partnership = _partnership_of(pilot, partnership_id)
    form = PilotForm(request.POST or None, instance=pilot)
    if request.method == "POST" and form.is_valid():
        fields = {key: value for key, value in form.cleaned_data.items() if key != "themes"}
        if pilot is not None:
            pilot.refresh_from_db()
        services.pilot_save(
            actor=Actor.from_request(request),
            partnership=partnership,
            pilot=pilot,
            fields=fields,
            themes=form.cleaned_data["themes"],
        )
        messages.success(request, _("The pilot has been saved."))
        return redirect("programme:partnership_manage", partnership_id=partnership.pk)
    return _partnership_form_page(
        request, form, partnership, _("Change a pilot") if pilot else _("Add a pilot")
    )


@login_required
def fact_edit(
    request: HttpRequest, partnership_id: int | None = None, fact_id: int | None = None
) -> HttpResponse:
    require_programme_team(request)
    fact = _found(selectors.baseline_fact(fact_id=fact_id)) if fact_id is not None else None
    partnership = _partnership_of(fact, partnership_id)
    form = BaselineFactForm(request.POST or None, instance=fact)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if fact is not None:
            fact.refresh_from_db()
        services.baseline_fact_save(
            actor=Actor.from_request(request), partnership=partnership, fact=fact, fields=fields
        )
        messages.success(request, _("The figure has been saved."))
        return redirect("programme:partnership_manage", partnership_id=partnership.pk)
    return _partnership_form_page(
        request,
        form,
        partnership,
        _("Change a baseline figure") if fact else _("Add a baseline figure"),
        intro=_(
            "Record the figure exactly as the source prints it. If it cannot be read as a "
            "number, leave the value empty and mark it as unverified."
        ),
    )


@login_required
def enquiry_queue(request: HttpRequest) -> HttpResponse:
    require_programme_team(request)
    form = EnquiryFilterForm(request.GET or None)
    valid = form.is_valid() or not form.is_bound
    status = form.cleaned_data["status"] if form.is_bound and valid else ""
    found = selectors.enquiries(status=status) if valid else Enquiry.objects.none()
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/manage/enquiries.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "status_query": urlencode({"status": status}),
        },
    )


@login_required
def enquiry_manage(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    require_programme_team(request)
    enquiry = _found(selectors.enquiry(enquiry_id=enquiry_id))
    form = EnquiryUpdateForm(request.POST or None, initial={"status": enquiry.status})
    if request.method == "POST" and form.is_valid():
        services.enquiry_update(
            actor=Actor.from_request(request),
            enquiry=enquiry,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The enquiry has been updated."))
        return redirect("programme:enquiry_manage", enquiry_id=enquiry.pk)
    return render(request, "programme/manage/enquiry.html", {"enquiry": enquiry, "form": form})


@login_required
def enquiry_export(request: HttpRequest) -> HttpResponseBase:
    require_programme_team(request)
    form = EnquiryFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('programme:enquiry_queue')}?{request.GET.urlencode()}")
    status = form.cleaned_data["status"] if form.is_bound else ""
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        detail={"export": "enquiries", "filters": request.GET.dict()},
    )
    header = ["received", "status", "organisation", "council", "name", "role", "email", "message"]

    def rows() -> Iterator[list[object]]:
        for enquiry in selectors.enquiries(status=status).iterator(chunk_size=500):
            yield [
                timezone.localtime(enquiry.created_at).isoformat(),
                enquiry.status,
                enquiry.organisation,
                enquiry.council.name if enquiry.council else "",
                enquiry.contact_name,
                enquiry.role,
                enquiry.email,
                enquiry.message,
            ]

    return csv_stream(header, rows(), filename_prefix="enquiries")

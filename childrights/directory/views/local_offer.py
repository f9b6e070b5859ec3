"""The care leavers' local offer: the public pages (the list of councils' offers, one offer, the
checklist a young person keeps) and the council's pages to write and publish it.

The checklist stores nothing: no model, no session. What the young person ticks comes back to
them as a page to print or a CSV file to download, and is gone from the server with the answer.
The council's pages need the ``edit`` capability in the fetch (``core.tenancy``): outsiders get
404, members who may only read get 403.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.csv_export import csv_stream
from childrights.core.form_pages import form_page, refusal_shown_on
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.councils.names import council_name
from childrights.directory import local_offer
from childrights.directory.forms.local_offer import (
    CHECKLIST_COLUMNS,
    SERVICES_FOUND,
    ChecklistForm,
    EntitlementForm,
    OfferForm,
)

# --- public -----------------------------------------------------------------------------------


@require_GET
def offers_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "directory/local_offer/list.html", {"offers": local_offer.published_offers()}
    )


@require_GET
def offer_page(request: HttpRequest, gss_code: str) -> HttpResponse:
    offer = local_offer.published_offer_or_404(gss_code=gss_code)
    return render(
        request,
        "directory/local_offer/offer.html",
        {
            "offer": offer,
            "council": offer.council,
            "areas": local_offer.areas_of(offer),
            "consultation": local_offer.consultation_links(offer),
        },
    )


@require_http_methods(["GET", "POST"])
def checklist(request: HttpRequest, gss_code: str) -> HttpResponseBase:
    """GET: the boxes to tick. POST: the ticked list back, as a page to print or a CSV file."""
    offer = local_offer.published_offer_or_404(gss_code=gss_code)
    areas = local_offer.areas_of(offer)
    entitlements = [entitlement for area in areas for entitlement in area.entitlements]
    form = ChecklistForm(
        request.POST if request.method == "POST" else None, entitlements=entitlements
    )
    if request.method == "POST" and form.is_valid():
        groups = [
            (
                area,
                [
                    (
                        entitlement,
                        [
                            label
                            for key, label in CHECKLIST_COLUMNS
                            if key in form.ticked(entitlement)
                        ],
                    )
                    for entitlement in area.entitlements
                ],
            )
            for area in areas
        ]
        if "download" in request.POST:
            return csv_stream(
                [_("Area"), _("What it is")] + [label for _key, label in CHECKLIST_COLUMNS],
                [
                    [area.label, localised(entitlement, "title")]
                    + [
                        _("Yes") if key in form.ticked(entitlement) else ""
                        for key, _l in CHECKLIST_COLUMNS
                    ]
                    for area in areas
                    for entitlement in area.entitlements
                ],
                filename_prefix="my-local-offer-checklist",
            )
        return render(
            request,
            "directory/local_offer/checklist_kept.html",
            {"offer": offer, "council": offer.council, "groups": groups},
        )
    return render(
        request,
        "directory/local_offer/checklist.html",
        {
            "offer": offer,
            "council": offer.council,
            "areas": areas,
            "form": form,
            "columns": CHECKLIST_COLUMNS,
        },
    )


# --- the council's pages ----------------------------------------------------------------------


def offer_edit(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    if request.method != "GET":  # after the fetch, so outsiders get 404 whatever the method
        return HttpResponseNotAllowed(["GET"])
    offer = local_offer.offer_of(council)
    return render(
        request,
        "directory/local_offer/edit.html",
        {
            "council": council,
            "offer": offer,
            "entitlements": local_offer.entitlements_of(offer),
            "consultation": local_offer.consultation_links(offer) if offer.pk else None,
        },
    )


@require_http_methods(["GET", "POST"])
def offer_details(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    offer = local_offer.offer_of(council)
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        council=council,
        initial=OfferForm.initial_from(offer),
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            local_offer.local_offer_save(
                actor=Actor.from_request(request), council=council, values=form.values()
            )
            messages.success(request, _("The local offer has been saved."))
            return redirect("directory:local_offer_edit", council_id=council.pk)
    return form_page(
        request,
        form,
        title=_("The offer's words and contacts"),
        caption=council_name(council),
        cancel="directory:local_offer_edit",
        cancel_args=[council.pk],
    )


def _finding(request: HttpRequest) -> bool:
    """The person pressed Find services: the page comes back with the services found, and
    nothing is saved."""
    return request.method == "POST" and "find" in request.POST


def _entitlement_page(
    request: HttpRequest, form: EntitlementForm, *, title: str, council: Council
) -> HttpResponse:
    return render(
        request,
        "directory/local_offer/entitlement_form.html",
        {
            "form": form,
            "title": title,
            "caption": council_name(council),
            "council": council,
            "services_found_at_most": SERVICES_FOUND,
        },
    )


@require_http_methods(["GET", "POST"])
def entitlement_add(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    finding = _finding(request)
    form = EntitlementForm(
        request.POST if request.method == "POST" else None, council=council, finding=finding
    )
    if request.method == "POST" and not finding and form.is_valid():
        with refusal_shown_on(form):
            actor = Actor.from_request(request)
            offer = local_offer.offer_of(council)
            if offer.pk is None:
                offer = local_offer.local_offer_save(actor=actor, council=council, values={})
            local_offer.entitlement_add(
                actor=actor,
                offer=offer,
                values=form.values(),
                services=form.services_chosen(),
            )
            messages.success(request, _("The entitlement has been added."))
            return redirect("directory:local_offer_edit", council_id=council.pk)
    return _entitlement_page(request, form, title=_("Add an entitlement"), council=council)


@require_http_methods(["GET", "POST"])
def entitlement_edit(
    request: HttpRequest, council_id: int, entitlement_id: uuid.UUID
) -> HttpResponse:
    entitlement = local_offer.entitlement_or_404(
        request=request, council_id=council_id, entitlement_id=entitlement_id, needs="edit"
    )
    council = entitlement.offer.council
    finding = _finding(request)
    form = EntitlementForm(
        request.POST if request.method == "POST" else None,
        council=council,
        finding=finding,
        initial=EntitlementForm.initial_from(entitlement),
    )
    if request.method == "POST" and not finding and form.is_valid():
        with refusal_shown_on(form):
            local_offer.entitlement_update(
                actor=Actor.from_request(request),
                entitlement=entitlement,
                values=form.values(),
                services=form.services_chosen(),
            )
            messages.success(request, _("The entitlement has been saved."))
            return redirect("directory:local_offer_edit", council_id=council.pk)
    return _entitlement_page(request, form, title=_("Change an entitlement"), council=council)


@require_http_methods(["GET", "POST"])
def entitlement_remove(
    request: HttpRequest, council_id: int, entitlement_id: uuid.UUID
) -> HttpResponse:
    entitlement = local_offer.entitlement_or_404(
        request=request, council_id=council_id, entitlement_id=entitlement_id, needs="edit"
    )
    council = entitlement.offer.council
    if request.method == "POST":
        local_offer.entitlement_remove(actor=Actor.from_request(request), entitlement=entitlement)
        messages.success(request, _("The entitlement has been removed."))
        return redirect("directory:local_offer_edit", council_id=council.pk)
    return render(
        request,
        "directory/local_offer/entitlement_remove.html",
        {"council": council, "entitlement": entitlement},
    )


@require_http_methods(["GET", "POST"])
def offer_publish(request: HttpRequest, council_id: int) -> HttpResponse:
    """Publish the offer, or take it down when it is published: one page, asking first."""
    council = council_for_user_or_404(request=request, council_id=council_id, needs="edit")
    offer = local_offer.offer_of(council)
    refusal = None
    if request.method == "POST" and offer.pk is None:
        refusal = [_("Add at least one entitlement before publishing the offer.")]
    elif request.method == "POST":
        actor = Actor.from_request(request)
        if offer.is_published:
            local_offer.local_offer_unpublish(actor=actor, offer=offer)
            messages.success(request, _("The local offer is no longer public."))
            return redirect("directory:local_offer_edit", council_id=council.pk)
        try:
            local_offer.local_offer_publish(actor=actor, offer=offer)
        except ValidationError as error:
            refusal = error.messages
        else:
            messages.success(request, _("The local offer has been published."))
            return redirect("directory:local_offer_edit", council_id=council.pk)
    return render(
        request,
        "directory/local_offer/publish.html",
        {"council": council, "offer": offer, "refusal": refusal},
    )

"""A service's own page for the council's staff, and the pages that change where it is offered,
when it is open and whom to ask (``directory.service_details``).

Every page fetches through ``core.tenancy``: outsiders get 404, members whose role may not edit
get 403 on every page that changes something. The service's page only shows records, and answers
any other method than GET with 405.
"""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from childrights.core.actors import Actor
from childrights.core.form_pages import refusal_shown_on
from childrights.core.permissions import has_capability_in
from childrights.directory import selectors, service_details
from childrights.directory.forms.service_details import (
    ChooseLocationForm,
    ContactForm,
    LocationForm,
    OpeningTimeForm,
)
from childrights.directory.models import Service
from childrights.directory.presenters.finder import opening_times_text

SAFE_METHODS = ["GET", "HEAD"]
FORM_METHODS = ["GET", "POST"]


def _service(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> Service:
    return selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id, needs="edit"
    )


def _back(service: Service) -> str:
    return reverse("directory:record_service", args=[service.council_id, service.pk])


def _done(request: HttpRequest, service: Service, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_back(service))


def _form_page(
    request: HttpRequest, form: Any, *, service: Service, title: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "directory/service_details/form.html",
        {
            "council": service.council,
            "service": service,
            "form": form,
            "title": title,
            "intro": intro,
            "cancel_url": _back(service),
        },
    )


def _remove_page(
    request: HttpRequest, *, service: Service, title: str, intro: str, submit: str
) -> HttpResponse:
    return render(
        request,
        "directory/service_details/remove.html",
        {
            "council": service.council,
            "service": service,
            "title": title,
            "intro": intro,
            "submit": submit,
            "cancel_url": _back(service),
        },
    )


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# The service's page ---------------------------------------------------------------------------


@login_required
def service_page(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id
    )
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    opening_times = list(service.opening_times.all())
    return render(
        request,
        "directory/service_details/page.html",
        {
            "council": service.council,
            "service": service,
            "places": list(service_details.service_places(service)),
            "opening_times": list(zip(opening_times, opening_times_text(service), strict=True)),
            "contacts": list(service.contacts.all()),
            "more_places": service_details.places_to_add(service).exists(),
            "can_edit": has_capability_in(request.user, service.council_id, "edit"),
        },
    )


# Places -------------------------------------------------------------------------------------


@login_required
@require_http_methods(FORM_METHODS)
def place_new(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = _service(request, council_id, service_id)
    form = LocationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.place_add_new(
                actor=Actor.from_request(request), service=service, values=form.values()
            )
            return _done(request, service, _("The place has been added."))
    return _form_page(
        request,
        form,
        service=service,
        title=_("Add a new place for %(service)s") % {"service": service.name_en},
    )


@login_required
@require_http_methods(FORM_METHODS)
def place_choose(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = _service(request, council_id, service_id)
    form = ChooseLocationForm(_posted(request), locations=service_details.places_to_add(service))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.place_add_existing(
                actor=Actor.from_request(request),
                service=service,
                location=form.cleaned_data["location"],
            )
            return _done(request, service, _("The place has been added."))
    return _form_page(
        request,
        form,
        service=service,
        title=_("Add one of the council’s places to %(service)s") % {"service": service.name_en},
        intro=_("Places where the council’s other services are offered."),
    )


@login_required
@require_http_methods(FORM_METHODS)
def place_edit(
    request: HttpRequest, council_id: int, service_id: uuid.UUID, location_id: uuid.UUID
) -> HttpResponse:
    here = service_details.service_place_or_404(
        request=request,
        council_id=council_id,
        service_id=service_id,
        location_id=location_id,
        needs="edit",
    )
    service, location = here.service, here.location
    form = LocationForm(_posted(request), initial=LocationForm.initial_from(location))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.location_update(
                actor=Actor.from_request(request), location=location, values=form.values()
            )
            return _done(request, service, _("The place has been saved."))
    sharing = service_details.services_sharing(location)
    intro = ""
    if sharing > 1:
        others = sharing - 1
        intro = ngettext(
            "%(count)s other service is offered here too: the change shows on it as well.",
            "%(count)s other services are offered here too: the change shows on each.",
            others,
        ) % {"count": others}
    return _form_page(
        request,
        form,
        service=service,
        title=_("Change %(place)s") % {"place": location.name},
        intro=intro,
    )


@login_required
@require_http_methods(FORM_METHODS)
def place_remove(
    request: HttpRequest, council_id: int, service_id: uuid.UUID, location_id: uuid.UUID
) -> HttpResponse:
    here = service_details.service_place_or_404(
        request=request,
        council_id=council_id,
        service_id=service_id,
        location_id=location_id,
        needs="edit",
    )
    service, location = here.service, here.location
    if request.method == "POST":
        service_details.place_remove(actor=Actor.from_request(request), at_location=here)
        return _done(request, service, _("The service is no longer offered at that place."))
    shared = service_details.services_sharing(location) > 1
    return _remove_page(
        request,
        service=service,
        title=_("Stop offering %(service)s at %(place)s?")
        % {"service": service.name_en, "place": location.name},
        intro=(
            _("The place stays in the directory for the other services offered there.")
            if shared
            else _("No other service is offered there, so the place is removed as well.")
        ),
        submit=_("Stop offering it here"),
    )


# Opening times ----------------------------------------------------------------------------


@login_required
@require_http_methods(FORM_METHODS)
def opening_time_add(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = _service(request, council_id, service_id)
    form = OpeningTimeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.opening_time_add(
                actor=Actor.from_request(request), service=service, **form.values()
            )
            return _done(request, service, _("The opening time has been added."))
    return _form_page(
        request,
        form,
        service=service,
        title=_("Add an opening time for %(service)s") % {"service": service.name_en},
        intro=_("One day a week at a time. For two sessions on one day, add each."),
    )


@login_required
@require_http_methods(FORM_METHODS)
def opening_time_edit(
    request: HttpRequest, council_id: int, service_id: uuid.UUID, opening_time_id: uuid.UUID
) -> HttpResponse:
    opening_time = service_details.opening_time_or_404(
        request=request,
        council_id=council_id,
        service_id=service_id,
        opening_time_id=opening_time_id,
        needs="edit",
    )
    service = opening_time.service
    form = OpeningTimeForm(_posted(request), initial=OpeningTimeForm.initial_from(opening_time))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.opening_time_update(
                actor=Actor.from_request(request), opening_time=opening_time, **form.values()
            )
            return _done(request, service, _("The opening time has been saved."))
    return _form_page(
        request,
        form,
        service=service,
        title=_("Change an opening time of %(service)s") % {"service": service.name_en},
    )


@login_required
@require_http_methods(FORM_METHODS)
def opening_time_remove(
    request: HttpRequest, council_id: int, service_id: uuid.UUID, opening_time_id: uuid.UUID
) -> HttpResponse:
    opening_time = service_details.opening_time_or_404(
        request=request,
        council_id=council_id,
        service_id=service_id,
        opening_time_id=opening_time_id,
        needs="edit",
    )
    service = opening_time.service
    if request.method == "POST":
        service_details.opening_time_remove(
            actor=Actor.from_request(request), opening_time=opening_time
        )
        return _done(request, service, _("The opening time has been removed."))
    return _remove_page(
        request,
        service=service,
        title=_("Remove the opening time %(time)s?")
        % {
            "time": _("%(day)s %(opens)s–%(closes)s")
            % {
                "day": opening_time.get_day_display(),
                "opens": opening_time.opens_at.strftime("%H:%M"),
                "closes": opening_time.closes_at.strftime("%H:%M"),
            }
        },
        intro=_("The service’s page will no longer show it."),
        submit=_("Remove the opening time"),
    )


# Contacts ---------------------------------------------------------------------------------


@login_required
@require_http_methods(FORM_METHODS)
def contact_add(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = _service(request, council_id, service_id)
    form = ContactForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.contact_add(
                actor=Actor.from_request(request), service=service, values=form.values()
            )
            return _done(request, service, _("The contact has been added."))
    return _form_page(
        request,
        form,
        service=service,
        title=_("Add a contact for %(service)s") % {"service": service.name_en},
        intro=_("Someone a young person, or someone helping them, can ask about the service."),
    )


@login_required
@require_http_methods(FORM_METHODS)
def contact_edit(
    request: HttpRequest, council_id: int, service_id: uuid.UUID, contact_id: uuid.UUID
) -> HttpResponse:
    contact = service_details.contact_or_404(
        request=request,
        council_id=council_id,
        service_id=service_id,
        contact_id=contact_id,
        needs="edit",
    )
    service = contact.service
    form = ContactForm(_posted(request), initial=ContactForm.initial_from(contact))
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            service_details.contact_update(
                actor=Actor.from_request(request), contact=contact, values=form.values()
            )
            return _done(request, service, _("The contact has been saved."))
    return _form_page(
        request,
        form,
        service=service,
        title=_("Change %(contact)s") % {"contact": contact.name},
    )


@login_required
@require_http_methods(FORM_METHODS)
def contact_remove(
    request: HttpRequest, council_id: int, service_id: uuid.UUID, contact_id: uuid.UUID
) -> HttpResponse:
    contact = service_details.contact_or_404(
        request=request,
        council_id=council_id,
        service_id=service_id,
        contact_id=contact_id,
        needs="edit",
    )
    service = contact.service
    if request.method == "POST":
        service_details.contact_remove(actor=Actor.from_request(request), contact=contact)
        return _done(request, service, _("The contact has been removed."))
    return _remove_page(
        request,
        service=service,
        title=_("Remove %(contact)s?") % {"contact": contact.name},
        intro=_("The service’s page will no longer show this contact."),
        submit=_("Remove the contact"),
    )

"""A council's own directory, for its staff: every service (published or not, the stale ones
marked), adding and changing a service, publishing it, saying it was checked today, its history,
and what the public said is wrong.

Every page fetches through ``selectors`` (``core.tenancy``): outsiders get 404, and members
whose role may not edit get 403 on every page that changes something. Pages that only show
records answer any other method than GET with 405.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.editing import (
    OPENED_FIELD,
    EditConflict,
    add_conflict_errors,
    changes_or_conflict,
    opened_token,
    opened_values,
)
from childrights.core.form_pages import refusal_shown_on
from childrights.core.permissions import has_capability_in
from childrights.councils.models import Council
from childrights.directory import selectors, services
from childrights.directory.forms.records import ServiceForm, service_initial
from childrights.directory.models import Organisation, Service
from childrights.directory.presenters.records import history_rows

SAFE_METHODS = ["GET", "HEAD"]
EDIT_SALT = "directory.service.edit"


def _service_form(request: HttpRequest, council: Council, **kwargs: Any) -> ServiceForm:
    return ServiceForm(
        request.POST or None,
        organisations=selectors.council_organisations(council=council),
        needs=selectors.needs_for_council(council=council),
        **kwargs,
    )


def _form_page(
    request: HttpRequest,
    form: ServiceForm,
    *,
    council: Council,
    title: str,
    opened: str = "",
) -> HttpResponse:
    return render(
        request,
        "directory/records/form.html",
        {
            "council": council,
            "form": form,
            "title": title,
            "opened": opened,
            "cancel_url": reverse("directory:records", args=[council.pk]),
        },
    )


def _organisation(request: HttpRequest, council: Council, form: ServiceForm) -> Organisation | None:
    """The organisation chosen, or a new one made from the name typed (inside the write's
    transaction, so a refused service leaves no organisation behind)."""
    chosen: Organisation | None = form.cleaned_data["organisation"]
    if chosen is not None:
        return chosen
    return services.organisation_create(
        actor=Actor.from_request(request),
        council=council,
        name=form.cleaned_data["new_organisation"],
    )


# The list ------------------------------------------------------------------------------------

LIST_PAGE = 50


@login_required
def service_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.records_council_or_404(request=request, council_id=council_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    today = timezone.localdate()
    # A council may have thousands of services: 50 a page, by name; the count of those that need
    # checking is the database's, over all of them.
    page = Paginator(selectors.council_services(council=council, today=today), LIST_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "directory/records/list.html",
        {
            "council": council,
            "services": list(page),
            "page": page,
            "stale_count": Service.objects.filter(council=council)
            .filter(selectors.stale_filter(today))
            .count(),
            "stale_months": selectors.STALE_AFTER_MONTHS,
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


# Adding and changing a service ---------------------------------------------------------------


@login_required
def service_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.records_council_or_404(request=request, council_id=council_id, needs="edit")
    form = _service_form(request, council)
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form), transaction.atomic():
            values = form.service_values() | {"organisation": _organisation(request, council, form)}
            services.service_create(
                actor=Actor.from_request(request),
                council=council,
                values=values,
                needs=form.cleaned_data["needs"],
                articles=form.cleaned_data["articles"],
            )
            messages.success(
                request, _("The service has been added. It is not published until you publish it.")
            )
            return redirect("directory:records", council_id=council.pk)
    return _form_page(request, form, council=council, title=_("Add a service"))


def _comparable(values: Mapping[str, Any]) -> dict[str, Any]:
    """A form's values as the editing page keeps them: records by id, lists sorted."""
    plain: dict[str, Any] = {}
    for name, value in values.items():
        if name == "organisation":
            plain[name] = str(value.pk) if value is not None else None
        elif name in {"needs", "articles"}:
            plain[name] = sorted(str(each.pk) for each in value)
        else:
            plain[name] = value
    return plain


def _submitted(form: ServiceForm) -> dict[str, Any]:
    submitted = _comparable(
        form.service_values()
        | {"needs": form.cleaned_data["needs"], "articles": form.cleaned_data["articles"]}
    )
    new_name = form.cleaned_data["new_organisation"].strip()
    if new_name:
        submitted["organisation"] = f"new: {new_name}"
    return submitted


@login_required
def service_edit(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id, needs="edit"
    )
    council = service.council
    opened_with = _comparable(service_initial(service))
    form = _service_form(request, council, initial=service_initial(service))
    token = opened_token(opened_with, salt=EDIT_SALT)
    if request.method == "POST" and form.is_valid():
        submitted = _submitted(form)
        try:
            wanted = changes_or_conflict(
                keys=submitted,
                opened=opened_values(request.POST.get(OPENED_FIELD), salt=EDIT_SALT),
                current=opened_with,
                submitted=submitted,
            )
        except EditConflict as conflict:
            add_conflict_errors(form, conflict, fresh_token=token)
        else:
            with refusal_shown_on(form), transaction.atomic():
                _service_save(request, service, form, wanted)
                messages.success(request, _("The service has been saved."))
                return redirect("directory:records", council_id=council.pk)
    return _form_page(
        request,
        form,
        council=council,
        title=_("Change %(service)s") % {"service": service.name_en},
        opened=(form.data.get(OPENED_FIELD) or token) if form.is_bound else token,
    )


def _service_save(
    request: HttpRequest, service: Service, form: ServiceForm, wanted: Mapping[str, Any]
) -> Service:
    """Save what this person changed (``wanted``), leaving what a colleague changed since."""
    values = {name: value for name, value in form.service_values().items() if name in wanted}
    if "organisation" in wanted:
        values["organisation"] = _organisation(request, service.council, form)
    return services.service_update(
        actor=Actor.from_request(request),
        service=service,
        values=values,
        needs=form.cleaned_data["needs"] if "needs" in wanted else None,
        articles=form.cleaned_data["articles"] if "articles" in wanted else None,
    )


# Publishing and checking ---------------------------------------------------------------------


def _confirm(
    request: HttpRequest,
    service: Service,
    *,
    title: str,
    intro: str,
    submit: str,
    warning: bool,
    error: str = "",
) -> HttpResponse:
    return render(
        request,
        "directory/records/confirm.html",
        {
            "council": service.council,
            "service": service,
            "title": title,
            "intro": intro,
            "submit": submit,
            "warning": warning,
            "error": error,
            "cancel_url": reverse("directory:records", args=[service.council_id]),
        },
    )


@login_required
def service_publish(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id, needs="edit"
    )
    error = ""
    if request.method == "POST":
        try:
            services.service_publish(actor=Actor.from_request(request), service=service)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The service is published: young people can find it."))
            return redirect("directory:records", council_id=service.council_id)
    return _confirm(
        request,
        service,
        title=_("Publish %(service)s") % {"service": service.name_en},
        intro=_(
            "Young people will find it in the finder, and other directories through the "
            "Open Referral UK API."
        ),
        submit=_("Publish"),
        warning=False,
        error=error,
    )


@login_required
def service_unpublish(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id, needs="edit"
    )
    if request.method == "POST":
        services.service_unpublish(actor=Actor.from_request(request), service=service)
        messages.success(request, _("The service is no longer published."))
        return redirect("directory:records", council_id=service.council_id)
    return _confirm(
        request,
        service,
        title=_("Unpublish %(service)s") % {"service": service.name_en},
        intro=_(
            "Young people will no longer find it, and the API will no longer list it. Its "
            "record and history stay, and you can publish it again."
        ),
        submit=_("Unpublish"),
        warning=True,
    )


@login_required
def service_checked(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id, needs="edit"
    )
    if request.method == "POST":
        services.service_checked(actor=Actor.from_request(request), service=service)
        messages.success(request, _("The service is marked as checked today."))
        return redirect("directory:records", council_id=service.council_id)
    return _confirm(
        request,
        service,
        title=_("Checked today: %(service)s") % {"service": service.name_en},
        intro=_(
            "Say so only once you have checked that everything the service’s page says is "
            "still right: who it is for, where and when, what it costs and how to ask for it."
        ),
        submit=_("It is checked"),
        warning=False,
    )


# History and suggestions ---------------------------------------------------------------------


@login_required
def service_history(request: HttpRequest, council_id: int, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.council_service_or_404(
        request=request, council_id=council_id, service_id=service_id
    )
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    return render(
        request,
        "directory/records/history.html",
        {
            "council": service.council,
            "service": service,
            "changes": history_rows(selectors.service_history(service=service)),
        },
    )


@login_required
def suggestion_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.records_council_or_404(request=request, council_id=council_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    return render(
        request,
        "directory/records/suggestions.html",
        {
            "council": council,
            "suggestions": selectors.council_suggestions(council=council),
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )

"""'This is wrong': anyone tells the owning team something on a published service's page is
wrong (the form, then a thank-you page after the redirect), and the council's staff with the edit
capability mark it dealt with.

The public pages read only published services (``selectors``); the staff action fetches through
``core.tenancy``: outsiders get 404, members who may not edit 403.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.form_pages import refusal_shown_on
from childrights.directory import selectors, suggestions
from childrights.directory.forms.suggestions import SuggestionForm


def suggestion_new(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.published_service_or_404(service_id=service_id)
    form = SuggestionForm(request.POST or None, initial={"submission": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        with refusal_shown_on(form):
            suggestions.suggestion_create(
                service=service,
                text=form.cleaned_data["text"],
                actor=Actor.from_request(request),
                submission=form.cleaned_data["submission"],
            )
            return redirect("directory:suggestion_sent", service_id=service.pk)
    return render(request, "directory/suggestions/new.html", {"form": form, "service": service})


def suggestion_sent(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.published_service_or_404(service_id=service_id)
    return render(request, "directory/suggestions/sent.html", {"service": service})


@login_required
def suggestion_done(request: HttpRequest, council_id: int, suggestion_id: int) -> HttpResponse:
    suggestion = suggestions.council_suggestion_or_404(
        request=request, council_id=council_id, suggestion_id=suggestion_id, needs="edit"
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    suggestions.suggestion_dealt_with(suggestion=suggestion, actor=Actor.from_request(request))
    messages.success(request, _("Marked as dealt with."))
    return redirect("directory:record_suggestions", council_id=suggestion.council_id)

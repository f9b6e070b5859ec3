"""The safeguarding leads' page of words held from the directory team (``directory.held``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.directory import held

SAFE_METHODS = ["GET", "HEAD"]


@login_required
def held_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = held.held_council_or_404(request=request, council_id=council_id)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    held.held_list_view(actor=Actor.from_request(request), council=council)
    return render(
        request,
        "directory/held/list.html",
        {"council": council, "items": held.held_words(council=council)},
    )


def _decide(request: HttpRequest, council_id: int, kind: str, pk: int) -> HttpResponse:
    council = held.held_council_or_404(request=request, council_id=council_id)
    record = held.held_record_or_404(council=council, kind=kind, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    release = request.POST.get("decision") == "release"
    if release and request.POST.get("confirmed") != "yes":
        # Passing words on to the team cannot be undone: the lead says so twice.
        return render(
            request,
            "directory/held/release.html",
            {"council": council, "record": record, "url": request.path},
        )
    if request.POST.get("decision") not in ("release", "keep"):
        messages.error(request, _("Choose whether to keep the message held or pass it on."))
    elif not held.held_decide(actor=Actor.from_request(request), record=record, release=release):
        messages.info(request, _("A lead has already decided about this message."))
    elif release:
        messages.success(request, _("The message was passed on to the directory team."))
    else:
        messages.success(request, _("The message stays held. The directory team will not see it."))
    return redirect("directory:held", council_id=council.pk)


@login_required
def held_suggestion(request: HttpRequest, council_id: int, suggestion_id: int) -> HttpResponse:
    return _decide(request, council_id, "suggestion", suggestion_id)


@login_required
def held_comment(request: HttpRequest, council_id: int, comment_id: int) -> HttpResponse:
    return _decide(request, council_id, "comment", comment_id)

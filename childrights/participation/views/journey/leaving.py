"""Leaving: clearing everything this browser holds for a child, and the quick exit."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from childrights.participation.journey import drafts, finding, receipts
from childrights.participation.views.journey.shell import TEMPLATES


@never_cache
@require_POST
def leave(request: HttpRequest, link_key: str) -> HttpResponse:
    """ "Leave and clear my answers": nothing of this child stays on the browser."""
    consultation = finding.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    drafts.journey_leave(request.session, consultation=consultation)
    answer = redirect("participation:cleared")
    receipts.receipt_forget(answer, link_key=link_key)
    return answer


@never_cache
def cleared(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATES + "cleared.html")


@never_cache
def exit_page(request: HttpRequest, link_key: str) -> HttpResponse:
    """The quick exit: clear everything, as leaving does, and go straight to a neutral page on
    another site. A link, so it works without JavaScript; with it, GOV.UK Frontend's "Exit this
    page" also answers three presses of Shift."""
    consultation = finding.consultation_by_link(link_key)
    if consultation is not None:
        drafts.journey_leave(request.session, consultation=consultation)
    answer = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    receipts.receipt_forget(answer, link_key=link_key)
    return answer

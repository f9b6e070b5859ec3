"""Coming back with a receipt: seeing the answers sent, and taking them back."""

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from childrights.core.clients import client_ip
from childrights.participation.forms.journey import ReceiptForm
from childrights.participation.journey import finding, receipts
from childrights.participation.views.journey.shell import TEMPLATES, _language_of


@never_cache
def your_response(request: HttpRequest) -> HttpResponse:
    """The receipt code travels in the form, never in the address. A right code is kept in the
    session for a quarter of an hour and the child is sent on to see their answers (a redirect
    after the post, so Back and refresh never ask to send the form again)."""
    if request.method != "POST":
        return render(request, TEMPLATES + "your_response.html", {"form": ReceiptForm()})
    if not finding.guess_allowed(
        finding.RECEIPT_GUESSES, session=request.session, address=client_ip(request)
    ):
        return render(request, TEMPLATES + "too_many_tries.html", status=429)
    form = ReceiptForm(request.POST)
    if not form.is_valid() or form.response is None:
        return render(request, TEMPLATES + "your_response.html", {"form": form})
    finding.guess_was_right(
        finding.RECEIPT_GUESSES, session=request.session, address=client_ip(request)
    )
    response = form.response
    receipts.receipt_seen_remember(request.session, receipt=response.receipt)
    request.session.pop(receipts.JUST_WITHDRAWN_KEY, None)
    action = request.POST.get("action", "")
    if response.withdrawn_at is None and action == "confirm":
        return redirect("participation:your_response_withdraw")
    if response.withdrawn_at is None and action == "withdraw":
        receipts.response_withdraw(response=response)
        request.session[receipts.JUST_WITHDRAWN_KEY] = True
    return HttpResponseRedirect(
        reverse("participation:your_response_found"), status=HTTPStatus.SEE_OTHER
    )


def _receipt_context(request: HttpRequest) -> dict[str, Any] | None:
    response = receipts.receipt_seen(request.session)
    if response is None:
        return None
    return {
        "response": response,
        "consultation": response.consultation,
        "council": response.consultation.council,
        "receipt": response.receipt,
        "spaced": finding.spaced(response.receipt),
    }


@never_cache
def your_response_found(request: HttpRequest) -> HttpResponse:
    context = _receipt_context(request)
    if context is None:
        return redirect("participation:your_response")
    response = context["response"]
    just_withdrawn = request.session.pop(receipts.JUST_WITHDRAWN_KEY, False)
    with _language_of(response.consultation):
        return render(
            request,
            TEMPLATES + ("withdrawn.html" if just_withdrawn else "your_response_found.html"),
            {**context, "answers": receipts.response_answers(response)},
        )


@never_cache
def your_response_withdraw(request: HttpRequest) -> HttpResponse:
    context = _receipt_context(request)
    if context is None:
        return redirect("participation:your_response")
    if context["response"].withdrawn_at is not None:
        return redirect("participation:your_response_found")
    return render(request, TEMPLATES + "withdraw_confirm.html", context)

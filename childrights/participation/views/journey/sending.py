"""Sending the answers, the receipt page after it, and the whole privacy notice of a survey."""

from http import HTTPStatus
from typing import Any

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from childrights.participation.journey import drafts, finding, receipts, sending
from childrights.participation.retry import retry_response
from childrights.participation.submission import (
    Draft,
    InvalidAnswers,
    NotAccepting,
    SubmissionConflict,
)
from childrights.participation.views.journey.shell import TEMPLATES, _language_of, _shell


@never_cache
@require_POST
def send(request: HttpRequest, link_key: str) -> HttpResponse:
    """Contract: ``payload`` (``Draft.sign()`` of the whole draft) and the CSRF token. Stored
    answers are answered with a redirect (303) to the receipt page, which shows the receipt
    from a signed cookie: refreshing it sends nothing again. The same payload sent again gets
    the same receipt."""
    consultation = finding.consultation_to_send(link_key)
    if consultation is None:
        raise Http404
    with _language_of(consultation):

        def refusal(template: str, status: int, **extra: Any) -> HttpResponse:
            context = {
                "consultation": consultation,
                "council": consultation.council,
                "start_url": reverse("participation:start", args=[link_key]),
                **_shell(request, consultation),
                **extra,
            }
            return render(request, TEMPLATES + template, context, status=status)

        try:
            draft = Draft.unsign(request.POST.get("payload", ""))
        except InvalidAnswers:
            return refusal("unreadable.html", 400)
        try:
            receipt = sending.answers_send(consultation=consultation, draft=draft)
        except sending.LimitReached as limit:
            payload = request.POST.get("payload", "")
            return refusal(
                "limit_reached.html", 429, full=limit.full, payload=payload, **_held(limit)
            )
        except SubmissionConflict as error:
            return refusal("conflict.html", 409, **_held(error))
        except InvalidAnswers as error:
            return refusal("invalid.html", 400, message=str(error), **_held(error))
        except NotAccepting as error:
            if consultation.is_accepting():
                return refusal("code_stopped.html", 409, **_held(error))
            return refusal("closed.html", 410, **_held(error))
        except DatabaseError:
            return retry_response(request)
        drafts.journey_clear(request.session, consultation=consultation, preview=False)
        answer = HttpResponseRedirect(
            reverse("participation:sent", args=[link_key]), status=HTTPStatus.SEE_OTHER
        )
        receipts.receipt_remember(answer, link_key=link_key, receipt=receipt)
        return answer


def _held(error: Exception) -> dict[str, bool]:
    """Whether the refused answers held a possible disclosure (``sending.answers_send``)."""
    return {"disclosure_held": bool(getattr(error, "disclosure_held", False))}


@never_cache
def sent(request: HttpRequest, link_key: str) -> HttpResponse:
    """The receipt of the answers this browser has just sent; with none, the start page."""
    consultation = finding.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    receipt = receipts.receipt_recalled(request, link_key=link_key)
    if receipt is None:
        return redirect("participation:start", link_key=link_key)
    with _language_of(consultation):
        context = {
            "consultation": consultation,
            "council": consultation.council,
            "start_url": reverse("participation:start", args=[link_key]),
            "receipt": finding.spaced(receipt.code),
            "flagged": receipt.flagged,
            **_shell(request, consultation),
        }
        return render(request, TEMPLATES + "receipt.html", context)


def privacy_notice(request: HttpRequest, link_key: str) -> HttpResponse:
    """The whole privacy notice of one survey: who holds the answers, why, for how long, and
    who may see them."""
    consultation = finding.consultation_by_link(link_key)
    if consultation is None:
        raise Http404
    with _language_of(consultation):
        context = {
            "consultation": consultation,
            "council": consultation.council,
            "hide_leave": True,
            "draft_minutes": drafts.CHILD_IDLE_SECONDS // 60,
            "receipt_minutes": receipts.RECEIPT_SECONDS // 60,
            **_shell(request, consultation),
        }
        return render(request, TEMPLATES + "privacy_notice.html", context)

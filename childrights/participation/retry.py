"""When the database is briefly unavailable, a child's answers are not lost.

The last page of a consultation posts every answer in one signed ``payload`` field. If the
database cannot be reached while that request is handled (at any point: loading the session,
finding the consultation, storing the response, saving the session), the child gets a page that
says their answers are safe and posts the same payload again with one button. Nothing on that
page needs the database: it is rendered from the request alone.

Once stored, the answers are answered with a redirect to the receipt page, which shows the receipt
from a signed cookie. If the database is unreachable when that page is asked for, it is rendered
from the cookie alone, so a child whose answers were stored still sees their receipt.
"""

import re
import sys
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.signals import got_request_exception
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

# The one path whose requests carry a whole response: have-your-say/<link_key>/send/, and the
# receipt page it leads to.
SEND_PATH = re.compile(r"^/have-your-say/[\w-]+/send/$")
SENT_PATH = re.compile(r"^/have-your-say/(?P<link_key>[\w-]+)/sent/$")
RETRY_AFTER_SECONDS = 5


def retry_response(request: HttpRequest) -> HttpResponse:
    """A 503 page that sends the same answers again; it reads nothing from the database."""
    response = render(
        request,
        "participation/retry.html",
        {
            "payload": request.POST.get("payload", ""),
            "action": request.path,
            # Overrides of what the page shell would otherwise read through the session.
            "user": AnonymousUser(),
            "messages": [],
        },
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def receipt_without_database(request: HttpRequest, link_key: str) -> HttpResponse | None:
    """The receipt page from the signed cookie alone (without the consultation's name), or
    None when there is no receipt to show."""
    from childrights.participation.journey.finding import spaced
    from childrights.participation.journey.receipts import receipt_recalled

    receipt = receipt_recalled(request, link_key=link_key)
    if receipt is None:
        return None
    response = render(
        request,
        "participation/journey/receipt.html",
        {
            "receipt": spaced(receipt.code),
            "flagged": receipt.flagged,
            "user": AnonymousUser(),
            "messages": [],
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _is_send(request: HttpRequest) -> bool:
    return request.method == "POST" and bool(SEND_PATH.match(request.path_info))


def _receipt_asked(request: HttpRequest) -> str | None:
    found = SENT_PATH.match(request.path_info) if request.method == "GET" else None
    return found["link_key"] if found else None


@receiver(got_request_exception)
def _note_database_failure(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Django turns an exception into an error page before outer middleware sees it; note on
    the request that it was the database, so the middleware below can answer with a retry."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DatabaseError):
        request.database_unavailable = True  # type: ignore[attr-defined]


def keep_answers_when_the_database_is_down(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Outside the session middleware: a send that failed on the database becomes a retry."""

    def middleware(request: HttpRequest) -> HttpResponse:
        link_key = _receipt_asked(request)
        if link_key is not None:
            return _receipt(request, link_key)
        if not _is_send(request):
            return get_response(request)
        language = translation.get_language()
        try:
            response = get_response(request)
        except DatabaseError:
            response = None
        if response is not None and not getattr(request, "database_unavailable", False):
            return response
        with translation.override(getattr(request, "LANGUAGE_CODE", language)):
            return retry_response(request)

    def _receipt(request: HttpRequest, link_key: str) -> HttpResponse:
        language = translation.get_language()

        def from_cookie() -> HttpResponse | None:
            with translation.override(getattr(request, "LANGUAGE_CODE", language)):
                return receipt_without_database(request, link_key)

        try:
            response = get_response(request)
        except DatabaseError:
            shown = from_cookie()
            if shown is None:
                raise
            return shown
        if not getattr(request, "database_unavailable", False):
            return response
        return from_cookie() or response

    return middleware

"""When the database is briefly unavailable, a child's answers are not lost.

The last page of a consultation posts every answer in one signed ``payload`` field. If the
database cannot be reached while that request is handled (at any point: loading the session,
finding the consultation, storing the response, saving the session), the child gets a page that
says their answers are safe and posts the same payload again with one button. Nothing on that
page needs the database: it is rendered from the request alone.
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

# The one path whose requests carry a whole response: have-your-say/<link_key>/send/.
SEND_PATH = re.compile(r"^/have-your-say/[\w-]+/send/$")
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


def _is_send(request: HttpRequest) -> bool:
    return request.method == "POST" and bool(SEND_PATH.match(request.path_info))


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

    return middleware

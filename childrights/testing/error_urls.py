"""A test-only URLconf: the project's URLs, plus three that fail on purpose so browser tests can
see the 400, 403 and 500 pages. The error handlers are the project's own."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from childrights.urls import handler400, handler403, handler404, handler500
from childrights.urls import urlpatterns as project_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

BAD_REQUEST_PATH = "/test-errors/bad-request/"
FORBIDDEN_PATH = "/test-errors/forbidden/"
BROKEN_PATH = "/test-errors/broken/"


class DeliberateError(Exception):
    """Raised by the broken view, so the 500 page can be seen."""


def bad_request(request: HttpRequest) -> HttpResponse:
    raise BadRequest("A deliberately bad request, to show the 400 page")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def broken(request: HttpRequest) -> HttpResponse:
    raise DeliberateError("A deliberate failure, to show the 500 page")


urlpatterns: list[URLPattern | URLResolver] = [
    *project_urlpatterns,
    path(BAD_REQUEST_PATH.lstrip("/"), bad_request),
    path(FORBIDDEN_PATH.lstrip("/"), forbidden),
    path(BROKEN_PATH.lstrip("/"), broken),
]

"""Pages being built: each answers 404 until its real view replaces it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def not_yet(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404

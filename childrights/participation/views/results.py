from django.http import Http404, HttpRequest, HttpResponse


def you_said_we_did(request: HttpRequest, link_key: str) -> HttpResponse:
    raise Http404

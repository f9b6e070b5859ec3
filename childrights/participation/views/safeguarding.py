from django.http import Http404, HttpRequest, HttpResponse


def concerns(request: HttpRequest, council_id: int) -> HttpResponse:
    raise Http404

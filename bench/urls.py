"""The project's URLs plus ``/bench/bare/``: a Django view that inserts one row and nothing
else, the baseline the submission benchmark compares with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from childrights.core.models import RateEvent
from childrights.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    RateEvent.objects.create(scope="bench", key="bare")
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare_insert), *urlpatterns]

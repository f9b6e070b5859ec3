"""The public finder: search the published services, and read one service's page.

Open to everyone, signed in or not: only published services are read (``selectors``), and a
hidden address never leaves the presenter.
"""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childrights.directory import selectors, send_comments
from childrights.directory.forms.finder import FinderForm
from childrights.directory.presenters.finder import shown

# Results a page lists; a search finding more has more pages.
PER_PAGE = 20


def finder(request: HttpRequest) -> HttpResponse:
    searched = bool(request.GET)
    form = FinderForm(request.GET if searched else None)
    results, total, left_out, more, page = [], 0, 0, False, None
    if searched and form.is_valid():
        found = selectors.services_found(**form.search())
        asked = request.GET.get("page")
        if form.near is None:
            first = selectors.first_found(found=found, page=asked, per_page=PER_PAGE)
            total, more, page = first.total, first.more, first.page
            results = [shown(service) for service in first.services]
        else:
            nearby = selectors.services_near(
                found=found, near=form.near, page=asked, per_page=PER_PAGE
            )
            total, left_out, page = nearby.total, nearby.left_out, nearby.page
            results = [shown(service, miles=miles) for service, miles in nearby.services]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/finder/search.html",
        {
            "form": form,
            "searched": searched and form.is_valid(),
            "results": results,
            "total": total,
            "more": more,
            "counted": f"{selectors.COUNTED_UP_TO:,}",
            "page": page,
            "query": query.urlencode(),
            "per_page": PER_PAGE,
            "article": form.article_asked,
            "near": form.near,
            "distance": form.distance_text(),
            "left_out": left_out,
        },
    )


def service_page(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = selectors.published_service_or_404(service_id=service_id)
    return render(
        request,
        "directory/finder/service.html",
        {
            "shown": shown(service, with_times=True),
            "service": service,
            "in_send_offer": send_comments.send_services(council=service.council)
            .filter(pk=service.pk)
            .exists(),
        },
    )

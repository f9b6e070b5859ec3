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

# The most results one page lists; a search that finds more asks for a narrower one.
MOST_SHOWN = 50


def finder(request: HttpRequest) -> HttpResponse:
    searched = bool(request.GET)
    form = FinderForm(request.GET if searched else None)
    results, total, left_out, more = [], 0, 0, False
    if searched and form.is_valid():
        found = selectors.services_found(**form.search())
        if form.near is None:
            first = selectors.first_found(found=found, most=MOST_SHOWN)
            total, more = first.total, first.more
            results = [shown(service) for service in first.services]
        else:
            nearby = selectors.services_near(found=found, near=form.near, most=MOST_SHOWN)
            total, left_out = nearby.total, nearby.left_out
            results = [shown(service, miles=miles) for service, miles in nearby.services]
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
            "most_shown": MOST_SHOWN,
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

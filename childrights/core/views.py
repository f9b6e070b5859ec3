import hmac
import json
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from childrights.core import site_search
from childrights.core.cookies import cookies_used
from childrights.core.language import set_language_cookie
from childrights.core.notify import delivery_receipt

logger = logging.getLogger(__name__)


def get_help(request: HttpRequest) -> HttpResponse:
    return render(request, "core/pages/get_help.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/pages/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/pages/privacy.html")


def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/pages/cookies.html", {"cookies": cookies_used()})


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch language with a plain link, remember it in a cookie and on the account."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code not in dict(settings.LANGUAGES) or not check_for_language(code):
        return response
    set_language_cookie(response, code)
    return response


_migrations_applied = False


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database reachable and every migration applied; 503 otherwise."""
    global _migrations_applied
    checks = {"database": "ok", "migrations": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        checks = {"database": "unreachable", "migrations": "unknown"}
    else:
        if not _migrations_applied:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if pending:
                checks["migrations"] = f"{len(pending)} unapplied"
            else:
                _migrations_applied = True
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", **checks}, status=200 if healthy else 503
    )


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    try:
        return render(request, template, status=status)
    except (TemplateDoesNotExist, DatabaseError):
        logger.exception("Could not render the %s page", status)
        return HttpResponse(f"Error {status}", status=status, content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(request, "errors/500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(request, "errors/csrf.html", 403)


def search(request: HttpRequest) -> HttpResponse:
    """The site search: a page of results for ``?q=``, grouped by what they are."""
    query = " ".join(request.GET.get("q", "").split())[: site_search.MAX_QUERY]
    groups = site_search.site_search(query)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "groups": groups,
            "total": sum(len(group.results) for group in groups),
            "max_length": site_search.MAX_QUERY,
        },
    )


@csrf_exempt
@require_POST
def notify_delivery_receipt(request: HttpRequest) -> HttpResponse:
    """GOV.UK Notify's delivery receipt callback, authenticated by the bearer token set in
    Notify's API integration settings (NOTIFY_CALLBACK_TOKEN). Not served without one."""
    expected = settings.NOTIFY_CALLBACK_TOKEN
    if not expected:
        raise Http404
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
        return HttpResponse(status=401)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    if not isinstance(payload, dict):
        return HttpResponse(status=400)
    # A receipt for a message no longer kept is still acknowledged, so Notify stops retrying.
    delivery_receipt(payload)
    return HttpResponse(status=204)

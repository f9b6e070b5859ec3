"""Django admin, for the programme team only. Everyone else gets a 404."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse


class ProgrammeTeamAdminSite(admin.AdminSite):
    site_header = "Rights at the Heart administration"
    site_title = "Rights at the Heart administration"

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(
            user.is_active
            and getattr(user, "is_programme_team", False)
            and getattr(user, "is_verified", lambda: False)()
        )

    def admin_view(  # type: ignore[override]
        self, view: Callable[..., HttpResponse], cacheable: bool = False
    ) -> Callable[..., HttpResponse]:
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            self._refuse_signed_in_outsiders(request)
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """No separate admin sign-in: the service's own sign-in (with two-factor) is used."""
        from django.contrib.auth.views import redirect_to_login

        self._refuse_signed_in_outsiders(request)
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), reverse("accounts:login")
        )

    def _refuse_signed_in_outsiders(self, request: HttpRequest) -> None:
        if request.user.is_authenticated and not self.has_permission(request):
            # Imported here: this module loads with the app registry, before models are ready.
            from childrights.core.audit import audit_record
            from childrights.core.models import AuditEvent

            audit_record(
                action=AuditEvent.Action.ACCESS_DENIED,
                request=request,
                detail={"path": request.path[:500]},
            )
            raise Http404


class ProgrammeTeamAdminConfig(AdminConfig):
    default_site = "childrights.core.admin_site.ProgrammeTeamAdminSite"

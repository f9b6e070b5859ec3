"""Django admin, for the programme team only. Everyone else gets a 404."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db import models
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

    def ready(self) -> None:
        super().ready()
        # django-tasks-db registers its task table: each queued task's arguments, which for a
        # message are its recipients and wording. Nobody reads them in the admin.
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin changes are written to the audit log like any other change."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        from childrights.core.audit import audit_record
        from childrights.core.models import AuditEvent

        super().save_model(request, obj, form, change)
        audit_record(
            action=AuditEvent.Action.UPDATE if change else AuditEvent.Action.CREATE,
            request=request,
            obj=obj,
            detail={"via": "admin", "changed": list(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        from childrights.core.audit import audit_record
        from childrights.core.models import AuditEvent

        audit_record(
            action=AuditEvent.Action.DELETE, request=request, obj=obj, detail={"via": "admin"}
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        from childrights.core.audit import audit_record
        from childrights.core.models import AuditEvent

        super().save_formset(request, form, formset, change)
        changes = [
            *((AuditEvent.Action.CREATE, obj) for obj in formset.new_objects),
            *((AuditEvent.Action.UPDATE, obj) for obj, _ in formset.changed_objects),
            *((AuditEvent.Action.DELETE, obj) for obj in formset.deleted_objects),
        ]
        for action, obj in changes:
            audit_record(action=action, request=request, obj=obj, detail={"via": "admin"})

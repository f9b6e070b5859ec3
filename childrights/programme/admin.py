from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from childrights.core.admin_site import AuditedModelAdmin
from childrights.programme.models import (
    BaselineFact,
    Enquiry,
    Partnership,
    Phase,
    Pilot,
    Programme,
    Source,
)

# Partnerships, councils and sources are chosen by searching, never from a list of every one:
# a partnership's name reads its council, so a list of every partnership read every council.


class _NoBulkDelete(AuditedModelAdmin):
    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):  # no delete, so Django offers no "delete selected"
    list_display = ["name_en", "organisation"]
    search_fields = ["name_en", "organisation"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A programme is never deleted: deleting it would take every partnership with it, and
        with them the councils' pilots and baseline facts (Django's confirmation page alone
        gathered them all: 2,023 queries on the national data set)."""
        return False


@admin.register(Phase)
class PhaseAdmin(_NoBulkDelete):
    list_display = ["name_en", "programme", "starts_on", "ends_on", "ends_text"]
    list_select_related = ["programme"]
    search_fields = ["name_en", "slug"]
    autocomplete_fields = ["source"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A phase that partnerships belong to is not deleted (they protect it; the
        confirmation page listed every one of them)."""
        if obj is not None and obj.partnerships.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Source)
class SourceAdmin(_NoBulkDelete):
    list_display = ["title", "publisher", "published"]
    search_fields = ["title", "publisher", "slug"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A source that a phase, partnership, pilot or baseline fact cites is not deleted
        (they protect it; the confirmation page listed every one of them: 2,818 queries on the
        national data set). One that nothing cites may be."""
        if obj is not None and (
            Phase.objects.filter(source=obj).exists()
            or Partnership.objects.filter(source=obj).exists()
            or Pilot.objects.filter(source=obj).exists()
            or BaselineFact.objects.filter(source=obj).exists()
        ):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Partnership)
class PartnershipAdmin(AuditedModelAdmin):
    list_display = ["council", "programme", "status", "joined_on"]
    list_filter = ["status"]
    search_fields = ["council__short_name", "council__name", "council__gss_code", "slug"]
    autocomplete_fields = ["council", "phase", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Partnership]:
        # A partnership's name is its council's (and the search for one lists them). Django's
        # list leaves out ``list_select_related`` once this selects, so it is all here.
        return super().get_queryset(request).select_related("council", "programme")


@admin.register(Pilot)
class PilotAdmin(AuditedModelAdmin):
    list_display = ["partnership", "focus_area_en"]
    autocomplete_fields = ["partnership", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Pilot]:
        return super().get_queryset(request).select_related("partnership__council")


@admin.register(BaselineFact)
class BaselineFactAdmin(AuditedModelAdmin):
    list_display = ["partnership", "kind", "source_text", "status"]
    autocomplete_fields = ["partnership", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[BaselineFact]:
        return super().get_queryset(request).select_related("partnership__council")


@admin.register(Enquiry)
class EnquiryAdmin(AuditedModelAdmin):
    list_display = ["organisation", "contact_name", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]

from django.contrib import admin

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


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ["name_en", "organisation"]


@admin.register(Phase)
class PhaseAdmin(AuditedModelAdmin):
    list_display = ["name_en", "programme", "starts_on", "ends_on", "ends_text"]


@admin.register(Source)
class SourceAdmin(AuditedModelAdmin):
    list_display = ["title", "publisher", "published"]


@admin.register(Partnership)
class PartnershipAdmin(AuditedModelAdmin):
    list_display = ["council", "programme", "status", "joined_on"]
    list_filter = ["status"]


@admin.register(Pilot)
class PilotAdmin(AuditedModelAdmin):
    list_display = ["partnership", "focus_area_en"]


@admin.register(BaselineFact)
class BaselineFactAdmin(AuditedModelAdmin):
    list_display = ["partnership", "kind", "source_text", "status"]


@admin.register(Enquiry)
class EnquiryAdmin(AuditedModelAdmin):
    list_display = ["organisation", "contact_name", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]

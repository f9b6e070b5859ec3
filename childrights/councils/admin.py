from django.contrib import admin

from childrights.core.admin_site import AuditedModelAdmin
from childrights.councils.models import Council


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["short_name", "name", "gss_code", "nation"]
    list_filter = ["nation"]
    search_fields = ["name", "short_name", "gss_code"]

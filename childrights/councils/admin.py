from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from childrights.core.admin_site import AuditedModelAdmin
from childrights.councils.models import Council


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["short_name", "name", "gss_code", "nation"]
    list_filter = ["nation"]
    search_fields = ["name", "short_name", "gss_code"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Councils are never deleted: one that ends gets an end date and a successor, and its
        records stay. (Django's confirmation page alone would gather every record of the
        council: 3,152 queries and 44 s for one council of the national data set.)"""
        return False

from django.contrib import admin

from childrights.councils.models import Council


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin[Council]):
    list_display = ["short_name", "name", "gss_code", "nation"]
    list_filter = ["nation"]
    search_fields = ["name", "short_name", "gss_code"]

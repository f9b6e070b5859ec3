from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from childrights.core.models import AuditEvent, Delivery


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit log is append-only."""

    list_display = ["created_at", "actor_email", "action", "object_repr", "council_name"]
    list_filter = ["action"]
    search_fields = ["actor_email", "object_repr", "council_name"]
    # Millions of events: the list does not count them all on every page.
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    """Read-only: what became of each message sent through GOV.UK Notify (never its wording),
    so the programme team can see whose address or number fails."""

    list_display = ["created_at", "kind", "channel", "recipient", "status", "completed_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["recipient", "notify_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

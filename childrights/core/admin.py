from typing import Any, cast

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from childrights.core.models import AuditEvent, Delivery


class CountedUpTo(Paginator[Any]):
    """An admin list's pages, counting no further than ``UP_TO`` + 1 rows, in no order: a list
    of millions costs what one of ten thousand does (a count of every audit event took 360 ms
    at 10,000,000). Past ``UP_TO``, the pages reach the first ``UP_TO`` and the list says there
    are more (``admin/<app>/<model>/pagination.html``)."""

    UP_TO = 10_000

    @cached_property
    def counted(self) -> int:
        rows = cast(QuerySet[Any], self.object_list)
        return int(rows.order_by()[: self.UP_TO + 1].count())

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.UP_TO)

    @property
    def more(self) -> bool:
        return self.counted > self.UP_TO


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit log is append-only."""

    paginator = CountedUpTo

    list_display = ["created_at", "actor_email", "action", "object_repr", "council_name"]
    list_filter = ["action"]
    # The start of the address, in any case: on PostgreSQL a B-tree on upper(actor_email)
    # serves it (migration 0009). "Contains" in any of three fields read all 10,000,000 events
    # (7 to 10 s at national size); the audit log page filters by council and action.
    search_fields = ["^actor_email"]
    search_help_text = _(
        "The start of the person’s email address, in any case: for example, jo.smith or "
        "jo.smith@council.gov.uk"
    )
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

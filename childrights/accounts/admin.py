from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Membership, Role, User
from childrights.core.admin_site import AuditedModelAdmin


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    autocomplete_fields = ["council"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_demo", "date_joined"]
    list_filter = ["is_active", "is_demo"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "preferred_language", "is_active", "is_demo", "last_login"]
    readonly_fields = ["last_login"]
    inlines = [MembershipInline]


@admin.register(Role)
class RoleAdmin(AuditedModelAdmin):
    list_display = ["slug", "name_en", "scope", "requires_two_factor", "read_only"]
    readonly_fields = ["slug", "scope"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "council", "role", "created_at"]
    list_filter = ["role", "council"]
    search_fields = ["user__email", "council__name"]
    autocomplete_fields = ["user", "council"]


# django-otp registers a device admin that shows each person's secret and lets anyone with admin
# access enrol devices for others. Ours only lists devices and deletes one (to reset someone's
# two-factor), and the deletion is audited.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AuditedModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    search_fields = ["user__email"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

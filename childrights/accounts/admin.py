from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.models import Membership, Role, SingleSignOn, User
from childrights.accounts.services import membership_removal_blockers
from childrights.accounts.sso import client_secret, sso_links_forget
from childrights.core.admin_site import AuditedModelAdmin
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent


class MembershipInline(admin.TabularInline[Membership, User]):
    """Roles are listed here; they are given and taken on the roles page, where removing one
    that another record still needs (an open consultation's safeguarding lead) is refused."""

    model = Membership
    extra = 0
    fields = ["council", "role", "created_at"]
    readonly_fields = ["council", "role", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    """People are deactivated here (untick "active"), never deleted: what they did stays on
    record under their name (the audit log is append-only and names them), and finding every
    record that points at a person to list it before deleting read more of the database the
    more that person had done (193 queries for one person at national size)."""

    list_display = ["email", "full_name", "is_active", "is_demo", "date_joined"]
    list_filter = ["is_active", "is_demo"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "preferred_language", "is_active", "is_demo", "last_login"]
    readonly_fields = ["last_login"]
    inlines = [MembershipInline]
    # Counting every person on each page of the list is a cost that grows with the service.
    show_full_result_count = False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Role)
class RoleAdmin(AuditedModelAdmin):
    list_display = ["slug", "name_en", "scope", "requires_two_factor", "read_only"]
    readonly_fields = ["slug", "scope"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Roles are reference data (accounts/data/roles.json, loaded again on each deploy), and
        every membership holds one: never deleted in the admin. (Django's confirmation page
        alone gathered every membership of the role: its queries grew with the members, 12 on
        the small data set and 21 at national size.)"""
        return False


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "council", "role", "created_at"]
    list_filter = ["role", "council"]
    search_fields = ["user__email", "council__name"]
    autocomplete_fields = ["user", "council"]
    # Each row names its person, council and role: one query for the page, not three a row.
    list_select_related = ["user", "council", "role"]
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        # A role is removed and another given, never changed in place, so the checks on
        # removing it always apply.
        return ["user", "council", "role", "created_at"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        # A role that reads what children disclose is given only through the council's team
        # page, where it needs a council lead's or a second programme member's confirmation.
        if not change and obj.role.grants("safeguarding"):
            raise PermissionDenied(
                "Give safeguarding roles on the council's team page: they need a council lead's "
                "or a second programme team member's confirmation."
            )
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        reasons = membership_removal_blockers(obj)
        if reasons:
            raise PermissionDenied(" ".join(reasons))
        super().delete_model(request, obj)


# django-otp registers a device admin that shows each person's secret and lets anyone with admin
# access enrol devices for others. Ours only lists devices and deletes one (to reset someone's
# two-factor), and the deletion is audited.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AuditedModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SingleSignOn)
class SingleSignOnAdmin(AuditedModelAdmin):
    """Each council's own sign-in (ADR 0022), set up by the programme team with the council's IT
    team. The client secret is never entered here: the hosting team sets the environment variable
    named, so it is never stored in the database or shown back."""

    list_display = ["council", "issuer", "email_domains", "require_sso", "enabled", "secret_set"]
    list_filter = ["enabled", "require_sso"]
    list_select_related = ["council"]
    search_fields = ["council__name", "email_domains", "issuer"]
    autocomplete_fields = ["council"]
    fields = [
        "council",
        "enabled",
        "issuer",
        "client_id",
        "client_secret_variable",
        "email_domains",
        "require_sso",
        "mfa_amr_values",
        "mfa_acr_values",
        "callback_url",
    ]
    readonly_fields = ["callback_url"]

    def save_model(self, request: HttpRequest, obj: SingleSignOn, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and {"issuer", "client_id"} & set(form.changed_data):
            forgotten = sso_links_forget(obj)
            if forgotten:
                audit_record(
                    action=AuditEvent.Action.UPDATE,
                    request=request,
                    obj=obj,
                    council=obj.council,
                    detail={"via": "admin", "links_forgotten": forgotten},
                )

    @admin.display(boolean=True, description="Secret set")
    def secret_set(self, obj: SingleSignOn) -> bool:
        return bool(client_secret(obj))

    @admin.display(description="Redirect URI to register with the provider")
    def callback_url(self, obj: SingleSignOn) -> str:
        if obj.pk is None:
            return "Shown once saved."
        return settings.SITE_URL + reverse(
            "openid_connect_callback", kwargs={"provider_id": obj.provider_id}
        )


# allauth's own admin pages are taken away: its apps are made from SingleSignOn (no SocialApp
# rows), no tokens are kept, and no email addresses are managed by allauth. The links between an
# account and a provider's subject stay listed, so the programme team can remove a wrong one.
for _model in (SocialApp, SocialToken, EmailAddress, SocialAccount):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(SocialAccount)
class SingleSignOnLinkAdmin(AuditedModelAdmin):
    list_display = ["user", "provider", "uid", "last_login"]
    list_select_related = ["user"]
    search_fields = ["user__email", "uid"]
    fields = ["user", "provider", "uid", "date_joined", "last_login"]
    readonly_fields = ["user", "provider", "uid", "date_joined", "last_login"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

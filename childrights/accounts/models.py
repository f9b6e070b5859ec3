import re
import secrets
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from childrights.core.emails import normalise_email
from childrights.councils.models import Council


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email=normalise_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff. Children never have accounts."""

    class Language(models.TextChoices):
        ENGLISH = "en-gb", _("English")
        WELSH = "cy", _("Welsh")

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    # A UK mobile number, as +447…, for text messages about urgent safeguarding alerts only.
    mobile_number = models.CharField(_("mobile number"), max_length=13, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demonstration account"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Django admin is for the programme team only."""
        return self.is_active and self.is_programme_team

    @cached_property
    def _memberships(self) -> list["Membership"]:
        return list(self.memberships.select_related("role", "council"))

    @property
    def is_programme_team(self) -> bool:
        return self.is_active and any(
            m.role.scope == Role.Scope.NATIONAL for m in self._memberships
        )

    @property
    def requires_two_factor(self) -> bool:
        return any(m.role.requires_two_factor for m in self._memberships)

    def council_ids(self, capability: str | None = None) -> frozenset[int]:
        if not self.is_active:
            return frozenset()
        return frozenset(
            m.council_id
            for m in self._memberships
            if m.council_id is not None and (capability is None or m.role.grants(capability))
        )

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_programme_team or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_programme_team or super().has_module_perms(app_label)


class Role(models.Model):
    """What a member may do. Roles are reference data (accounts/data/roles.json)."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        COUNCIL = "council", _("Council")

    slug = models.SlugField(_("slug"), unique=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_cy = models.CharField(_("name (Welsh)"), max_length=100)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_cy = models.TextField(_("description (Welsh)"), blank=True)
    requires_two_factor = models.BooleanField(_("requires two-factor"), default=False)
    read_only = models.BooleanField(_("read only"), default=False)
    capabilities = models.JSONField(_("capabilities"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name_en

    def grants(self, capability: str) -> bool:
        return not self.read_only and capability in self.capabilities


class Membership(models.Model):
    """A user's role, in one council or (for national roles) in the programme."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council", "role"], name="membership_unique_role_per_council"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(council__isnull=True),
                name="membership_unique_national_role",
            ),
        ]
        ordering = ["council__short_name", "role__position", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        where = self.council.short_name if self.council else "programme"
        return f"{self.user.email}: {self.role.slug} ({where})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


# An invitation can be accepted for two weeks.
INVITATION_DAYS = 14


class Invitation(models.Model):
    """A role offered to an email address. Nothing of any account with that address is shown to
    the council until the person accepts; only then does the role exist."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="invitations")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    created_at = models.DateTimeField(default=timezone.now)
    # A role that reads what children disclose needs a second person's word: the council's lead
    # (when the inviter is not one), or a second member of the programme team.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.email}: {self.role.slug}"

    @property
    def needs_confirmation(self) -> bool:
        return self.confirmed_at is None


ENTRA_HOST = "login.microsoftonline.com"
# Entra ID endpoints that are not one tenant: any organisation's (or anyone's) accounts.
ENTRA_SHARED_TENANTS = frozenset({"common", "organizations", "consumers"})
ENTRA_TENANT_ID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


class SingleSignOn(models.Model):
    """A council's own OpenID Connect provider (Microsoft Entra ID or any other), through which
    its staff sign in (ADR 0022). The client secret is never stored here: the hosting team puts
    it in the environment variable this names."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="single_sign_on", verbose_name=_("council")
    )
    enabled = models.BooleanField(_("in use"), default=True)
    issuer = models.URLField(
        _("issuer URL"),
        max_length=300,
        help_text=_(
            "The provider's issuer, exactly as its tokens name it. For Microsoft Entra ID: "
            "https://login.microsoftonline.com/<tenant ID>/v2.0"
        ),
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    client_secret_variable = models.CharField(
        _("environment variable holding the client secret"),
        max_length=100,
        help_text=_("A name starting SSO_SECRET_, for example SSO_SECRET_ABERFIELD."),
    )
    email_domains = models.CharField(
        _("email domains"),
        max_length=500,
        help_text=_(
            "The domains of staff email addresses, separated by commas, for example "
            "aberfield.gov.uk, aberfield-schools.org.uk"
        ),
    )
    require_sso = models.BooleanField(
        _("staff must sign in through it"),
        default=False,
        help_text=_(
            "Members of this council whose email domain is listed cannot sign in with a password."
        ),
    )
    mfa_amr_values = models.CharField(
        _("amr values that show multi-factor"),
        max_length=200,
        default="mfa, otp, hwk",
        blank=True,
        help_text=_(
            "When the token's amr claim holds one of these, our own two-factor step is not asked."
        ),
    )
    mfa_acr_values = models.CharField(
        _("acr values that show multi-factor"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["council__short_name"]
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")

    def __str__(self) -> str:
        return f"{self.council.short_name}: {self.issuer}"

    @staticmethod
    def split(text: str) -> list[str]:
        return [part.strip().lower() for part in text.replace("\n", ",").split(",") if part.strip()]

    @property
    def domains(self) -> list[str]:
        return [domain.removeprefix("@") for domain in self.split(self.email_domains)]

    @property
    def provider_id(self) -> str:
        """allauth's name for this council's provider (in the callback URL)."""
        return f"council-{self.council_id}"

    @property
    def is_entra(self) -> bool:
        return self.issuer.lower().startswith(f"https://{ENTRA_HOST}/")

    @property
    def entra_tenant(self) -> str:
        """The tenant ID in an Entra ID issuer URL."""
        return self.issuer.split("/")[3] if self.is_entra else ""

    def covers(self, email: str) -> bool:
        return normalise_email(email).rpartition("@")[2] in self.domains

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        url = urlsplit(self.issuer or "")
        # A provider on this machine over plain http is for tests and development only.
        loopback = url.hostname in {"localhost", "127.0.0.1", "::1"} and not settings.PRODUCTION
        if url.scheme != "https" and not loopback:
            errors["issuer"] = _("The issuer URL must start https://")
        elif url.query or url.fragment:
            errors["issuer"] = _("Enter the issuer URL without a query or fragment")
        elif self.is_entra:
            parts = url.path.strip("/").split("/")
            if len(parts) != 2 or parts[1] != "v2.0":
                errors["issuer"] = _(
                    "For Microsoft Entra ID, enter "
                    "https://login.microsoftonline.com/<tenant ID>/v2.0"
                )
            elif parts[0].lower() in ENTRA_SHARED_TENANTS:
                errors["issuer"] = _(
                    "Use the council's own tenant ID, not %(shared)s: that would let accounts from "
                    "any organisation sign in"
                ) % {"shared": parts[0]}
            elif not ENTRA_TENANT_ID.fullmatch(parts[0]):
                # Tokens name the tenant by its ID, never by a domain such as
                # council.onmicrosoft.com, so an issuer with a domain would refuse everyone.
                errors["issuer"] = _(
                    "Enter the council's tenant ID (like 0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9), "
                    "not a domain name"
                )
        if not re.fullmatch(r"SSO_SECRET_[A-Z0-9_]+", self.client_secret_variable or ""):
            errors["client_secret_variable"] = _(
                "Enter a name in capitals starting SSO_SECRET_, for example SSO_SECRET_ABERFIELD"
            )
        domains = self.domains
        bad = [d for d in domains if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", d)]
        if not domains:
            errors["email_domains"] = _("Enter at least one email domain, like aberfield.gov.uk")
        elif bad:
            errors["email_domains"] = _(
                "%(domain)s is not an email domain, like aberfield.gov.uk"
            ) % {"domain": bad[0]}
        else:
            for other in SingleSignOn.objects.exclude(pk=self.pk).select_related("council"):
                shared = sorted(set(domains) & set(other.domains))
                if shared:
                    errors["email_domains"] = _(
                        "%(domain)s is already the sign-in domain of %(council)s: a domain can "
                        "lead to one council only"
                    ) % {"domain": shared[0], "council": other.council.name}
                    break
        if errors:
            raise ValidationError(errors)


class SingleSignOnDevice(Device):  # type: ignore[misc]
    """Stands for a second factor that the council's provider checked at sign-in (the ``amr``
    claim): marking the session with it counts as two-factor for the rest of the service, the
    way django-otp marks a session after an authenticator code. It has no codes of its own, so
    it can never be used to enter one."""

    user: "models.ForeignKey[User, User]" = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("council sign-in second factor")

    def verify_token(self, token: object) -> bool:
        return False

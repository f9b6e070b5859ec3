import secrets
from functools import cached_property
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

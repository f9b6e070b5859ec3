from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened, recorded once and never changed.

    Rows are only ever inserted: there is no service that updates or deletes them, the admin is
    read-only, and database triggers refuse UPDATE (and DELETE on PostgreSQL).
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        ACCESS_DENIED = "access_denied", _("Access refused")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        TWO_FACTOR = "two_factor", _("Two-factor change")
        PASSWORD = "password", _("Password change")
        EXPORT = "export", _("Downloaded")
        VIEW = "view", _("Viewed")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # DO_NOTHING without a database constraint: deleting a user must not rewrite the log, which
    # keeps the actor's email as it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_email = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=32, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    # A plain id and name, not a foreign key: the record outlives any change to the council.
    council_id = models.BigIntegerField(_("council id"), null=True, blank=True, db_index=True)
    council_name = models.CharField(_("council"), max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["action", "created_at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.object_repr}"
        )


class RateEvent(models.Model):
    """One attempt counted against a rate limit (failed sign-ins, enquiries). Keys are hashed."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"

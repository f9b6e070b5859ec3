import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
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
        indexes = [
            models.Index(fields=["action", "created_at"]),
            # One council's events newest first, and each council's latest name, without
            # reading the rest of the log.
            models.Index(fields=["council_id", "created_at"], name="audit_by_council"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.object_repr}"
        )


def kept_pdf_path(instance: "KeptPdf", filename: str) -> str:
    return f"pdfs/{instance._meta.app_label}/{timezone.now():%Y/%m}/{filename}"


class KeptPdf(models.Model):
    """A PDF drawn once and kept, for one document in one language or English then Welsh
    ("en-gb", "cy" or "en-gb+cy"); ``fingerprint`` names the HTML it was drawn from
    (``core.pdf.pdf_kept``). Each app's model adds the document it belongs to, once per
    languages."""

    languages = models.CharField(max_length=20)
    fingerprint = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to=kept_pdf_path, blank=True)
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RateEvent(models.Model):
    """One attempt counted against a rate limit (failed sign-ins, enquiries). Keys are hashed."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """One email or text message handed to GOV.UK Notify, and what became of it. Never its
    wording: a message may be about a child, so only the kind of message is kept."""

    QUEUED = "queued"
    NOT_ACCEPTED = "not-accepted"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "sms", "Text message"

    # Sent to Notify as the notification's reference, so a receipt can be matched even before
    # Notify's own id is stored.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    notify_id = models.UUIDField(null=True, blank=True, unique=True)
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    # The address or mobile number, so a failed delivery can be put right.
    recipient = models.CharField(max_length=320)
    # "queued" or "not-accepted" here; then Notify's: created, sending, pending, sent,
    # delivered, permanent-failure, temporary-failure, technical-failure.
    status = models.CharField(max_length=30)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status_updated_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.status}"

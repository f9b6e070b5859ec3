"""The council API's tokens: a council lead's named key for one council's software.

A token belongs to one council and allows only the actions chosen for it (``Action``). Its
secret is shown once, when it is made, and never stored: the row keeps a SHA-256 hash of it and
its first characters (``prefix``), by which the secret is found and the token recognised in the
list. Every token expires, on a date chosen when it is made, and can be revoked before then.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council


class CouncilToken(models.Model):
    class Action(models.TextChoices):
        IMPORT_MEASUREMENTS = "import_measurements", _("Import outcome indicator measurements")
        READ_RESULTS = (
            "read_results",
            _("Read consultation results, with small counts hidden and the rest rounded"),
        )
        READ_DIRECTORY = "read_directory", _("Read the council’s own directory of services")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    actions = models.JSONField(_("what it may do"), default=list)
    prefix = models.CharField(_("begins with"), max_length=16, db_index=True)
    secret_hash = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField(_("expires on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_unique_live_name",
            )
        ]
        verbose_name = _("council API token")
        verbose_name_plural = _("council API tokens")

    def __str__(self) -> str:
        return self.name

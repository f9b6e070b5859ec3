"""Evidence of change: a council's self-assessment against the seven principles, round by round."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.framework.models import Indicator


class Level(models.IntegerChoices):
    NOT_STARTED = 0, _("Not started")
    EMERGING = 1, _("Emerging")
    DEVELOPING = 2, _("Developing")
    EMBEDDED = 3, _("Embedded")


class Round(models.Model):
    """One self-assessment: the baseline, then one a year."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        YEARLY = "yearly", _("Yearly review")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="round_name_once_per_council")
        ]
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """How far one descriptive indicator is in practice, with the evidence for it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.TextField(
        _("links to records"), blank=True, help_text=_("One web address per line.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["indicator__principle__position", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="rating_once_per_round")
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.indicator.slug}: level {self.level}"

    @property
    def council(self) -> Council:
        return self.round.council

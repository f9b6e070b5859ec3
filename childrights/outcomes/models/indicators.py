"""Outcome indicators: a shared library that councils extend, the targets each pilot sets, and
the measurements that show whether children's outcomes changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.core import presenters
from childrights.councils.models import Council
from childrights.framework.models import Article, Principle, Theme
from childrights.programme.models import Pilot


class OutcomeIndicator(models.Model):
    """A measurable outcome. With no council it belongs to the shared library; with one, it is
    that council's own."""

    class Unit(models.TextChoices):
        # The units that change how a value reads take their values from core.presenters.
        PERCENTAGE = presenters.PERCENTAGE, _("Percentage")
        NUMBER = "number", _("Number")
        RATE_PER_1000 = presenters.RATE_PER_1000, _("Rate per 1,000")
        SCORE = "score", _("Score")
        DAYS = presenters.DAYS, _("Days")

    class Better(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome_indicators",
    )
    slug = models.SlugField(_("short name for files"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    definition_en = models.TextField(_("definition (English)"))
    definition_cy = models.TextField(_("definition (Welsh)"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    better = models.CharField(_("which direction is better"), max_length=10, choices=Better.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    breakdowns = models.JSONField(_("breakdowns"), default=list, blank=True)
    principle = models.ForeignKey(
        Principle, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    articles = models.ManyToManyField(Article, blank=True, related_name="+")
    computed_from = models.CharField(
        _("computed from"),
        max_length=40,
        blank=True,
        help_text=_(
            "Set for indicators the platform computes from its own records (such as training "
            "coverage): their values cannot be typed in or imported."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(council__isnull=True),
                name="outcome_indicator_library_slug_once",
            ),
            models.UniqueConstraint(
                fields=["council", "slug"], name="outcome_indicator_slug_once_per_council"
            ),
        ]
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")

    def __str__(self) -> str:
        return self.name_en


class Measurement(models.Model):
    """One value of an indicator for a period; an empty breakdown is the total."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="measurements")
    indicator = models.ForeignKey(
        OutcomeIndicator, on_delete=models.CASCADE, related_name="measurements"
    )
    period_end = models.DateField(_("end of period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    breakdown = models.CharField(_("breakdown"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["period_end", "breakdown", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "indicator", "period_end", "breakdown"],
                name="measurement_once_per_period_and_breakdown",
            )
        ]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator.slug} {self.period_end}: {self.value}"


class IndicatorTarget(models.Model):
    """An indicator a pilot picked: the baseline it starts from and where it aims to be."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="indicator_targets")
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.ForeignKey(
        OutcomeIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=4)
    baseline_on = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    target_on = models.DateField(_("target date"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "indicator"], name="indicator_target_once_per_pilot"
            )
        ]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")

    def __str__(self) -> str:
        return f"{self.indicator.slug}: {self.baseline_value} to {self.target_value}"

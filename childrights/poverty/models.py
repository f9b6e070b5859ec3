"""Council-owned poverty analyses: uploaded microdata, measure definitions and stored runs.

A run keeps the measure definition it used and a fingerprint of the data, so any past result can
be reproduced exactly.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council


class Dataset(models.Model):
    """One row per child, uploaded by a council. Only files that pass validation are stored."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        PARQUET = "parquet", "Parquet"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="datasets")
    name = models.CharField(_("name"), max_length=200)
    file = models.FileField(_("file"), upload_to="poverty/datasets/%Y/%m/")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    separator = models.CharField(_("separator"), max_length=1, default=",")
    row_count = models.PositiveBigIntegerField(_("children"))
    # One entry for each column: name, type (uploads.NUMBER, WHOLE, YES_NO, TEXT or EMPTY),
    # missing (how many values), min and max (for numbers).
    columns = models.JSONField(_("columns"), default=list)
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    """A measure definition: dimensions, indicators and their rules, weights and the cutoff k."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=200)
    definition = models.JSONField(_("definition"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name


class Run(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="poverty_runs")
    measure = models.ForeignKey(Measure, on_delete=models.SET_NULL, null=True, related_name="runs")
    dataset = models.ForeignKey(Dataset, on_delete=models.SET_NULL, null=True, related_name="runs")
    measure_name = models.CharField(_("measure"), max_length=200)
    definition = models.JSONField(_("definition used"))
    data_fingerprint = models.CharField(_("data fingerprint"), max_length=64)
    options = models.JSONField(_("options"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="queued")
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("run")
        verbose_name_plural = _("runs")

    def __str__(self) -> str:
        return f"{self.measure_name} ({self.get_status_display()})"

"""The corporate parenting board's report for a chosen period, built in the background from
dated records (children's views before their meetings, the topics they raised, safety alerts,
the well-being indicators and the pledge's progress), kept with its figures and its PDFs: one for
the board, one written for the Children in Care Council."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council


class BoardReport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="board_reports")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    language = models.CharField(_("language"), max_length=8, default="en-gb")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="board-reports/%Y/%m/", blank=True)
    children_pdf = models.FileField(
        _("PDF for the Children in Care Council"), upload_to="board-reports/%Y/%m/", blank=True
    )
    error = models.TextField(_("what went wrong"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="parenting_board_report_period_in_order",
            )
        ]
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")

    def __str__(self) -> str:
        return f"Board report {self.period_start} to {self.period_end}"

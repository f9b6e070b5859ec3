"""The council's answer back: quotes from children's written answers that a person has read
(published only in redacted form), and "you said, we did": the themes of what children said,
the council's commitments about them, and dated updates on each commitment.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.participation.models.consultations import Consultation
from childrights.participation.models.responses import Answer


class Quote(models.Model):
    """A written answer a person has read: approved (in its redacted form only) or not."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved in redacted form")
        REJECTED = "rejected", _("Not to be published")

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="quote")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="quotes")
    status = models.CharField(max_length=10, choices=Status.choices)
    redacted = models.TextField(_("text to publish"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.redacted[:80]


class FeedbackTheme(models.Model):
    """ "You said": one theme of what children told the council."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    position = models.PositiveSmallIntegerField(default=0)
    title_en = models.CharField(_("theme (English)"), max_length=200)
    title_cy = models.CharField(_("theme (Welsh)"), max_length=200, blank=True)
    summary_en = models.TextField(_("what children said (English)"))
    summary_cy = models.TextField(_("what children said (Welsh)"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def council(self) -> Council:
        return self.consultation.council


class Commitment(models.Model):
    """ "We did": what the council will do about it, and how far it has got."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_DOING = "not_doing", _("Not doing")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="commitments"
    )
    theme = models.ForeignKey(
        FeedbackTheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("theme"),
    )
    text_en = models.TextField(_("what we will do (English)"))
    text_cy = models.TextField(_("what we will do (Welsh)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    reason_en = models.TextField(_("why not (English)"), blank=True)
    reason_cy = models.TextField(_("why not (Welsh)"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.text_en[:80]

    @property
    def council(self) -> Council:
        return self.consultation.council


class CommitmentUpdate(models.Model):
    """A dated note of progress on a commitment, shown on the public page."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    made_on = models.DateField(_("date"))
    text_en = models.TextField(_("update (English)"))
    text_cy = models.TextField(_("update (Welsh)"), blank=True)
    status = models.CharField(
        _("status after the update"), max_length=12, choices=Commitment.Status.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment", "-made_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.made_on}: {self.text_en[:60]}"

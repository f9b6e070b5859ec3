"""Themes found in a consultation's written answers, or in the comments on a council's SEND
local offer (``participation.themes``): each run of the model, kept with everything needed to
make it again (model name and version, settings, seed), the themes it found and staff have since
renamed, merged, split and reviewed, and which answer or comment sits in which theme. Words held
for the safeguarding lead never enter a run.

A run of a consultation names the consultation; a run of another source (``Source``) names the
council and its source. The comments are the directory's (``directory.SendComment``, named here
by its label, never imported): the directory gives a run its words
(``participation.themes.runs.source_register``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.participation.models.consultations import Consultation
from childrights.participation.models.feedback import FeedbackTheme
from childrights.participation.models.responses import Answer


class ThemeRun(models.Model):
    """One grouping of a consultation's written answers, or of a council's comments on its SEND
    local offer, made in the background."""

    class Source(models.TextChoices):
        CONSULTATION = "consultation", _("A consultation's written answers")
        SEND_COMMENTS = "send_comments", _("Comments on the SEND local offer")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Finding themes")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not finish")

    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CONSULTATION)
    # The consultation, for a consultation's answers; the council, for any other source.
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="theme_runs"
    )
    source_council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    answers = models.PositiveIntegerField(default=0)
    to_embed = models.PositiveIntegerField(default=0)
    embedded = models.PositiveIntegerField(default=0)
    model_name = models.CharField(max_length=100, blank=True)
    model_version = models.CharField(max_length=40, blank=True)
    model_settings = models.JSONField(default=dict)
    details = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "-pk"]
        constraints = [
            # One run at a time for a consultation: a second press while one waits or runs
            # starts nothing.
            models.UniqueConstraint(
                fields=["consultation"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_theme_run_at_a_time",
            ),
            models.UniqueConstraint(
                fields=["source_council", "source"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_source_theme_run_at_a_time",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        source="consultation",
                        consultation__isnull=False,
                        source_council__isnull=True,
                    )
                    | (
                        ~models.Q(source="consultation")
                        & models.Q(consultation__isnull=True, source_council__isnull=False)
                    )
                ),
                name="theme_run_of_a_consultation_or_a_council",
            ),
        ]

    def __str__(self) -> str:
        return f"Themes of {self.consultation_id or self.source} ({self.status})"

    @property
    def council(self) -> Council:
        if self.consultation is not None:
            return self.consultation.council
        if self.source_council is None:  # the check constraint rules it out
            raise ValueError("A theme run names a consultation or a council")
        return self.source_council

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return self.embedded * 100 // self.to_embed if self.to_embed else 0


class Theme(models.Model):
    """One theme of a run: named by the model, renamed, merged, split and reviewed by staff."""

    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="themes")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("theme name"), max_length=200)
    phrases = models.JSONField(default=list)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The "you said" theme it is published under, if any.
    you_said = models.ForeignKey(
        FeedbackTheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="found_themes",
        verbose_name=_("“You said” theme"),
    )

    class Meta:
        ordering = ["run", "position", "pk"]

    def __str__(self) -> str:
        # Its name is made from children's words: the audit log and the admin show an id.
        return f"Theme {self.pk}"


class ThemeAnswer(models.Model):
    """Which theme of a run a written answer (or a comment on the SEND local offer) sits in.
    ``vector``: its embedding as the run clustered it (float16), kept so that a theme can be
    split without the model; empty for words placed by their terms beyond the run's sample."""

    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="answers")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, related_name="+")
    comment = models.ForeignKey(
        "directory.SendComment", on_delete=models.CASCADE, null=True, related_name="+"
    )
    typicality = models.FloatField(default=0)
    vector = models.BinaryField(blank=True, default=b"")
    moved = models.BooleanField(default=False)

    class Meta:
        ordering = ["theme", "-typicality", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "answer"], name="one_theme_per_answer_a_run"),
            models.UniqueConstraint(fields=["run", "comment"], name="one_theme_per_comment_a_run"),
            models.CheckConstraint(
                condition=(
                    models.Q(answer__isnull=False, comment__isnull=True)
                    | models.Q(answer__isnull=True, comment__isnull=False)
                ),
                name="theme_answer_is_an_answer_or_a_comment",
            ),
        ]

    def __str__(self) -> str:
        if self.answer_id is None:
            return f"Comment {self.comment_id} in {self.theme_id}"
        return f"Answer {self.answer_id} in {self.theme_id}"

    @property
    def text(self) -> str:
        """The words placed: the answer's, or the comment's as written."""
        placed = self.answer if self.answer_id is not None else self.comment
        return str(placed.text) if placed is not None else ""

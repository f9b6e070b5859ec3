"""Safeguarding: the phrases that may mean a child is at risk, the concerns raised by a child's
words (from a stored response, or from answers that were refused), and what a safeguarding lead
decided about each concern and has to do next.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.participation.models.consultations import Consultation
from childrights.participation.models.responses import Response


class Phrase(models.Model):
    """A phrase that may mean a child is at risk. Shipped defaults have no council; each council
    can add its own."""

    class Category(models.TextChoices):
        ABUSE = "abuse", _("Abuse")
        SELF_HARM = "self_harm", _("Self-harm and suicide")
        VIOLENCE = "violence", _("Violence")
        EXPLOITATION = "exploitation", _("Sexual exploitation")
        NEGLECT = "neglect", _("Neglect")
        SUBSTANCES = "substances", _("Substance misuse")
        RUNNING_AWAY = "running_away", _("Running away")

    class Priority(models.IntegerChoices):
        URGENT = 1, _("Urgent")
        HIGH = 2, _("High")
        MEDIUM = 3, _("Medium")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    phrase = models.CharField(_("phrase"), max_length=200)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "language", "phrase"], name="phrase_once_per_council"
            )
        ]

    def __str__(self) -> str:
        return self.phrase


class Concern(models.Model):
    """Words from a child that may tell of harm, waiting for a safeguarding lead to decide.

    Usually the words are a stored response's. When the answers themselves were refused (the
    group's code was full, the consultation closed while the child was answering, too many sends
    at once, answers that did not fit the survey), the response is not stored but its written
    answers still reach the lead: they are kept here, in ``held``, with why they were refused.
    """

    class Refused(models.TextChoices):
        FULL = "full", _("The survey or group code could not take more answers")
        BUSY = "busy", _("Too many answers were being sent at once")
        CLOSED = "closed", _("The survey closed while the child was answering")
        CODE_STOPPED = "code_stopped", _("The group's code was stopped")
        INVALID = "invalid", _("The answers did not fit the survey")
        CONFLICT = "conflict", _("Different answers were sent again for the same response")

    response = models.OneToOneField(
        Response, on_delete=models.PROTECT, related_name="concern", null=True, blank=True
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="+")
    # The submission and its answers (``submission.answers_key``): one concern for them however
    # often they are sent, refused or accepted.
    answers_key = models.UUIDField(null=True, blank=True, unique=True)
    refused = models.CharField(max_length=20, choices=Refused.choices, blank=True)
    # For refused answers only: {"age_band", "language", "name", "group",
    # "written": [{"question": id, "text": ...}]}.
    held = models.JSONField(null=True, blank=True)
    priority = models.PositiveSmallIntegerField(choices=Phrase.Priority.choices)
    categories = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead looking after it"),
    )
    first_opened_at = models.DateTimeField(null=True, blank=True)
    first_reviewed_at = models.DateTimeField(null=True, blank=True)
    first_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["priority", "created_at", "pk"]
        indexes = [models.Index(fields=["council", "created_at"], name="concern_by_council")]

    def __str__(self) -> str:
        return f"Concern {self.pk}"

    # What the lead reads about the child, from the response or from the refused answers.
    def _about(self, key: str) -> str:
        if self.response is not None:
            return str(getattr(self.response, key) or "")
        return str((self.held or {}).get(key) or "")

    @property
    def age_band(self) -> str:
        return self._about("age_band")

    @property
    def language(self) -> str:
        return self._about("language")

    @property
    def given_name(self) -> str:
        return self._about("name")

    @property
    def group_name(self) -> str:
        if self.response is not None:
            code = self.response.access_code
            return code.group_name if code is not None else ""
        return str((self.held or {}).get("group") or "")

    @property
    def withdrawn_at(self) -> datetime.datetime | None:
        return self.response.withdrawn_at if self.response is not None else None


class Decision(models.Model):
    """What a safeguarding lead decided about a concern, why, and when."""

    class Outcome(models.TextChoices):
        NO_FURTHER_ACTION = "nfa", _("No further action")
        CANNOT_IDENTIFY = (
            "cannot_identify",
            _("Cannot identify the child: recorded as intelligence"),
        )
        GROUP = "group", _("Passed to the school or group that holds the code")
        EARLY_HELP = "early_help", _("Early help")
        SOCIAL_CARE = "social_care", _("Referral to children's social care")
        HUB = "hub", _("Referral to the multi-agency safeguarding hub")
        POLICE = "police", _("Referral to the police")
        SECOND_OPINION = "second_opinion", _("Second opinion asked")

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["concern", "decided_at", "pk"]

    def __str__(self) -> str:
        return self.get_outcome_display()


class FollowUp(models.Model):
    """Something a lead has to do about a concern, by a date."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="follow_ups")
    action = models.CharField(_("what needs doing"), max_length=500)
    due_on = models.DateField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.action

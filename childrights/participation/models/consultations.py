"""Consultations and their questions: the consultation itself (its languages, age bands, dates,
safeguarding leads and status), its questions with the wording each age band is given and the
answers a child can pick, and the access codes that let one group of children answer. Also the
age bands and the codes and link keys children type or follow.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.programme.models import Pilot


class AgeBand(models.TextChoices):
    AGE_4_7 = "4-7", _("4 to 7")
    AGE_8_11 = "8-11", _("8 to 11")
    AGE_12_15 = "12-15", _("12 to 15")
    AGE_16_17 = "16-17", _("16 to 17")
    AGE_18_25 = "18-25", _("18 to 25 (care leavers)")


# Letters and digits a child cannot misread (no 0/O, 1/I/L, 5/S, 2/Z).
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_link_key() -> str:
    return secrets.token_urlsafe(9)


class Consultation(models.Model):
    """One set of questions put to children, with the council's answer back."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Languages(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")
        BOTH = "both", _("English and Welsh")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="consultations")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200, blank=True)
    purpose_en = models.TextField(
        _("what it is for (English)"), help_text=_("In plain words a child can understand.")
    )
    purpose_cy = models.TextField(_("what it is for (Welsh)"), blank=True)
    pilot = models.ForeignKey(
        Pilot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("pilot"),
    )
    about_en = models.CharField(
        _("service or decision it informs (English)"), max_length=300, blank=True
    )
    about_cy = models.CharField(
        _("service or decision it informs (Welsh)"), max_length=300, blank=True
    )
    age_bands = models.JSONField(_("age bands"), default=list)
    languages = models.CharField(
        _("languages"), max_length=4, choices=Languages.choices, default=Languages.ENGLISH
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    identified = models.BooleanField(_("children give their name"), default=False)
    identified_reason = models.TextField(_("why names are needed"), blank=True)
    safeguarding_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("designated safeguarding lead"),
    )
    safeguarding_deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy safeguarding lead"),
    )
    about_you = models.JSONField(_("about you questions"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    link_key = models.CharField(max_length=20, unique=True, default=new_link_key, editable=False)
    responses_limit = models.PositiveIntegerField(
        _("most responses through the public link"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    feedback_overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title_en

    def is_accepting(self, today: datetime.date | None = None) -> bool:
        """Open, and today is between its opening and closing dates (both included)."""
        day = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= day <= self.closes_on

    def offers_welsh(self) -> bool:
        return self.languages in {self.Languages.WELSH, self.Languages.BOTH}

    def offers_english(self) -> bool:
        return self.languages in {self.Languages.ENGLISH, self.Languages.BOTH}


class Question(models.Model):
    """One question, in one shared core wording; age bands may word it their own way."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Choose one answer")
        MULTIPLE = "multiple", _("Choose any answers")
        FACES = "faces", _("Faces rating scale")
        YES_NO = "yes_no", _("Yes, no or not sure")
        RANKING = "ranking", _("Put in order")
        TEXT = "text", _("Write an answer")

    CLOSED_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.FACES, Kind.YES_NO, Kind.RANKING}

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type of question"), max_length=10, choices=Kind.choices)
    text_en = models.CharField(_("question (English)"), max_length=500)
    text_cy = models.CharField(_("question (Welsh)"), max_length=500, blank=True)
    hint_en = models.CharField(_("hint (English)"), max_length=500, blank=True)
    hint_cy = models.CharField(_("hint (Welsh)"), max_length=500, blank=True)
    required = models.BooleanField(_("an answer is needed"), default=False)

    class Meta:
        ordering = ["consultation", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text_en

    @property
    def council(self) -> Council:
        return self.consultation.council

    @property
    def is_closed(self) -> bool:
        return self.kind in self.CLOSED_KINDS


class Wording(models.Model):
    """How one age band (or the easy-read version) is asked the same question."""

    EASY_READ = "easy-read"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="wordings")
    audience = models.CharField(_("for"), max_length=10)
    text_en = models.CharField(_("question (English)"), max_length=500)
    text_cy = models.CharField(_("question (Welsh)"), max_length=500, blank=True)
    hint_en = models.CharField(_("hint (English)"), max_length=500, blank=True)
    hint_cy = models.CharField(_("hint (Welsh)"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "audience"], name="one_wording_per_audience"
            )
        ]

    def __str__(self) -> str:
        return f"{self.audience}: {self.text_en}"


class Choice(models.Model):
    """One answer a child can pick; its id is what keeps answers comparable across wordings."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    label_en = models.CharField(_("answer (English)"), max_length=200)
    label_cy = models.CharField(_("answer (Welsh)"), max_length=200, blank=True)
    face = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label_en


class AccessCode(models.Model):
    """A code for one group of children (a class, a youth session), printable with a QR code."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="access_codes"
    )
    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    group_name = models.CharField(_("group"), max_length=200)
    responses_limit = models.PositiveIntegerField(_("most responses"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "group_name", "pk"]

    def __str__(self) -> str:
        return f"{self.group_name} ({self.code})"

    @property
    def council(self) -> Council:
        return self.consultation.council

"""Child rights impact assessments (CRIA) and commissioning, owned by a council.

The questions an assessment asks are data: a ``Template`` is one version of a template file in
``data/templates/``; an assessment keeps the exact template version it started on, so a new
version never changes an assessment already under way. Answers live on an ``AssessmentVersion``
keyed by the template's question keys. A signed-off version is immutable: an amendment is a new
version with a reason, and earlier versions stay readable.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.core.models import KeptPdf
from childrights.councils.models import Council
from childrights.framework.models import Article, Principle, Theme


def new_public_key() -> str:
    return secrets.token_urlsafe(8)


class Template(models.Model):
    """One version of an assessment template, loaded from its file and never changed after."""

    slug = models.SlugField(_("template"))
    version = models.PositiveIntegerField(_("version"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    nation = models.CharField(_("nation"), max_length=20, blank=True)
    bilingual = models.BooleanField(_("answers in English and Welsh"), default=False)
    definition = models.JSONField()
    is_current = models.BooleanField(default=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="template_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.name_en} (version {self.version})"


class CouncilSettings(models.Model):
    """Which template a council uses, and the groups of children it adds to the shipped list."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="assessment_settings"
    )
    template_slug = models.SlugField(_("template"))
    extra_groups = models.JSONField(_("other groups of children"), default=list)

    def __str__(self) -> str:
        return f"{self.council}: {self.template_slug}"


class Assessment(models.Model):
    """One decision assessed for its impact on children's rights, through its versions."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_SIGN_OFF = "awaiting_sign_off", _("Awaiting sign-off")
        SIGNED_OFF = "signed_off", _("Signed off")
        PUBLISHED = "published", _("Published")
        IN_REVIEW = "in_review", _("In review")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        STRATEGY = "strategy", _("Strategy")
        BUDGET = "budget", _("Budget")
        SERVICE_CHANGE = "service_change", _("Service change")
        COMMISSIONING = "commissioning", _("Commissioning")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="assessments")
    reference = models.CharField(_("reference"), max_length=30)
    title = models.CharField(_("what is proposed"), max_length=300)
    kind = models.CharField(_("type of proposal"), max_length=20, choices=Kind.choices)
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="assessments")
    themes = models.ManyToManyField(Theme, blank=True, related_name="assessments")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    public_key = models.CharField(max_length=20, unique=True, default=new_public_key)
    review_due_on = models.DateField(_("review date"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The accountable officer the author asked to sign it off (``workflow.writes``).
    sign_off_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accountable officer to sign it off"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "reference"], name="assessment_reference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class AssessmentVersion(models.Model):
    """The answers of one version. Once signed off, nothing in it changes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    answers = models.JSONField(default=dict)
    amendment_reason = models.TextField(_("why it was amended"), blank=True)
    summary_for_children_en = models.TextField(_("summary for children (English)"), blank=True)
    summary_for_children_cy = models.TextField(_("summary for children (Welsh)"), blank=True)
    articles = models.ManyToManyField(Article, blank=True, related_name="+")
    principles = models.ManyToManyField(Principle, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment.reference} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.signed_off_at is not None


class VersionPdf(KeptPdf):
    """A version's PDF, drawn once and kept (``assessments.pdf.version_pdf_kept``): drawn in the
    background when the version is published, and again whenever what it shows has changed."""

    version = models.ForeignKey(AssessmentVersion, on_delete=models.CASCADE, related_name="pdfs")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "languages"], name="version_pdf_once_per_languages"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.languages})"


class Change(models.Model):
    """One answer changed in a version: before and after, by whom, when."""

    version = models.ForeignKey(AssessmentVersion, on_delete=models.CASCADE, related_name="changes")
    question_key = models.CharField(max_length=60)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.question_key}"


class Transition(models.Model):
    """One move of an assessment from one state to another."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="transitions")
    version_number = models.PositiveIntegerField()
    from_state = models.CharField(max_length=20, choices=Assessment.State.choices)
    to_state = models.CharField(max_length=20, choices=Assessment.State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} -> {self.to_state}"


class Comment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    version_number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Review(models.Model):
    """Stage 3, after the decision is in place: what happened against what was expected."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="review")
    answers = models.JSONField(default=dict)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Review of {self.assessment}"


class DecisionRecord(models.Model):
    """A decision the council has recorded, so it can see how many had an assessment."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="decision_records")
    title = models.CharField(_("decision"), max_length=300)
    decided_on = models.DateField(_("date of the decision"))
    kind = models.CharField(_("type"), max_length=20, choices=Assessment.Kind.choices)
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("impact assessment"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Project(models.Model):
    """A commissioning project through analyse, plan, do and review."""

    class Stage(models.TextChoices):
        ANALYSE = "analyse", _("Analyse")
        PLAN = "plan", _("Plan")
        DO = "do", _("Do")
        REVIEW = "review", _("Review")
        CLOSED = "closed", _("Closed")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("what is being commissioned"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.ANALYSE
    )
    checklist_version = models.PositiveIntegerField()
    assessments = models.ManyToManyField(Assessment, blank=True, related_name="projects")
    consultation_ids = models.JSONField(_("consultations"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Check(models.Model):
    """One children's-rights checklist item of a project's stage: met, or why not."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="checks")
    stage = models.CharField(max_length=10, choices=Project.Stage.choices)
    item_key = models.CharField(max_length=60)
    met = models.BooleanField(default=False)
    evidence = models.TextField(_("evidence"), blank=True)
    reason_unmet = models.TextField(_("why it is not met"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "stage", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "item_key"], name="check_once_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.item_key}"


class StageClosure(models.Model):
    """A stage of a project closed: by whom, and the reasons recorded for anything unmet."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="closures")
    stage = models.CharField(max_length=10, choices=Project.Stage.choices)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)
    unmet = models.JSONField(default=dict)

    class Meta:
        ordering = ["project", "closed_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="stage_closed_once")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.stage}"

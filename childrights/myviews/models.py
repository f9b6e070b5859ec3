"""My views: children in care and care leavers telling the people who decide about their lives
what they think before a review, and seeing what was done with it.

The platform feeds the council's case system; it is not one. A child's record holds only what
their voice needs: the name they choose, an age band, their language, an optional council
reference, the workers allocated to them and their meetings. No care plans, no case notes.
Statements go to the case file (PDF or JSON) and are deleted after the council's retention
period, leaving only anonymous counts (``Tally``).

Who reaches what: a child's record and statements only by the workers allocated to the child and
the managers of the child's team (``selectors``). A statement's words only by the workers the
child chose to send it to (and designated safeguarding leads when screening raised an alert).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.accounts.models import Role
from childrights.councils.models import Council
from childrights.participation.models import AgeBand


def new_access_key() -> str:
    """The child's personal link: long enough that it cannot be guessed."""
    return secrets.token_urlsafe(24)


class Settings(models.Model):
    """A council's settings for its children's views."""

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="myviews")
    retention_months = models.PositiveSmallIntegerField(
        _("keep statements for (months after the meeting)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(84)],
    )
    answer_due_working_days = models.PositiveSmallIntegerField(
        _("answer the child within (working days after the meeting)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    invite_days_before = models.PositiveSmallIntegerField(
        _("remind workers to ask for the child's views (days before the meeting)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    emergency_duty_phone = models.CharField(
        _("emergency duty team phone number (out of hours)"), max_length=40, blank=True
    )

    class Meta:
        verbose_name = _("my views settings")
        verbose_name_plural = _("my views settings")

    def __str__(self) -> str:
        return f"{self.council.short_name}: my views settings"


class Team(models.Model):
    """A team that holds children's cases (a children in care team, a leaving care team). Its
    managers reach every child of the team."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="care_teams")
    name = models.CharField(_("team name"), max_length=120)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_care_teams"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="myviews_team_unique_name")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Child(models.Model):
    """A child in care or a care leaver, as little as their voice needs."""

    class Status(models.TextChoices):
        IN_CARE = "in_care", _("In care")
        CARE_LEAVER = "care_leaver", _("Care leaver")

    class Language(models.TextChoices):
        ENGLISH = "en-gb", _("English")
        WELSH = "cy", _("Welsh")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="care_children")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="children")
    chosen_name = models.CharField(_("the name the child chose"), max_length=60)
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices)
    status = models.CharField(_("in care or leaving care"), max_length=12, choices=Status.choices)
    language = models.CharField(
        _("language the child prefers"), max_length=8, choices=Language.choices
    )
    council_reference = models.CharField(
        _("council reference (optional)"), max_length=40, blank=True
    )
    # With a worker beside them: pictures and faces, large buttons, fewer words.
    simple_mode = models.BooleanField(_("simpler pages, used with a worker"), default=False)
    came_into_care_on = models.DateField(_("came into care on"), null=True, blank=True)
    access_key = models.CharField(max_length=40, unique=True, default=new_access_key)
    code_hash = models.CharField(max_length=200, blank=True)
    # Bumped whenever the code changes: a session opened with the old code ends.
    code_version = models.PositiveIntegerField(default=0)
    code_chosen_by_child = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The id of the form that made the record: pressed twice, it makes one child.
    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["chosen_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "submission"], name="myviews_child_made_once"
            )
        ]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        # Not the child's name: this is what the audit log keeps of the record, and people who
        # may read the log (the programme team) may not know who the child is.
        return f"Child {self.pk}"

    @property
    def is_adult(self) -> bool:
        return self.age_band == AgeBand.AGE_18_25


class Allocation(models.Model):
    """A worker allocated to a child, in one of the roles that work with children."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_allocations"
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["child", "user"], name="myviews_allocation_unique")
        ]
        verbose_name = _("allocated worker")
        verbose_name_plural = _("allocated workers")

    def __str__(self) -> str:
        return f"{self.user} ({self.role.slug}) for child {self.child_id}"


class Meeting(models.Model):
    """A meeting that decides about the child: a review of their care plan, a child protection
    conference or a pathway plan meeting."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("Review")
        CONFERENCE = "conference", _("Child protection conference")
        PATHWAY = "pathway", _("Pathway plan meeting")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("meeting"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("date of the meeting"))
    # When a worker asked the child for their views (by a reminder, or on the child's page).
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on:%Y-%m-%d}"


class Template(models.Model):
    """A version of the words a child is asked with, kept as data (``data/templates.json``).
    A statement keeps the version it was written with; a new version never rewords it."""

    slug = models.SlugField(_("template"), max_length=40)
    version = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Meeting.Kind.choices)
    content = models.JSONField()
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="myviews_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


class Statement(models.Model):
    """What a child wants the people at a meeting to know, in their own words (or faces)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SENT = "sent", _("Sent")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="statements")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    # {topic slug: {"face": one of the faces scale or "", "text": what the child wrote}}
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, default="en-gb")
    # Written with a worker beside the child (the simpler pages).
    with_worker = models.BooleanField(default=False)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="care_statements"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the team manager was told the answer back to the child is overdue.
    overdue_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"Statement {self.pk} of child {self.child_id}"


class Addition(models.Model):
    """Something the child added to a statement after sending it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="additions")
    text = models.TextField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"Addition {self.pk} to statement {self.statement_id}"


class Reading(models.Model):
    """A worker opened a statement: the child sees who has read it, and when."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role_name_en = models.CharField(max_length=100)
    role_name_cy = models.CharField(max_length=100)
    first_read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_read_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "user"], name="myviews_reading_once")
        ]

    def __str__(self) -> str:
        return f"Statement {self.statement_id} read by {self.user_id}"


class Reply(models.Model):
    """What was decided about what the child said, in words for the child; and whether the
    child felt listened to."""

    class Listened(models.TextChoices):
        YES = "yes", _("Yes")
        A_BIT = "a_bit", _("A bit")
        NO = "no", _("No")

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField(_("what was decided about what you said"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    seen_by_child_at = models.DateTimeField(null=True, blank=True)
    listened = models.CharField(max_length=8, choices=Listened.choices, blank=True)
    listened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer to the child")
        verbose_name_plural = _("answers to children")

    def __str__(self) -> str:
        return f"Answer to statement {self.statement_id}"


class Alert(models.Model):
    """The child pressed "I don't feel safe", or what they wrote may tell of harm. The council's
    designated safeguarding leads decide what happens; the record holds no words."""

    class Source(models.TextChoices):
        BUTTON = "button", _("The child pressed “I don't feel safe”")
        SCREENING = "screening", _("What the child wrote may tell of harm")

    class Outcome(models.TextChoices):
        CONTACTED = "contacted", _("The child was contacted and is safe")
        SOCIAL_CARE = "social_care", _("Passed to the child's social worker to act")
        EMERGENCY = "emergency", _("Emergency action taken (police or emergency duty team)")
        NO_ACTION = "no_action", _("No further action")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="care_alerts")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="alerts")
    statement = models.ForeignKey(
        Statement, on_delete=models.SET_NULL, null=True, blank=True, related_name="alerts"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    raised_at = models.DateTimeField(default=timezone.now)
    # A press of the button the child made from one page: pressing twice keeps one alert.
    submission = models.CharField(max_length=40, blank=True)
    # Presses while the alert waits for a lead are counted on it rather than alerting again.
    presses = models.PositiveIntegerField(default=1)
    last_pressed_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        _("what happened"), max_length=16, choices=Outcome.choices, blank=True
    )
    note = models.TextField(_("what was done"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "submission"],
                condition=~models.Q(submission=""),
                name="myviews_alert_once_per_press",
            )
        ]
        verbose_name = _("safety alert")
        verbose_name_plural = _("safety alerts")

    def __str__(self) -> str:
        return f"Safety alert {self.pk} ({self.source})"


class Tally(models.Model):
    """What is left of deleted statements: anonymous counts per council, meeting kind and month
    of the meeting, for the corporate parenting board's figures."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Meeting.Kind.choices)
    month = models.DateField()
    statements = models.PositiveIntegerField(default=0)
    # Of the statements, those sent on or before the day of their meeting (views the meeting
    # could hear). Counts kept before it was recorded hold 0: unknown, so not counted.
    sent_by_meeting = models.PositiveIntegerField(default=0)
    replied = models.PositiveIntegerField(default=0)
    replied_on_time = models.PositiveIntegerField(default=0)
    listened_yes = models.PositiveIntegerField(default=0)
    listened_a_bit = models.PositiveIntegerField(default=0)
    listened_no = models.PositiveIntegerField(default=0)
    # {topic slug: how many of the statements said something about it}
    topics = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "month"], name="myviews_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m}: {self.statements} statements"


class AlertTally(models.Model):
    """What is left of safety alerts deleted after the retention period: anonymous counts per
    council, source and month the alerts were raised, for the corporate parenting board's
    figures."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=12, choices=Alert.Source.choices)
    month = models.DateField()
    alerts = models.PositiveIntegerField(default=0)
    presses = models.PositiveIntegerField(default=0)
    # Different children behind the alerts: where alerts of one month are deleted in more than
    # one run, the most of any one run, so never more than there were (a safe lower bound).
    children = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "source", "month"], name="myviews_alerttally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.month:%Y-%m}: {self.alerts} alerts"

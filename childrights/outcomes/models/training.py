"""Training in children's rights: courses a council runs, their sessions, who attended and
completed them, and how many people hold each role, so that coverage is computed, never typed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.core.models import KeptPdf
from childrights.councils.models import Council


class TrainingRole(models.TextChoices):
    ELECTED_MEMBER = "elected-member", _("Elected member")
    SENIOR_LEADER = "senior-leader", _("Senior leader")
    SOCIAL_WORKER = "social-worker", _("Social worker")
    EARLY_YEARS = "early-years", _("Early years practitioner")
    COMMISSIONER = "commissioner", _("Commissioning manager")
    YOUTH_WORKER = "youth-worker", _("Youth worker")
    OTHER_STAFF = "other-staff", _("Other staff")


class Course(models.Model):
    """A course, such as children's rights for elected members. Completing it counts towards
    the coverage of one role; with a validity it must be refreshed when it runs out."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="courses")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200, blank=True)
    description_en = models.TextField(_("what it covers (English)"), blank=True)
    description_cy = models.TextField(_("what it covers (Welsh)"), blank=True)
    counts_for = models.CharField(
        _("counts as trained for"), max_length=20, choices=TrainingRole.choices
    )
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it never needs refreshing."),
    )
    is_active = models.BooleanField(_("still run"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "title_en"], name="course_title_once_per_council"
            )
        ]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title_en


class TrainingSession(models.Model):
    """One time a course was run."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.course.title_en} {self.held_on}"

    @property
    def council(self) -> Council:
        return self.course.council


class Trainee(models.Model):
    """A person the council trains: staff or an elected member, with or without an account."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="trainees")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=TrainingRole.choices)
    left_on = models.DateField(
        _("left the role on"),
        null=True,
        blank=True,
        help_text=_("From this date they no longer count towards coverage."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "email"],
                condition=~models.Q(email=""),
                name="trainee_email_once_per_council",
            )
        ]
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """One person at one session: booked, attended, completed (with the date it runs out)."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        ATTENDED = "attended", _("Attended, not completed")
        COMPLETED = "completed", _("Completed")
        ABSENT = "absent", _("Did not attend")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    expires_on = models.DateField(_("needs refreshing by"), null=True, blank=True)
    certificate_code = models.CharField(
        _("certificate number"), max_length=20, unique=True, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["session", "trainee__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"], name="attendance_once_per_session"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_on__isnull=False),
                name="attendance_completed_has_date",
            ),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self) -> str:
        return f"{self.trainee.name} at {self.session}"


class RoleCount(models.Model):
    """How many people hold a role at the council from a date: the denominator of coverage
    (for example 60 elected members after the May election)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="role_counts")
    role = models.CharField(_("role"), max_length=20, choices=TrainingRole.choices)
    count = models.PositiveIntegerField(_("number of people"))
    as_of = models.DateField(_("from"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["role", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "role", "as_of"], name="role_count_once_per_date"
            ),
            models.CheckConstraint(condition=models.Q(count__gt=0), name="role_count_positive"),
        ]
        verbose_name = _("number in a role")
        verbose_name_plural = _("numbers in roles")

    def __str__(self) -> str:
        return f"{self.role}: {self.count} from {self.as_of}"


class CertificatePdf(KeptPdf):
    """A certificate's PDF, drawn once and kept (``outcomes.certificates.certificate_pdf_kept``):
    drawn in the background when the attendance is completed, and again whenever what it shows
    (the name, the course, the dates, the council) has changed."""

    attendance = models.ForeignKey(
        Attendance, on_delete=models.CASCADE, related_name="certificate_pdfs"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attendance", "languages"], name="certificate_pdf_once_per_languages"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendance_id} ({self.languages})"

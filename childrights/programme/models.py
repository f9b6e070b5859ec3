"""The partnership programme: partner councils, phases, pilots, the facts the sources give about
them, and enquiries from councils that want to join."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.framework.models import Theme


class Source(models.Model):
    """A document a fact comes from. Facts keep their source and the source's own words."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    published = models.CharField(
        _("published"), max_length=100, blank=True, help_text=_("As precise as the source is.")
    )
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title


class Programme(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    organisation = models.CharField(_("run by"), max_length=200)
    summary_en = models.TextField(_("summary (English)"))
    summary_cy = models.TextField(_("summary (Welsh)"))
    summary_children_en = models.TextField(_("summary for children (English)"))
    summary_children_cy = models.TextField(_("summary for children (Welsh)"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name_en


class Phase(models.Model):
    """A phase or cohort of the programme (the pilot ran from November 2013 to 2016)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    slug = models.SlugField(_("slug"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    ends_text = models.CharField(
        _("end as the source gives it"), max_length=100, blank=True, help_text=_("e.g. 2016")
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="phase_unique_slug")
        ]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return self.name_en


class Partnership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        UNCONFIRMED = "unconfirmed", _("Not confirmed by a later source")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partnerships")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="partnerships")
    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, null=True, blank=True, related_name="partnerships"
    )
    slug = models.SlugField(_("web address name"), unique=True)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    status_date = models.DateField(_("status since"), null=True, blank=True)
    status_note_en = models.TextField(_("status note (English)"), blank=True)
    status_note_cy = models.TextField(_("status note (Welsh)"), blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["council__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "council"], name="partnership_unique_council"
            )
        ]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return f"{self.council.short_name} ({self.get_status_display()})"


class Pilot(models.Model):
    """The area of work a partner pilots the approach in."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="pilots")
    themes = models.ManyToManyField(Theme, related_name="pilots", blank=True)
    focus_area_en = models.CharField(_("focus (English)"), max_length=300)
    focus_area_cy = models.CharField(_("focus (Welsh)"), max_length=300)
    target_group_en = models.CharField(_("children it is for (English)"), max_length=300)
    target_group_cy = models.CharField(_("children it is for (Welsh)"), max_length=300)
    description_en = models.TextField(_("description (English)"))
    description_cy = models.TextField(_("description (Welsh)"))
    meaning_en = models.TextField(_("what it will mean for children and young people (English)"))
    meaning_cy = models.TextField(_("what it will mean for children and young people (Welsh)"))
    outcomes_en = models.TextField(_("intended outcomes (English)"), blank=True)
    outcomes_cy = models.TextField(_("intended outcomes (Welsh)"), blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "position", "pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")

    def __str__(self) -> str:
        return f"{self.partnership.council.short_name}: {self.focus_area_en}"


class BaselineFact(models.Model):
    """A figure about a partner council as a source printed it, never silently corrected."""

    class Kind(models.TextChoices):
        CHILD_POPULATION = "child-population", _("Child population")
        CHILD_POVERTY_RATE = "child-poverty-rate", _("Child poverty rate")

    class Status(models.TextChoices):
        AS_PUBLISHED = "as-published", _("As published")
        VERIFIED = "verified", _("Checked against another source")
        UNVERIFIED = "unverified", _("Unverified: the source looks wrong")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="baseline_facts"
    )
    kind = models.CharField(_("figure"), max_length=24, choices=Kind.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Left empty when the source's figure cannot be read as a number."),
    )
    source_text = models.CharField(
        _("as printed in the source"),
        max_length=100,
        help_text=_("Exactly as the source prints it, e.g. 179,00"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_cy = models.TextField(_("note (Welsh)"), blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["partnership", "kind", "year"]
        verbose_name = _("baseline figure")
        verbose_name_plural = _("baseline figures")

    def __str__(self) -> str:
        return f"{self.partnership.council.short_name}: {self.kind} {self.source_text}"


class Enquiry(models.Model):
    """A council or partner organisation asking to join."""

    class HeldReason(models.TextChoices):
        NONE = "", _("Not held")
        HIDDEN_FIELD = "hidden-field", _("a field people cannot see was filled in")
        EMAIL_LIMIT = "email-limit", _("too many enquiries from this email address")
        CLIENT_LIMIT = "client-limit", _("too many enquiries from this address")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        IN_DISCUSSION = "in-discussion", _("In discussion")
        JOINED = "joined", _("Joined")
        DECLINED = "declined", _("Declined")
        HELD = "held", _("Held back as possible spam")

    organisation = models.CharField(_("organisation"), max_length=200)
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="enquiries"
    )
    contact_name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    email = models.EmailField(_("email address"))
    message = models.TextField(_("message"))
    agreed_to_contact = models.BooleanField(_("agreed to be contacted"))
    language = models.CharField(_("language"), max_length=8, default="en-gb")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="new")
    held_reason = models.CharField(
        _("why it was held back"), max_length=20, choices=HeldReason.choices, blank=True
    )
    # One per form shown: sending the same form twice (a double click, a retry) saves it once.
    submission_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.contact_name})"


class EnquiryNote(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_email = models.CharField(max_length=254)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("enquiry note")
        verbose_name_plural = _("enquiry notes")

    def __str__(self) -> str:
        return f"Note on {self.enquiry_id} by {self.author_email}"

"""A council's directory of services for children and young people, shaped after Open Referral UK
(HSDS 3.0 UK profile) so the same records serve the finder's pages and the standard's API.

Identifiers are UUIDs, as the standard expects of records other directories may copy. Needs are a
taxonomy kept as data: terms the programme team curates (no council) and terms a council adds for
itself, each in plain words in English and Welsh. Everything here is council-owned but the shared
needs.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.framework.models import Article

# The oldest age a service in the directory is for: care leavers are helped up to 25.
OLDEST_AGE = 25


class Taxonomy(models.Model):
    """A list of terms services are classified by (ours: needs in plain words)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("address"), blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class Need(models.Model):
    """A term of a taxonomy: what a young person might be looking for ("Somewhere to live").

    Shared terms have no council; a council's own terms carry it and only its services use them.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="directory_needs"
    )
    code = models.SlugField(_("code"), max_length=80)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_en = models.CharField(_("name in English"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)
    description_cy = models.CharField(_("description in Welsh"), max_length=300, blank=True)
    # More words people use for the need ("housing, flat, homeless"), to find it by.
    keywords_en = models.CharField(_("other words in English"), max_length=300, blank=True)
    keywords_cy = models.CharField(_("other words in Welsh"), max_length=300, blank=True)

    class Meta:
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="directory_need_code_unique")
        ]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.name_en


class Organisation(models.Model):
    """Who runs services: the council itself, a charity, the NHS, a school."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="directory_organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    description_en = models.TextField(_("description in English"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """One service, as a young person would look for it and as Open Referral UK publishes it."""

    class Status(models.TextChoices):
        # The standard's own values.
        ACTIVE = "active", _("Running")
        TEMPORARILY_CLOSED = "temporarily closed", _("Closed for now")
        INACTIVE = "inactive", _("Not running")
        DEFUNCT = "defunct", _("Closed for good")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="directory_services"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    description_en = models.TextField(_("what it is, in English"))
    description_cy = models.TextField(_("what it is, in Welsh"), blank=True)
    who_for_en = models.TextField(_("who it is for, in English"), blank=True)
    who_for_cy = models.TextField(_("who it is for, in Welsh"), blank=True)
    what_happens_en = models.TextField(_("what happens when you go, in English"), blank=True)
    what_happens_cy = models.TextField(_("what happens when you go, in Welsh"), blank=True)
    how_to_ask_en = models.TextField(_("how to ask for it, in English"), blank=True)
    how_to_ask_cy = models.TextField(_("how to ask for it, in Welsh"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    referral_needed = models.BooleanField(_("someone must refer you"), default=False)
    is_free = models.BooleanField(_("free"), default=True)
    cost_en = models.CharField(_("what it costs, in English"), max_length=300, blank=True)
    cost_cy = models.CharField(_("what it costs, in Welsh"), max_length=300, blank=True)
    welsh_spoken = models.BooleanField(_("Welsh spoken"), default=False)
    other_languages = models.CharField(_("other languages spoken"), max_length=200, blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    is_published = models.BooleanField(_("published"), default=False)
    needs = models.ManyToManyField(Need, related_name="services", blank=True)
    articles = models.ManyToManyField(Article, related_name="directory_services", blank=True)
    last_checked_on = models.DateField(_("last checked"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The words a search looks in (its own, its needs', its organisation's name), normalised,
    # kept by ``services``; see ``search_text.py``. On PostgreSQL a trigram index serves it.
    search_text = models.TextField(blank=True, default="", editable=False)
    # The tokens a search finds it by (its words and their beginnings, its needs, its council),
    # also kept by ``services``; see ``search_text.py``. On PostgreSQL a GIN index serves it.
    search_keys = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["name_en"]
        indexes = [models.Index(fields=["council", "is_published", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="directory_service_ages_in_order",
            )
        ]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name_en


class SearchWord(models.Model):
    """A word some service's search text holds (``search_text.VOCABULARY_SHORTEST`` letters or
    more): the words the site search may put a misspelt word right to. Kept by ``services`` as
    search fields are written, never removed (a word no longer found finds nothing). ``drow`` is
    the word backwards, so that the words ending in some letters are found by an index too."""

    word = models.CharField(max_length=60, unique=True)
    drow = models.CharField(max_length=60, db_index=True)

    def __str__(self) -> str:
        return self.word


class Location(models.Model):
    """Where a service is. A hidden address (a refuge) is never shown or published; the town is."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="directory_locations"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    town = models.CharField(_("town or area"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    address_hidden = models.BooleanField(_("keep the address private"), default=False)
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    getting_there_en = models.TextField(_("how to get there, in English"), blank=True)
    getting_there_cy = models.TextField(_("how to get there, in Welsh"), blank=True)
    accessibility_en = models.TextField(_("access, in English"), blank=True)
    accessibility_cy = models.TextField(_("access, in Welsh"), blank=True)

    class Meta:
        ordering = ["town", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"


class ServiceAtLocation(models.Model):
    """A service offered at one location (the standard's service_at_location)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="directory_service_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class OpeningTime(models.Model):
    """A weekly opening time of a service (the standard's schedule, weekly)."""

    class Day(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="opening_times")
    day = models.PositiveSmallIntegerField(_("day"), choices=Day.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        ordering = ["day", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="directory_opening_time_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_day_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class Contact(models.Model):
    """A named person or team to ask about a service."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceChange(models.Model):
    """One version of a service: who changed it, when, and each field's value before and after."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # {"field": [before, after], ...}; an added service has every field with before None.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.service} changed {self.changed_at:%Y-%m-%d}"


class Suggestion(models.Model):
    """ "This is wrong": what someone told the owning team about a service. Never an edit: the
    team reads it and changes the service themselves."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        DONE = "done", _("Dealt with")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="directory_suggestions"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField(_("what is wrong"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="new")
    # The words were screened for a possible disclosure and held for the safeguarding leads.
    held = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    # A safeguarding lead read the held words (``directory.held``): kept from the team, or
    # released to it when they tell of no harm.
    held_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    held_reviewed_at = models.DateTimeField(null=True, blank=True)
    # The form it was sent from and its words (core.resends): sent again, it keeps one suggestion.
    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "submission"], name="directory_suggestion_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"About {self.service}"


class LocalOffer(models.Model):
    """A council's local offer for care leavers (Children and Social Work Act 2017 s2): what a
    care leaver is entitled to, area by area, with the people to ask and how to complain."""

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="local_offer")
    is_published = models.BooleanField(_("published"), default=False)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    intro_cy = models.TextField(_("introduction in Welsh"), blank=True)
    team_name = models.CharField(_("leaving care team"), max_length=200, blank=True)
    team_phone = models.CharField(_("team phone"), max_length=40, blank=True)
    team_email = models.EmailField(_("team email"), blank=True)
    adviser_en = models.TextField(_("your personal adviser, in English"), blank=True)
    adviser_cy = models.TextField(_("your personal adviser, in Welsh"), blank=True)
    complaints_en = models.TextField(_("if you are not getting something, in English"), blank=True)
    complaints_cy = models.TextField(_("if you are not getting something, in Welsh"), blank=True)
    # The consultation of care leavers on its changes (participation.Consultation), by id: the
    # directory links to consultations, never the other way round.
    consultation_id = models.PositiveIntegerField(null=True, blank=True)
    last_updated_on = models.DateField(_("last updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("local offer for care leavers")

    def __str__(self) -> str:
        return f"Local offer: {self.council}"


class Entitlement(models.Model):
    """One thing a care leaver is entitled to, in one area of the local offer."""

    class Area(models.TextChoices):
        # Children and Social Work Act 2017 s2(4).
        HEALTH = "health", _("Health and well-being")
        RELATIONSHIPS = "relationships", _("Relationships")
        EDUCATION = "education", _("Education and training")
        EMPLOYMENT = "employment", _("Work")
        ACCOMMODATION = "accommodation", _("Somewhere to live")
        PARTICIPATION = "participation", _("Taking part in society")
        # Added by the Children's Wellbeing and Schools Act 2026.
        ADULTHOOD = "adulthood", _("Moving on to adult life")
        MONEY = "money", _("Money: managing it and help with it")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(LocalOffer, on_delete=models.CASCADE, related_name="entitlements")
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    title_en = models.CharField(_("what it is, in English"), max_length=200)
    title_cy = models.CharField(_("what it is, in Welsh"), max_length=200, blank=True)
    details_en = models.TextField(_("what you get, in English"), blank=True)
    details_cy = models.TextField(_("what you get, in Welsh"), blank=True)
    amount_en = models.CharField(_("how much, in English"), max_length=200, blank=True)
    amount_cy = models.CharField(_("how much, in Welsh"), max_length=200, blank=True)
    until_age = models.PositiveSmallIntegerField(_("until what age"), null=True, blank=True)
    how_to_ask_en = models.TextField(_("how to ask, in English"), blank=True)
    how_to_ask_cy = models.TextField(_("how to ask, in Welsh"), blank=True)
    services = models.ManyToManyField(Service, related_name="entitlements", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area", "order", "title_en"]

    def __str__(self) -> str:
        return self.title_en


class SendComment(models.Model):
    """A comment on a council's local offer for children and young people with special
    educational needs and disabilities, or on one of its services, and the council's answer.

    The Children and Families Act 2014 s30(6) has councils publish comments from children, young
    people and parents about the offer and their response, with what they will do. The words are
    screened (``held`` when they may tell of harm: only the safeguarding leads read them); the
    team publishes only ``shown_text``, the words with anything that could identify someone
    taken out, beside its answer (``response``), what it will do (``action``) and how far that
    has got, as "you said, we did" does for consultations.
    """

    class Commenter(models.TextChoices):
        CHILD = "child", _("A child or young person")
        PARENT = "parent", _("A parent or carer")
        OTHER = "other", _("Someone else")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for an answer")
        PUBLISHED = "published", _("Published with our answer")
        NOT_PUBLISHED = "not_published", _("Not published")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="send_comments")
    # None: about the local offer as a whole.
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="send_comments"
    )
    commenter = models.CharField(_("who wrote it"), max_length=10, choices=Commenter.choices)
    language = models.CharField(max_length=5)  # the page's language when it was written
    text = models.TextField(_("comment"))
    held = models.BooleanField(default=False)
    # The form it was sent from and its words (core.resends): sent again, it keeps one comment.
    submission = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.NEW
    )
    shown_text = models.TextField(_("the comment as it will be published"), blank=True)
    response_en = models.TextField(_("our answer (English)"), blank=True)
    response_cy = models.TextField(_("our answer (Welsh)"), blank=True)
    action_en = models.TextField(_("what we will do (English)"), blank=True)
    action_cy = models.TextField(_("what we will do (Welsh)"), blank=True)
    # participation.Commitment.Status values: planned, in progress, done, not doing.
    action_status = models.CharField(_("how far it has got"), max_length=12, blank=True)
    reason_en = models.TextField(_("why not (English)"), blank=True)
    reason_cy = models.TextField(_("why not (Welsh)"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    held_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    held_reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["council", "status", "held"])]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "submission"], name="directory_send_comment_sent_once"
            )
        ]
        verbose_name = _("comment on the SEND local offer")
        verbose_name_plural = _("comments on the SEND local offer")

    def __str__(self) -> str:
        return f"Comment {self.pk}"


class Postcode(models.Model):
    """Where a postcode is, from the table a council loaded (an extract of the ONS Postcode
    Directory), so the finder can search by distance without asking another site."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="directory_postcodes"
    )
    # Normalised: capitals, one space before the last three characters ("CF10 1AA").
    postcode = models.CharField(_("postcode"), max_length=8)
    latitude = models.DecimalField(max_digits=8, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    loaded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "postcode"], name="directory_postcode_unique"
            )
        ]
        indexes = [models.Index(fields=["postcode"])]

    def __str__(self) -> str:
        return self.postcode

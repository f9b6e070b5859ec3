"""Children's voice: consultations children answer safely, and the council's answer back.

Council-owned throughout: every record here carries (or reaches through one foreign key) the
council that owns it, and every read goes through ``core.tenancy``.

Results are read from ``Tally`` rows, counts kept per question, answer and "about you" answer, so
the results page costs the same at a thousand responses or a million. A submission is one row: the
``Response``, holding the child's checked answers as sent (``Response.sent``). The answers are
expanded into ``Answer`` and ``ProfileAnswer`` rows and folded into the tallies later, in batches
(``participation.tallies``), before anything reads them (ADR 0012).
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


class Response(models.Model):
    """One child's answers, sent once. ``submission_id`` is made when the child starts.

    ``sent`` holds the checked answers as they were sent (``{"answers": ..., "profile": ...}``)
    until they are expanded into ``Answer`` and ``ProfileAnswer`` rows; then (or when the
    response is withdrawn first) it is emptied. A response with ``sent`` set is never counted
    (``tallied`` is False), so the fold that counts it expands it first. A possible disclosure
    is expanded at once, for the safeguarding lead.
    """

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    # Reached through the consultation; kept here for tenancy checks, without an index of its
    # own (every index is written on each submission and each fold).
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+", db_index=False)
    submission_id = models.UUIDField(unique=True)
    fingerprint = models.CharField(max_length=64)
    receipt = models.CharField(max_length=12, unique=True, default=new_code)
    age_band = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=5)
    easy_read = models.BooleanField(default=False)
    access_code = models.ForeignKey(
        AccessCode, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    tallied = models.BooleanField(default=False)
    flagged = models.BooleanField(default=False)
    sent = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["consultation", "id"],
                condition=models.Q(tallied=False),
                name="response_to_tally",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.pk}"


class Answer(models.Model):
    """One answer: a choice or written text. ``rank`` is the order of the row within the
    child's answer to the question (the place given, for ranking; 1 for a single answer), so
    rows with rank 1 count the children who answered."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "question__position", "rank", "pk"]
        indexes = [models.Index(fields=["question", "choice"], name="answer_by_question")]

    def __str__(self) -> str:
        return f"Answer {self.pk}"


class ProfileAnswer(models.Model):
    """One "about you" answer, by the managed list's keys (``participation.about_you``)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="profile")
    field = models.CharField(max_length=30)
    value = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "field"], name="one_profile_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"


class Tally(models.Model):
    """A kept count: how many children gave ``choice_id`` to ``question_id``, among those whose
    ``dimension`` ("" for everyone, "age_band", or an "about you" key) was ``value``.

    ``question_id`` 0 counts respondents; ``choice_id`` 0 counts children who answered at all.
    Plain integers rather than foreign keys keep the one unique index tight.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    question_id = models.BigIntegerField()
    choice_id = models.BigIntegerField()
    dimension = models.CharField(max_length=30)
    value = models.CharField(max_length=30)
    count = models.BigIntegerField(default=0)
    rank_total = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "dimension", "value", "question_id", "choice_id"],
                name="one_tally_per_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value} q{self.question_id} c{self.choice_id}: {self.count}"


class SendRate(models.Model):
    """How many sends one public link or one group's code took in the current window of the
    limit and the one before (``participation.limits``): one row per link or code, updated in
    place by one statement per send."""

    key = models.CharField(max_length=60, unique=True)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    previous = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count} (before: {self.previous})"


class ChildPopulation(models.Model):
    """How many children a council has in one age band, to judge who answered."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)
    count = models.PositiveIntegerField(_("children"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "age_band"], name="one_population_per_band")
        ]

    def __str__(self) -> str:
        return f"{self.age_band}: {self.count}"


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

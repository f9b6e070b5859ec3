"""Responses, answers and their counts. Results are read from ``Tally`` rows, counts kept per
question, answer and "about you" answer, so the results page costs the same at a thousand
responses or a million. A submission is one row: the ``Response``, holding the child's checked
answers as sent (``Response.sent``). The answers are expanded into ``Answer`` and
``ProfileAnswer`` rows and folded into the tallies later, in batches (``participation.tallies``),
before anything reads them (ADR 0012). Also here: how many sends a link or code took
(``SendRate``) and how many children a council has in each age band (``ChildPopulation``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.participation.models.consultations import (
    AccessCode,
    AgeBand,
    Choice,
    Consultation,
    Question,
    new_code,
)


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

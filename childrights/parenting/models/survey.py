"""The yearly well-being survey: one a council a year, run as an ordinary anonymous consultation,
each of its questions linked to the survey question (by slug, in ``data/wellbeing_survey.json``)
it asks, so indicators can be read from the consultation's kept counts and compared between
years and councils."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council


class WellbeingSurvey(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version of the questions"))
    consultation = models.OneToOneField(
        "participation.Consultation", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("well-being survey")
        verbose_name_plural = _("well-being surveys")
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="one_wellbeing_survey_a_year")
        ]
        indexes = [models.Index(fields=["year", "version"], name="wellbeing_survey_year_version")]

    def __str__(self) -> str:
        return f"Well-being survey {self.year} of {self.council}"


class WellbeingQuestion(models.Model):
    """Which consultation question asks which question of the survey."""

    survey = models.ForeignKey(WellbeingSurvey, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(_("survey question"), max_length=60)
    question = models.OneToOneField(
        "participation.Question", on_delete=models.CASCADE, related_name="+"
    )
    # The answers as asked, in order: [key, English label] each. A question whose answers were
    # later changed in the builder no longer matches them, and its counts are not read.
    answers = models.JSONField(default=list)

    class Meta:
        ordering = ["survey", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "slug"], name="wellbeing_survey_asks_once")
        ]

    def __str__(self) -> str:
        return self.slug

"""Child-led evaluation: a self-assessment round's indicators asked of children and young people
through a consultation, so their view stands beside the staff ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from childrights.framework.models import Indicator
from childrights.outcomes.models.self_assessment import Round


class ChildLedEvaluation(models.Model):
    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="evaluation")
    consultation = models.OneToOneField(
        "participation.Consultation", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("child-led evaluation")
        verbose_name_plural = _("child-led evaluations")

    def __str__(self) -> str:
        return f"Child-led evaluation of {self.round}"


class EvaluationQuestion(models.Model):
    """Which consultation question asks children about which descriptive indicator."""

    evaluation = models.ForeignKey(
        ChildLedEvaluation, on_delete=models.CASCADE, related_name="questions"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    question = models.OneToOneField(
        "participation.Question", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["indicator__principle__position", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "indicator"], name="evaluation_asks_indicator_once"
            )
        ]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self) -> str:
        return f"{self.indicator.slug} asked as question {self.question_id}"

"""The pledge: the council's promises to its children in care and care leavers, co-written with
its Children in Care Council. The promises are "you said, we did" commitments of the co-writing
consultation (``participation``), so they keep a status and dated updates the same way; a promise
may name the corporate parenting principles it answers (``PromisePrinciple``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.councils.models import Council
from childrights.participation.models import Commitment, Consultation


class Pledge(models.Model):
    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="pledge")
    # Where the Children in Care Council co-wrote it: its commitments are the promises.
    consultation = models.OneToOneField(
        Consultation, on_delete=models.PROTECT, related_name="pledge"
    )
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_cy = models.TextField(_("introduction (Welsh)"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return f"Pledge of {self.council.short_name}"


class PromisePrinciple(models.Model):
    """A corporate parenting principle (``principles.py`` slug) a promise answers."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="pledge_principles"
    )
    principle = models.SlugField(max_length=40)

    class Meta:
        ordering = ["commitment", "principle"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "principle"], name="parenting_promise_principle_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.principle} for commitment {self.commitment_id}"

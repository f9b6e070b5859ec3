from django.db import models
from django.utils.translation import gettext_lazy as _


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")


class Council(models.Model):
    """A UK local authority. Councils are the tenants: every council-owned record points here."""

    gss_code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name = models.CharField(_("official name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(
        _("demonstration council"),
        default=False,
        help_text=_("A made-up council whose records are labelled as demonstration data."),
    )

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.short_name

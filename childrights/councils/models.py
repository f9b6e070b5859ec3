from django.db import models
from django.utils.translation import gettext_lazy as _


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")


class CouncilType(models.TextChoices):
    COUNTY = "county", _("County council")
    DISTRICT = "district", _("District council")
    UNITARY = "unitary", _("Unitary authority")
    METROPOLITAN_BOROUGH = "metropolitan-borough", _("Metropolitan borough")
    LONDON_BOROUGH = "london-borough", _("London borough")
    SUI_GENERIS = "sui-generis", _("Sui generis authority")
    COUNCIL_AREA = "council-area", _("Scottish council")
    PRINCIPAL_AREA = "principal-area", _("Welsh principal council")
    DISTRICT_NI = "district-ni", _("Northern Ireland district council")


class Council(models.Model):
    """A UK local authority. Councils are the tenants: every council-owned record points here."""

    gss_code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name = models.CharField(_("official name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100)
    # Welsh names (``data/welsh_names.csv``): only councils that have an official one.
    name_cy = models.CharField(_("official name in Welsh"), max_length=200, blank=True)
    short_name_cy = models.CharField(_("short name in Welsh"), max_length=100, blank=True)
    name_cy_source = models.CharField(_("source of the Welsh name"), max_length=300, blank=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    type = models.CharField(_("type"), max_length=24, choices=CouncilType.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    start_date = models.DateField(_("came into being"), null=True, blank=True)
    end_date = models.DateField(_("ceased"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    data_protection_officer = models.CharField(
        _("data protection officer"),
        max_length=300,
        blank=True,
        help_text=_("How to contact the council's data protection officer, for privacy notices."),
    )
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

"""Forms of the care leavers' local offer: the council's words and contacts, one entitlement,
and the checklist a young person fills in and keeps on their own device.

The staff forms offer only the council's own services and consultations; the writes in
``directory.local_offer`` check the same again, so a crafted post is refused there too.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.directory import local_offer
from childrights.directory.models import Entitlement, LocalOffer, Service


class OfferForm(GovukForm):
    intro_en = forms.CharField(
        label=_("Introduction, in English"),
        help_text=_("A few sentences a care leaver aged 16 to 25 understands."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    intro_cy = forms.CharField(
        label=_("Introduction, in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    team_name = forms.CharField(label=_("Leaving care team's name"), required=False, max_length=200)
    team_phone = forms.CharField(label=_("Team phone number"), required=False, max_length=40)
    team_email = forms.EmailField(label=_("Team email address"), required=False)
    adviser_en = forms.CharField(
        label=_("Your personal adviser, in English"),
        help_text=_("What a personal adviser does and how to reach yours."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    adviser_cy = forms.CharField(
        label=_("Your personal adviser, in Welsh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    complaints_en = forms.CharField(
        label=_("If you are not getting something, in English"),
        help_text=_(
            "What to do first, how to complain, and who else can help (an advocate, the "
            "Children's Commissioner)."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    complaints_cy = forms.CharField(
        label=_("If you are not getting something, in Welsh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consultation = forms.ChoiceField(
        label=_("Consultation of care leavers on this offer"),
        help_text=_(
            "Care leavers are asked before the offer changes. The public page links to the "
            "consultation while it is open, and to its “you said, we did” once published."
        ),
        required=False,
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["consultation"]
        field.choices = [("", _("None"))] + [
            (str(consultation.pk), consultation.title_en or consultation.title_cy)
            for consultation in local_offer.linkable_consultations(council)
        ]

    @classmethod
    def initial_from(cls, offer: LocalOffer) -> dict[str, Any]:
        initial = {name: getattr(offer, name) for name in local_offer.OFFER_FIELDS}
        initial["consultation"] = str(offer.consultation_id or "")
        return initial

    def values(self) -> dict[str, Any]:
        """What ``local_offer_save`` takes."""
        data = {name: self.cleaned_data[name] for name in local_offer.OFFER_FIELDS[:-1]}
        chosen = self.cleaned_data["consultation"]
        data["consultation_id"] = int(chosen) if chosen else None
        return data


# The entitlement's services are found by name, not listed: a council may have thousands.
SERVICES_FOUND = 20
SEARCH_MAX_LENGTH = 100


class EntitlementForm(GovukForm):
    area = forms.ChoiceField(
        label=_("Area of the offer"), choices=Entitlement.Area.choices, widget=forms.RadioSelect
    )
    title_en = forms.CharField(label=_("What it is, in English"), max_length=200)
    title_cy = forms.CharField(label=_("What it is, in Welsh"), max_length=200, required=False)
    details_en = forms.CharField(
        label=_("What you get, in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    details_cy = forms.CharField(
        label=_("What you get, in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    amount_en = forms.CharField(
        label=_("How much, in English"),
        help_text=_("For example, up to £2,000. Leave empty where it is not money."),
        required=False,
        max_length=200,
    )
    amount_cy = forms.CharField(label=_("How much, in Welsh"), required=False, max_length=200)
    until_age = forms.IntegerField(
        label=_("Until what age"),
        help_text=_("Leave empty if it has no end age."),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"invalid": _("Enter the age as a number, like 21")},
    )
    how_to_ask_en = forms.CharField(
        label=_("How to ask, in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    how_to_ask_cy = forms.CharField(
        label=_("How to ask, in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    order = forms.IntegerField(
        label=_("Order in its area"),
        help_text=_("Lower numbers come first."),
        required=False,
        min_value=0,
        max_value=999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    services = forms.MultipleChoiceField(
        label=_("Services in the directory that give it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose services from the list: %(value)s is not one of the council's services"
            )
        },
    )
    service_search = forms.CharField(
        label=_("Find a service to add"),
        help_text=_(
            "Type part of the service’s name in English or Welsh and press Find services. "
            "Then tick the services that give this entitlement."
        ),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": _("Type fewer letters: at most %(limit_value)d"),
        },
    )

    def __init__(self, *args: Any, council: Council, finding: bool = False, **kwargs: Any) -> None:
        """``finding``: the person pressed Find services. Nothing is saved then; the form comes
        back with what they entered, the services ticked and up to ``SERVICES_FOUND`` services
        whose name holds what they typed."""
        super().__init__(*args, **kwargs)
        self.finding = finding
        if finding:  # only the search is checked (in clean_service_search)
            for each in self.fields.values():
                each.required = False
        chosen = local_offer.linkable_services_chosen(council, self._ids_sent())
        self._services = {str(service.pk): service for service in chosen}
        self.found: list[Service] = []
        self.more_found = False
        search = self._search_sent()
        self.search = search if finding else ""
        if finding and search:
            found = local_offer.linkable_services_matching(council, search, at_most=SERVICES_FOUND)
            self.more_found = len(found) > SERVICES_FOUND
            self.found = [s for s in found[:SERVICES_FOUND] if str(s.pk) not in self._services]
        field: Any = self.fields["services"]
        field.choices = [(str(service.pk), service.name_en) for service in [*chosen, *self.found]]
        self._services |= {str(service.pk): service for service in self.found}

    def _ids_sent(self) -> list[str]:
        if self.is_bound:
            widget = self.fields["services"].widget
            sent = widget.value_from_datadict(self.data, self.files, self.add_prefix("services"))
            return [str(each) for each in sent or []]
        return [str(each) for each in self.initial.get("services", [])]

    def _search_sent(self) -> str:
        if not self.is_bound:
            return ""
        text = str(self.data.get(self.add_prefix("service_search"), "")).strip()
        return text if len(text) <= SEARCH_MAX_LENGTH else ""

    def clean_service_search(self) -> str:
        text: str = self.cleaned_data["service_search"].strip()
        if self.finding and not text:
            raise forms.ValidationError(_("Type part of a service’s name to find it"))
        return text

    def _boxes(self, *, found: bool) -> list[Any]:
        found_ids = {str(service.pk) for service in self.found}
        return [box for box in self["services"] if (str(box.data["value"]) in found_ids) == found]

    @property
    def chosen_boxes(self) -> list[Any]:
        """The boxes of the services ticked before (or linked already)."""
        return self._boxes(found=False)

    @property
    def found_boxes(self) -> list[Any]:
        """The boxes of the services just found, not ticked yet."""
        return self._boxes(found=True)

    @classmethod
    def initial_from(cls, entitlement: Entitlement) -> dict[str, Any]:
        initial = {name: getattr(entitlement, name) for name in local_offer.ENTITLEMENT_FIELDS}
        initial["services"] = [str(service.pk) for service in entitlement.services.all()]
        return initial

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in local_offer.ENTITLEMENT_FIELDS}
        data["order"] = data["order"] or 0
        return data

    def services_chosen(self) -> list[Service]:
        return [self._services[pk] for pk in self.cleaned_data["services"]]


# The three things a young person may tick for each entitlement, and the checklist's columns.
CHECKLIST_COLUMNS = (
    ("know", _("I know about it")),
    ("offered", _("I have been offered it")),
    ("use", _("I use it")),
)


class ChecklistForm(GovukForm):
    """One group of three boxes per entitlement. Nothing here is saved: the answers come back
    to the young person as a page to print or a file to download."""

    def __init__(self, *args: Any, entitlements: list[Entitlement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entitlements = entitlements
        for entitlement in entitlements:
            self.fields[f"e-{entitlement.pk}"] = forms.MultipleChoiceField(
                label=localised(entitlement, "title"),
                choices=CHECKLIST_COLUMNS,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def ticked(self, entitlement: Entitlement) -> set[str]:
        return set(self.cleaned_data.get(f"e-{entitlement.pk}", []))

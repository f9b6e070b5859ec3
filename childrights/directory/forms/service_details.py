"""The forms a council's staff say where a service is, when it is open and whom to ask with.

They check what a person typed; ``directory.service_details`` checks the rest (coordinates both
or neither and in the UK, a postcode's shape, opening before closing, nothing listed twice, a
place of this council) and refuses with messages the view puts back on the form. Their fields are
named after the records', so their values go to the writes as they are.
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.directory.models import Contact, Location, OpeningTime
from childrights.directory.service_details import CONTACT_FIELDS, LOCATION_FIELDS

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def _text(label: Any, *, required: bool = False, long: bool = False, **kwargs: Any) -> Any:
    widget = forms.Textarea(attrs={"rows": 3}) if long else None
    return forms.CharField(label=label, required=required, widget=widget, **kwargs)


def _coordinate(label: Any, hint: Any, max_digits: int) -> forms.DecimalField:
    message = _("Enter the coordinates as numbers, like 51.4816")
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=max_digits,
        decimal_places=6,
        help_text=hint,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "invalid": message,
            "max_digits": message,
            "max_decimal_places": _("Give the coordinates to 6 decimal places or fewer"),
            "max_whole_digits": message,
        },
    )


class LocationForm(GovukForm):
    name = forms.CharField(
        label=_("Name of the place"),
        max_length=200,
        help_text=_("For example, the name of the building or the centre."),
        error_messages={"required": _("Enter the name of the place")},
    )
    address = _text(_("Street address"), max_length=300)
    town = forms.CharField(
        label=_("Town or area"),
        max_length=120,
        error_messages={"required": _("Enter the town or area")},
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    address_hidden = forms.BooleanField(
        label=_("Keep the address private"),
        required=False,
        help_text=_(
            "For a place whose address must not be published, such as a refuge. The public pages "
            "and the Open Referral UK API then show only the town."
        ),
    )
    latitude = _coordinate(
        _("Latitude"), _("Optional. Give both the latitude and the longitude, or neither."), 8
    )
    longitude = _coordinate(_("Longitude"), _("For example, -3.1791."), 9)
    getting_there_en = _text(_("How to get there, in English"), long=True)
    getting_there_cy = _text(_("How to get there, in Welsh"), long=True)
    accessibility_en = _text(
        _("Access, in English"),
        long=True,
        help_text=_("For example, step-free entrance, a lift, a hearing loop."),
    )
    accessibility_cy = _text(_("Access, in Welsh"), long=True)

    @staticmethod
    def initial_from(location: Location) -> dict[str, Any]:
        return {name: getattr(location, name) for name in LOCATION_FIELDS}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in LOCATION_FIELDS}


class PlaceChoiceField(forms.ModelChoiceField[Location]):
    """A place named with its address (or, for a private one, that its address is private)."""

    def label_from_instance(self, obj: Location) -> str:
        if obj.address_hidden:
            return _("%(name)s, %(town)s (address kept private)") % {
                "name": obj.name,
                "town": obj.town,
            }
        parts = [obj.name, obj.address, obj.town, obj.postcode]
        return ", ".join(part for part in parts if part)


class ChooseLocationForm(GovukForm):
    location = PlaceChoiceField(
        label=_("Place"),
        queryset=Location.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a place"),
            "invalid_choice": _("Choose one of the places listed"),
        },
    )

    def __init__(self, *args: Any, locations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("PlaceChoiceField", self.fields["location"]).queryset = locations


class OpeningTimeForm(GovukForm):
    day = forms.TypedChoiceField(
        label=_("Day"),
        choices=OpeningTime.Day.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the day")},
    )
    opens_at = forms.TimeField(
        label=_("Opens"),
        input_formats=TIME_FORMATS,
        help_text=_("On the 24-hour clock, for example 16:00."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter the time it opens"),
            "invalid": _("Enter the time it opens on the 24-hour clock, like 16:00"),
        },
    )
    closes_at = forms.TimeField(
        label=_("Closes"),
        input_formats=TIME_FORMATS,
        help_text=_("On the 24-hour clock, for example 18:00."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter the time it closes"),
            "invalid": _("Enter the time it closes on the 24-hour clock, like 18:00"),
        },
    )

    @staticmethod
    def initial_from(opening_time: OpeningTime) -> dict[str, Any]:
        return {
            "day": opening_time.day,
            "opens_at": opening_time.opens_at.strftime("%H:%M"),
            "closes_at": opening_time.closes_at.strftime("%H:%M"),
        }

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("day", "opens_at", "closes_at")}


class ContactForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("A person or a team."),
        error_messages={"required": _("Enter the name of the person or team")},
    )
    title = _text(_("Role"), max_length=200, help_text=_("For example, youth worker."))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter an email address, like name@example.org")},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    @staticmethod
    def initial_from(contact: Contact) -> dict[str, Any]:
        return {name: getattr(contact, name) for name in CONTACT_FIELDS}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}

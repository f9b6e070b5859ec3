"""The form a council's staff add or change a service with.

It checks what a person typed; ``directory.services`` checks the rest (ages in order and up to
25, the organisation and needs of this council) and refuses with messages the view puts back on
the form. Its fields are named after the service's, so its values go to the service as they are.
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.directory.models import OLDEST_AGE, Need, Organisation, Service
from childrights.framework.models import Article

# The form's fields that are the service's own, in the order of services.SERVICE_FIELDS.
SERVICE_TEXT_FIELDS = (
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "who_for_en",
    "who_for_cy",
    "what_happens_en",
    "what_happens_cy",
    "how_to_ask_en",
    "how_to_ask_cy",
    "cost_en",
    "cost_cy",
    "other_languages",
    "url",
    "email",
    "phone",
)
SERVICE_OTHER_FIELDS = (
    "organisation",
    "minimum_age",
    "maximum_age",
    "referral_needed",
    "is_free",
    "welsh_spoken",
    "status",
)


def _text(label: Any, *, required: bool = False, long: bool = True, **kwargs: Any) -> Any:
    widget = forms.Textarea(attrs={"rows": 3}) if long else None
    return forms.CharField(label=label, required=required, widget=widget, **kwargs)


def _age(label: Any) -> forms.IntegerField:
    message = _("Enter an age from 0 to %(oldest)s, in numbers") % {"oldest": OLDEST_AGE}
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=OLDEST_AGE,
        help_text=_("Leave empty if there is no limit."),
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class ServiceForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation that runs it"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("A new organisation (name it below)"),
    )
    new_organisation = forms.CharField(
        label=_("Name of a new organisation"),
        max_length=200,
        required=False,
        help_text=_("Only if the organisation is not in the list above."),
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        error_messages={"required": _("Enter the service’s name in English")},
    )
    name_cy = forms.CharField(label=_("Name in Welsh"), max_length=200, required=False)
    description_en = _text(
        _("What it is, in English"),
        required=True,
        error_messages={"required": _("Say what the service is, in English")},
    )
    description_cy = _text(_("What it is, in Welsh"))
    who_for_en = _text(_("Who it is for, in English"))
    who_for_cy = _text(_("Who it is for, in Welsh"))
    what_happens_en = _text(_("What happens when you go, in English"))
    what_happens_cy = _text(_("What happens when you go, in Welsh"))
    how_to_ask_en = _text(_("How to ask for it, in English"))
    how_to_ask_cy = _text(_("How to ask for it, in Welsh"))
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs it meets"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("UNCRC articles it helps fulfil"),
        queryset=Article.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minimum_age = _age(_("Youngest age"))
    maximum_age = _age(_("Oldest age"))
    is_free = forms.BooleanField(label=_("It is free"), required=False)
    cost_en = _text(_("What it costs, in English"), long=False, max_length=300)
    cost_cy = _text(_("What it costs, in Welsh"), long=False, max_length=300)
    referral_needed = forms.BooleanField(
        label=_("Someone (a teacher, a doctor, a social worker) must refer you"), required=False
    )
    welsh_spoken = forms.BooleanField(label=_("Welsh is spoken"), required=False)
    other_languages = _text(_("Other languages spoken"), long=False, max_length=200)
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address, like https://example.org")},
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter an email address, like name@example.org")},
    )
    phone = _text(_("Phone"), long=False, max_length=40)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Service.Status.choices,
        initial=Service.Status.ACTIVE,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        needs: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[Organisation]", self.fields["organisation"]
        ).queryset = organisations
        cast("forms.ModelMultipleChoiceField[Need]", self.fields["needs"]).queryset = needs

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen, new = cleaned.get("organisation"), (cleaned.get("new_organisation") or "").strip()
        if chosen is None and not new and "organisation" not in self.errors:
            self.add_error(
                "organisation", _("Choose the organisation that runs it, or name a new one")
            )
        if chosen is not None and new:
            self.add_error(
                "new_organisation",
                _("Either choose an organisation or name a new one, not both"),
            )
        return cleaned

    def service_values(self) -> dict[str, Any]:
        """The service's own fields as typed (the organisation as chosen, None for a new one)."""
        values = {name: self.cleaned_data[name] for name in SERVICE_TEXT_FIELDS}
        values |= {name: self.cleaned_data[name] for name in SERVICE_OTHER_FIELDS}
        return values


def service_initial(service: Service) -> dict[str, Any]:
    """The form's values for a service as it is now."""
    initial = {name: getattr(service, name) for name in SERVICE_TEXT_FIELDS + SERVICE_OTHER_FIELDS}
    initial["needs"] = list(service.needs.all())
    initial["articles"] = list(service.articles.all())
    return initial

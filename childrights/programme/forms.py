from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm, GovukFormMixin, email_field
from childrights.core.presenters import localised
from childrights.framework.models import Theme
from childrights.programme import selectors
from childrights.programme.models import BaselineFact, Enquiry, Partnership, Pilot


class CouncilSearchForm(GovukForm):
    q = forms.CharField(
        label=_("Council name or GSS code"),
        required=False,
        max_length=100,
        help_text=_("For example, Leeds, Glasgow or E08000035"),
    )


class EnquiryForm(GovukForm):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of your organisation")},
    )
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=selectors.council_choices(),
        required=False,
        empty_label=_("Choose a council (optional)"),
        help_text=_("The council your enquiry is about, if it is about one"),
        error_messages={"invalid_choice": _("Choose a council from the list")},
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Enter your name")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.CharField(
        label=_("Your role"),
        max_length=200,
        error_messages={"required": _("Enter your role")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = email_field()
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        help_text=_("Tell us what you would like to do with the programme"),
        error_messages={
            "required": _("Enter your message"),
            "max_length": _("Your message must be 5,000 characters or fewer"),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    agreed_to_contact = forms.BooleanField(
        label=_("I agree to the programme team contacting me about this enquiry"),
        error_messages={"required": _("Agree to be contacted so that we can reply")},
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # A field people never see; automated senders tend to fill it in.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def enquiry_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in (
                "organisation",
                "council",
                "contact_name",
                "role",
                "email",
                "message",
                "agreed_to_contact",
                "submission_key",
            )
        }


class PartnershipForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    joined_on = GovukDateField(
        label=_("Joined"), name=_("The date the council joined"), required=False
    )
    status_date = GovukDateField(
        label=_("Status since"), name=_("The date of the status"), required=False
    )

    class Meta:
        model = Partnership
        fields = [
            "council",
            "phase",
            "slug",
            "joined_on",
            "status",
            "status_date",
            "status_note_en",
            "status_note_cy",
            "source",
        ]
        widgets = {
            "status": forms.RadioSelect,
            "status_note_en": forms.Textarea(attrs={"rows": 3}),
            "status_note_cy": forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        }

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        council: Any = self.fields["council"]
        council.queryset = selectors.council_choices() | council.queryset.filter(
            partnerships__isnull=False
        )
        council.queryset = council.queryset.distinct().order_by("short_name")

    def clean_council(self) -> Any:
        council = self.cleaned_data["council"]
        taken = Partnership.objects.filter(programme=self.programme, council=council)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This council is already a partner"))
        return council


class PilotForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme")},
    )

    class Meta:
        model = Pilot
        fields = [
            "focus_area_en",
            "focus_area_cy",
            "target_group_en",
            "target_group_cy",
            "description_en",
            "description_cy",
            "meaning_en",
            "meaning_cy",
            "outcomes_en",
            "outcomes_cy",
            "source",
        ]
        widgets = {
            "focus_area_cy": forms.TextInput(attrs={"lang": "cy"}),
            "target_group_cy": forms.TextInput(attrs={"lang": "cy"}),
            **{
                f"{name}_{lang}": forms.Textarea(attrs={"rows": 4, "lang": lang})
                for name in ("description", "meaning", "outcomes")
                for lang in ("en", "cy")
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes: Any = self.fields["themes"]
        themes.label_from_instance = lambda theme: localised(theme, "name")
        if self.instance.pk:
            self.initial["themes"] = list(self.instance.themes.all())


class BaselineFactForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BaselineFact
        fields = ["kind", "source_text", "value", "year", "status", "note_en", "note_cy", "source"]
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "note_en": forms.Textarea(attrs={"rows": 3}),
            "note_cy": forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("value") is None
            and cleaned.get("status") != BaselineFact.Status.UNVERIFIED
            and "value" not in self.errors
        ):
            self.add_error(
                "value",
                _("Enter the figure as a number, or mark it unverified if the source is unclear"),
            )
        return cleaned


class EnquiryUpdateForm(GovukForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=Enquiry.Status.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Add a note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EnquiryFilterForm(GovukForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Enquiry.Status.choices]
    )

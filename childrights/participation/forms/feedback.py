"""Forms for "you said, we did": themes, commitments and dated updates.

The rules live in ``participation.feedback.rules`` (services refuse to break them); these forms
show them as field errors first.
"""

import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm
from childrights.core.presenters import localised
from childrights.participation.feedback import rules, staff
from childrights.participation.models import Commitment, Consultation, FeedbackTheme

WELSH_HINT = _("Needed before publishing, because children can answer this consultation in Welsh")


def _text(
    label: Any, *, required_message: Any = None, rows: int = 0, **kwargs: Any
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label,
        required=required_message is not None,
        error_messages={"required": required_message} if required_message else {},
        widget=widget,
        **kwargs,
    )


class _Bilingual(GovukForm):
    """Welsh fields carry a hint when the consultation offers Welsh, and are needed at once on
    anything already public."""

    welsh_fields: tuple[str, ...] = ()

    def __init__(
        self, *args: Any, consultation: Consultation, published: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.published = published
        for name in self.welsh_fields:
            if consultation.offers_welsh():
                self.fields[name].help_text = WELSH_HINT
            else:
                self.fields[name].label = _("%(label)s (optional)") % {
                    "label": self.fields[name].label
                }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in rules.welsh_gaps(
            welsh=self.consultation.offers_welsh(),
            published=self.published,
            texts={name: cleaned.get(name, "") for name in self.welsh_fields},
        ):
            if name not in self.errors:
                self.add_error(
                    name, _("Enter the Welsh text: this is published, so children see it now")
                )
        return cleaned


class ThemeForm(_Bilingual):
    welsh_fields = ("title_cy", "summary_cy")

    title_en = _text(
        _("Theme (English)"),
        required_message=_("Enter the theme in English"),
        max_length=200,
        help_text=_("A few words children will recognise, for example “Safer parks”"),
    )
    title_cy = _text(_("Theme (Welsh)"), max_length=200)
    summary_en = _text(
        _("What children said (English)"),
        required_message=_("Enter what children said, in English"),
        rows=4,
        max_length=5000,
        help_text=_("Short sentences a 9-year-old can read"),
    )
    summary_cy = _text(_("What children said (Welsh)"), rows=4, max_length=5000)


class _StatusReason(_Bilingual):
    """A status, and why not when the council is not doing it."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Commitment.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status")},
    )
    reason_en = _text(
        _("Why the council is not doing this (English)"),
        rows=3,
        max_length=5000,
        help_text=_("Only when the status is “Not doing”. Children will read this."),
    )
    reason_cy = _text(_("Why the council is not doing this (Welsh)"), rows=3, max_length=5000)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, consultation=consultation, **kwargs)
        reason_cy = self.fields["reason_cy"]
        if consultation.offers_welsh():
            reason_cy.help_text = _("Needed when the status is “Not doing”")
        else:
            reason_cy.label = _("%(label)s (optional)") % {"label": reason_cy.label}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "status" in cleaned:
            errors = rules.reason_errors(
                welsh=self.consultation.offers_welsh(),
                status=cleaned["status"],
                reason_en=cleaned.get("reason_en", ""),
                reason_cy=cleaned.get("reason_cy", ""),
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class ThemeChoiceField(forms.ModelChoiceField[FeedbackTheme]):
    def label_from_instance(self, obj: FeedbackTheme) -> str:
        return localised(obj, "title")


class CommitmentForm(_StatusReason):
    welsh_fields = ("text_cy",)

    theme = ThemeChoiceField(
        label=_("Theme (optional)"),
        queryset=FeedbackTheme.objects.none(),
        required=False,
        empty_label=_("No theme"),
        help_text=_("The “you said” this answers"),
    )
    text_en = _text(
        _("What we will do (English)"),
        required_message=_("Enter what the council will do, in English"),
        rows=4,
        max_length=5000,
        help_text=_("Start with “We will…”, in short sentences a 9-year-old can read"),
    )
    text_cy = _text(_("What we will do (Welsh)"), rows=4, max_length=5000)

    field_order = ["theme", "text_en", "text_cy", "status", "reason_en", "reason_cy"]

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, consultation=consultation, **kwargs)
        theme_field = cast(ThemeChoiceField, self.fields["theme"])
        theme_field.queryset = staff.themes(consultation=consultation)


class CommitmentUpdateForm(_StatusReason):
    welsh_fields = ("text_cy",)

    made_on = GovukDateField(
        label=_("Date of the update"),
        name=_("The date of the update"),
        required_message=_("Enter the date of the update"),
    )
    text_en = _text(
        _("Update (English)"),
        required_message=_("Enter the update in English"),
        rows=4,
        max_length=5000,
        help_text=_("What has happened since children had their say"),
    )
    text_cy = _text(_("Update (Welsh)"), rows=4, max_length=5000)

    field_order = ["made_on", "text_en", "text_cy", "status", "reason_en", "reason_cy"]

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, consultation=consultation, **kwargs)
        self.fields["status"].label = _("Status after this update")

    def clean_made_on(self) -> datetime.date:
        made_on: datetime.date = self.cleaned_data["made_on"]
        errors = rules.date_errors(made_on=made_on)
        if errors:
            raise forms.ValidationError(errors["made_on"])
        return made_on

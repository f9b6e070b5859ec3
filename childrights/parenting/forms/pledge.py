"""Forms for the pledge: its introduction, a promise (what the council promises, its status and
the principles it answers) and a dated update on a promise. The rules live in participation's
``feedback.rules`` (the services refuse to break them); these forms show them as field errors
first."""

import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm
from childrights.parenting.principles import principles
from childrights.participation.feedback import rules
from childrights.participation.models import Commitment

WELSH_HINT = _("Needed before publishing, because the council works in Welsh")


def _text(label: Any, *, required: Any = None, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required is not None,
        error_messages={"required": required} if required else {},
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=5000,
        **kwargs,
    )


class _Bilingual(GovukForm):
    welsh_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, welsh: bool, published: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.welsh, self.published = welsh, published
        for name in self.welsh_fields:
            if welsh:
                self.fields[name].help_text = WELSH_HINT
            else:
                self.fields[name].label = _("%(label)s (optional)") % {
                    "label": self.fields[name].label
                }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in rules.welsh_gaps(
            welsh=self.welsh,
            published=self.published,
            texts={name: cleaned.get(name, "") for name in self.welsh_fields},
        ):
            if name not in self.errors:
                self.add_error(
                    name, _("Enter the Welsh text: this is published, so children see it now")
                )
        return cleaned


class PledgeForm(_Bilingual):
    welsh_fields = ("intro_cy",)

    intro_en = _text(
        _("Introduction (English)"),
        required=_("Enter the introduction in English"),
        help_text=_(
            "Who wrote the pledge with you and what it is for, in short sentences a 12-year-old "
            "can read"
        ),
    )
    intro_cy = _text(_("Introduction (Welsh)"))


class _StatusReason(_Bilingual):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Commitment.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status")},
    )
    reason_en = _text(
        _("Why the council is not doing this (English)"),
        rows=3,
        help_text=_("Only when the status is “Not doing”. Children will read this."),
    )
    reason_cy = _text(_("Why the council is not doing this (Welsh)"), rows=3)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "status" in cleaned:
            errors = rules.reason_errors(
                welsh=self.welsh,
                status=cleaned["status"],
                reason_en=cleaned.get("reason_en", ""),
                reason_cy=cleaned.get("reason_cy", ""),
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


def _principle_choices() -> list[tuple[str, str]]:
    return [(item.slug, f"({item.letter}) {item.title()}") for item in principles()]


class PromiseForm(_StatusReason):
    welsh_fields = ("text_cy",)

    text_en = _text(
        _("What we promise (English)"),
        required=_("Enter the promise in English"),
        help_text=_("Start with “We will…”, in short sentences a 12-year-old can read"),
    )
    text_cy = _text(_("What we promise (Welsh)"))
    principles = forms.MultipleChoiceField(
        label=_("Corporate parenting principles this promise answers (optional)"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["text_en", "text_cy", "principles", "status", "reason_en", "reason_cy"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["principles"])
        field.choices = _principle_choices()


class PromiseUpdateForm(_StatusReason):
    welsh_fields = ("text_cy",)

    made_on = GovukDateField(
        label=_("Date of the update"),
        name=_("The date of the update"),
        required_message=_("Enter the date of the update"),
    )
    text_en = _text(
        _("Update (English)"),
        required=_("Enter the update in English"),
        help_text=_("What has happened to this promise, in words children understand"),
    )
    text_cy = _text(_("Update (Welsh)"))

    field_order = ["made_on", "text_en", "text_cy", "status", "reason_en", "reason_cy"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].label = _("Status after this update")

    def clean_made_on(self) -> datetime.date:
        made_on: datetime.date = self.cleaned_data["made_on"]
        errors = rules.date_errors(made_on=made_on)
        if errors:
            raise forms.ValidationError(errors["made_on"])
        return made_on

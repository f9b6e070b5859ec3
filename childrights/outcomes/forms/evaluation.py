from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.framework.models import Indicator
from childrights.participation.models import AgeBand


class EvaluationForm(GovukForm):
    """Which indicators to ask children about, principle by principle, and which age groups."""

    age_bands = forms.MultipleChoiceField(
        label=_("Which age groups to ask"),
        choices=AgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The questions are written for children of about 8 and over."),
        error_messages={
            "required": _("Choose at least one age group to ask"),
            "invalid_choice": _("Choose age groups from the list"),
        },
    )

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        age_bands = self.fields.pop("age_bands")
        by_principle: dict[int, list[Indicator]] = {}
        for indicator in indicators:
            by_principle.setdefault(indicator.principle_id, []).append(indicator)
        for group in by_principle.values():
            principle = group[0].principle
            self.fields[f"principle_{principle.slug}"] = forms.TypedMultipleChoiceField(
                label=localised(principle, "name"),
                choices=[
                    (
                        indicator.pk,
                        localised(indicator, "text_children") or localised(indicator, "text"),
                    )
                    for indicator in group
                ],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Choose indicators from the list")},
            )
        self.fields["age_bands"] = age_bands

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.chosen():
            raise forms.ValidationError(_("Choose at least one indicator to ask children about"))
        return cleaned

    def chosen(self) -> list[Indicator]:
        """The indicators ticked, in the order of the framework."""
        picked = {
            pk
            for name, value in self.cleaned_data.items()
            if name.startswith("principle_")
            for pk in value
        }
        return [indicator for indicator in self.indicators if indicator.pk in picked]

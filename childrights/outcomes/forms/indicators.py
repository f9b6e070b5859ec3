"""Forms for outcome indicators: a council's own indicator, a target, a measurement, a file."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm
from childrights.core.presenters import localised
from childrights.framework.models import Principle, Theme
from childrights.outcomes.models import OutcomeIndicator
from childrights.programme.models import Pilot

RESERVED_SLUGS = {"new", "import"}
DECIMAL_ERRORS = {
    "required": _("Enter a number"),
    "invalid": _("Enter a number, like 42.5"),
    "max_digits": _("Enter a smaller number"),
    "max_decimal_places": _("Enter a number with at most 4 decimal places"),
    "max_whole_digits": _("Enter a smaller number"),
}


def _number(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=4, error_messages=DECIMAL_ERRORS
    )


def _date(label: Any, *, name: Any, required_message: Any) -> GovukDateField:
    return GovukDateField(label=label, name=name, required_message=required_message)


class IndicatorForm(GovukForm):
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        error_messages={"required": _("Enter a name for the indicator")},
    )
    name_cy = forms.CharField(label=_("Name in Welsh"), max_length=200, required=False)
    definition_en = forms.CharField(
        label=_("Definition in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is counted, and out of what"),
        error_messages={"required": _("Enter a definition")},
    )
    definition_cy = forms.CharField(
        label=_("Definition in Welsh"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=OutcomeIndicator.Unit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the unit")},
    )
    better = forms.ChoiceField(
        label=_("Which direction is better?"),
        choices=OutcomeIndicator.Better.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which direction is better")},
    )
    frequency = forms.ChoiceField(
        label=_("How often is it measured?"),
        choices=OutcomeIndicator.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often it is measured")},
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    breakdowns = forms.CharField(
        label=_("Breakdowns"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One a line, for example Boys and Girls. Leave empty for a total only."),
    )
    principle = forms.ModelChoiceField(
        label=_("Principle"),
        queryset=Principle.objects.all(),
        required=False,
        empty_label=_("None"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("None")
    )

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council

    def clean_name_en(self) -> str:
        name: str = self.cleaned_data["name_en"].strip()
        slug = slugify(name)[:80]
        taken = (
            OutcomeIndicator.objects.filter(slug=slug).filter(council__isnull=True).exists()
            or OutcomeIndicator.objects.filter(council=self.council, slug=slug).exists()
        )
        if not slug or slug in RESERVED_SLUGS or taken:
            raise forms.ValidationError(_("There is already an indicator with this name"))
        return name

    def clean_breakdowns(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["breakdowns"].splitlines()]
        labels = list(dict.fromkeys(line for line in lines if line))
        if any(len(label) > 100 for label in labels):
            raise forms.ValidationError(_("Keep each breakdown to 100 characters or fewer"))
        return labels

    def indicator_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["slug"] = slugify(data["name_en"])[:80]
        return data


class PilotChoiceField(forms.ModelChoiceField[Pilot]):
    def label_from_instance(self, obj: Any) -> str:
        return str(localised(obj, "focus_area"))


class TargetForm(GovukForm):
    pilot = PilotChoiceField(
        label=_("Pilot"),
        queryset=Pilot.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("Each pilot picks the indicators that show its change for children"),
        error_messages={
            "required": _("Choose the pilot"),
            "invalid_choice": _("Choose one of this council’s pilots"),
        },
    )
    baseline_value = _number(_("Baseline value"))
    baseline_on = _date(
        _("Date of the baseline"),
        name=_("The date of the baseline"),
        required_message=_("Enter the date of the baseline"),
    )
    target_value = _number(_("Target value"))
    target_on = _date(
        _("Date to reach the target by"),
        name=_("The target date"),
        required_message=_("Enter the date to reach the target by"),
    )

    def __init__(self, *args: Any, pilots: QuerySet[Pilot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pilot"].queryset = pilots  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("baseline_on"), data.get("target_on")
        if start and end and end <= start:
            self.add_error("target_on", _("The target date must be after the baseline date"))
        return data


class MeasurementForm(GovukForm):
    period_end = _date(
        _("End of the period"),
        name=_("The end of the period"),
        required_message=_("Enter the end of the period"),
    )
    value = _number(_("Value"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, indicator: OutcomeIndicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if indicator.breakdowns:
            self.fields["breakdown"] = forms.ChoiceField(
                label=_("Breakdown"),
                choices=[("", _("Total")), *((label, label) for label in indicator.breakdowns)],
                required=False,
            )
            self.order_fields(["period_end", "breakdown", "value", "note"])


# A council's measurements for years fit in a few hundred kilobytes.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(GovukForm):
    file = forms.FileField(
        label=_("File of measurements"),
        help_text=_(
            "A CSV or XLSX file with the columns indicator, period_end, value, and optionally "
            "breakdown and note"
        ),
        error_messages={"required": _("Choose a file to upload")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The file must be a CSV or XLSX file"))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 5 MB"))
        return upload

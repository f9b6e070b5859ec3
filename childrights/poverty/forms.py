from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.poverty.definition import age_groups_parse, cutoff_value
from childrights.poverty.engine import MeasureError
from childrights.poverty.models import Dataset

MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024


class DatasetUploadForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, School census 2026"),
        error_messages={"required": _("Enter a name for the data")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV or Parquet file with one row for each child. Optional columns: weight, "
            "household_id, area, age, sex, and any others you want to group by."
        ),
        error_messages={
            "required": _("Choose a CSV or Parquet file"),
            "empty": _("The file is empty"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.parquet"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".parquet")):
            raise forms.ValidationError(_("The file must be a CSV or Parquet file"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 2 GB"))
        return upload


RULE_CHOICES = [
    ("below", _("Deprived if the value is below the threshold")),
    ("above", _("Deprived if the value is above the threshold")),
    ("in", _("Deprived if the value is one of the categories")),
    ("flag", _("Deprived if the value is yes (1 or true)")),
    ("lacks", _("Deprived if the value is no (0 or false): the child lacks it")),
]
MISSING_CHOICES = [
    ("", _("Choose what to do")),
    ("deprived", _("Count the child as deprived")),
    ("not deprived", _("Count the child as not deprived")),
    ("exclude", _("Leave the child out of the measure")),
]


class MeasureForm(GovukForm):
    name = forms.CharField(
        label=_("Name of the measure"),
        max_length=200,
        error_messages={"required": _("Enter a name for the measure")},
    )
    k = forms.CharField(
        label=_("Poverty cutoff (k)"),
        max_length=20,
        help_text=_(
            "The share of weighted deprivations that makes a child poor: a fraction such as 1/3 "
            "or 2/3, or a decimal from 0.01 to 1. For example, 1/3 means deprived in a third or "
            "more."
        ),
        error_messages={"required": _("Enter the poverty cutoff")},
    )
    age_groups = forms.CharField(
        label=_("Age groups (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "To use different indicators for different ages, list the groups, for example "
            "0-4, 5-10, 11-15, 16-17. Ages are read from the age column."
        ),
    )
    child_items = forms.CharField(
        label=_("Items children said every child should have (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: the column, a comma, then what children called it. For example: "
            "has_pocket_money, Pocket money. A child who lacks an item (0) is deprived in it."
        ),
    )

    def clean_k(self) -> str:
        """The cutoff as written ("2/3" stays exact): checked here, turned into a number by
        :func:`~childrights.poverty.definition.cutoff_value`."""
        text = str(self.cleaned_data["k"]).strip().replace(" ", "")
        try:
            value = cutoff_value(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("The poverty cutoff must be a fraction like 1/3 or a number like 0.33")
            ) from error
        if value < Fraction(1, 100):
            raise forms.ValidationError(_("The poverty cutoff must be at least 0.01"))
        if value > 1:
            raise forms.ValidationError(_("The poverty cutoff must be 1 or less"))
        return text

    def clean_age_groups(self) -> list[dict[str, object]]:
        try:
            return age_groups_parse(self.cleaned_data["age_groups"])
        except MeasureError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_child_items(self) -> list[dict[str, str]]:
        items = []
        for number, line in enumerate(self.cleaned_data["child_items"].splitlines(), start=1):
            if not line.strip():
                continue
            column, _comma, label = line.partition(",")
            if not column.strip():
                raise forms.ValidationError(
                    _("Line %(number)s needs a column name before the comma") % {"number": number}
                )
            items.append({"column": column.strip(), "label": label.strip() or column.strip()})
        return items


class IndicatorRowForm(GovukForm):
    dimension = forms.CharField(label=_("Dimension"), max_length=100, required=False)
    label = forms.CharField(label=_("Indicator"), max_length=100, required=False)
    column = forms.CharField(
        label=_("Column"),
        max_length=100,
        required=False,
        help_text=_("Upload data first to choose from its columns"),
    )
    rule = forms.ChoiceField(label=_("Rule"), choices=RULE_CHOICES, initial="below")
    threshold = forms.FloatField(
        label=_("Threshold"),
        required=False,
        error_messages={"invalid": _("The threshold must be a number")},
    )
    categories = forms.CharField(
        label=_("Categories"),
        required=False,
        max_length=500,
        help_text=_("For the categories rule: values separated by commas"),
    )
    missing = forms.ChoiceField(
        label=_("If the value is missing"), choices=MISSING_CHOICES, required=False
    )
    weight = forms.FloatField(
        label=_("Weight (optional)"),
        required=False,
        min_value=0,
        max_value=1,
        help_text=_("Leave empty for equal weights. If you set weights, they must add up to 1."),
        error_messages={"invalid": _("The weight must be a number between 0 and 1")},
    )
    age_groups = forms.CharField(
        label=_("Only for these age groups"),
        required=False,
        max_length=200,
        help_text=_("For example 0-4, 5-10. Leave empty for every age group."),
    )

    def __init__(self, *args: Any, columns: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if columns:
            current = str(self.initial.get("column") or "")
            known = {name for name, _label in columns}
            choices = [("", _("Choose a column")), *columns]
            if current and current not in known:
                choices.append((current, _("%(name)s (not in the data)") % {"name": current}))
            self.fields["column"] = forms.ChoiceField(
                label=_("Column"), choices=choices, required=False
            )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        filled = [cleaned.get(name) for name in ("dimension", "label", "column")]
        if any(filled) and not all(filled):
            self.add_error(None, _("Give each indicator a dimension, a name and a column"))
        if all(filled) and not cleaned.get("missing"):
            self.add_error("missing", _("Choose what to do when a child's value is missing"))
        rule = cleaned.get("rule")
        if all(filled) and rule in {"below", "above"} and cleaned.get("threshold") is None:
            self.add_error("threshold", _("Enter the threshold for this rule"))
        if all(filled) and rule == "in" and not cleaned.get("categories"):
            self.add_error("categories", _("Enter the categories for this rule"))
        return cleaned

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(name) for name in ("dimension", "label", "column"))


IndicatorFormSet = forms.formset_factory(IndicatorRowForm, extra=4, max_num=56, absolute_max=56)


class RunForm(GovukForm):
    dataset = forms.ModelChoiceField(
        label=_("Data to run it on"),
        queryset=Dataset.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the data to run the measure on")},
    )
    bootstrap = forms.BooleanField(
        label=_("Also estimate confidence intervals by bootstrap (slower)"),
        required=False,
    )
    group_columns = forms.CharField(
        label=_("Break down by (optional)"),
        required=False,
        max_length=300,
        help_text=_("Columns separated by commas, for example area, sex"),
    )

    def __init__(self, *args: Any, datasets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["dataset"]
        field.queryset = datasets

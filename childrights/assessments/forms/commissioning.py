"""Forms for commissioning projects: a new project, a stage's checklist, and its links."""

from typing import Any, cast

from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from childrights.assessments.commissioning import CheckInput, Row
from childrights.assessments.models import Assessment
from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.participation.models import Consultation
from childrights.participation.selectors import consultations

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ProjectForm(GovukForm):
    title = forms.CharField(
        label=_("What is being commissioned"),
        max_length=300,
        help_text=_("For example, young people's substance misuse services"),
        error_messages={
            "required": _("Enter what is being commissioned"),
            "max_length": _("What is being commissioned must be 300 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The description must be 5,000 characters or fewer")},
    )


def _for_item(words: Any, item_label: str) -> SafeString:
    """A label that says, to screen readers too, which item it belongs to."""
    return format_html('{}<span class="govuk-visually-hidden">: {}</span>', words, item_label)


class StageChecklistForm(GovukForm):
    """One set of fields for each item of a stage: met, evidence, and why not if it is not."""

    def __init__(self, *args: Any, rows: list[Row], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                field: value
                for row in rows
                for field, value in (
                    (f"{row.item.key}-met", "yes" if row.check.met else "no"),
                    (f"{row.item.key}-evidence", row.check.evidence),
                    (f"{row.item.key}-reason", row.check.reason_unmet),
                )
            },
        )
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            label = localised(row.item, "label")
            key = row.item.key
            self.fields[f"{key}-met"] = forms.ChoiceField(
                label=_for_item(_("Is it met?"), label),
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Say whether it is met: %(item)s") % {"item": label}
                },
            )
            self.fields[f"{key}-evidence"] = forms.CharField(
                label=_for_item(_("Evidence"), label),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What shows it is met, or what has been done so far."),
                error_messages={"max_length": _("The evidence must be 5,000 characters or fewer")},
            )
            self.fields[f"{key}-reason"] = forms.CharField(
                label=_for_item(_("If it is not met, why not"), label),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("A stage can only close with a mandatory item unmet if you say why."),
                error_messages={"max_length": _("The reason must be 5,000 characters or fewer")},
            )

    def items(self) -> list[tuple[Row, BoundField, BoundField, BoundField]]:
        """Each item with its three fields, for the template to lay out."""
        return [
            (
                row,
                self[f"{row.item.key}-met"],
                self[f"{row.item.key}-evidence"],
                self[f"{row.item.key}-reason"],
            )
            for row in self.rows
        ]

    def values(self) -> dict[str, CheckInput]:
        return {
            row.item.key: CheckInput(
                met=self.cleaned_data[f"{row.item.key}-met"] == "yes",
                evidence=self.cleaned_data[f"{row.item.key}-evidence"],
                reason_unmet=self.cleaned_data[f"{row.item.key}-reason"],
            )
            for row in self.rows
        }


class AssessmentChoiceField(forms.ModelMultipleChoiceField[Assessment]):
    def label_from_instance(self, obj: Assessment) -> str:
        return f"{obj.reference}: {obj.title}"


class ConsultationChoiceField(forms.ModelMultipleChoiceField[Consultation]):
    def label_from_instance(self, obj: Consultation) -> str:
        return localised(obj, "title") or obj.title_cy


class LinksForm(GovukForm):
    assessments = AssessmentChoiceField(
        label=_("Impact assessments"),
        queryset=Assessment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("This council's child rights impact assessments. Select all that apply."),
        error_messages={"invalid_choice": _("Choose impact assessments from the list")},
    )
    consultations = ConsultationChoiceField(
        label=_("Consultations"),
        queryset=Consultation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("This council's consultations with children. Select all that apply."),
        error_messages={"invalid_choice": _("Choose consultations from the list")},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            AssessmentChoiceField, self.fields["assessments"]
        ).queryset = Assessment.objects.filter(council=council).order_by("reference")
        cast(ConsultationChoiceField, self.fields["consultations"]).queryset = consultations(
            council=council
        )

    def assessment_ids(self) -> list[int]:
        return [assessment.pk for assessment in self.cleaned_data["assessments"]]

    def consultation_ids(self) -> list[int]:
        return [consultation.pk for consultation in self.cleaned_data["consultations"]]

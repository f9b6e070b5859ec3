"""Forms for starting an assessment (what is proposed, its type and themes), for filtering a
council's assessments by state, and for the council's settings: the template for new
assessments and the council's own groups of children.
"""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childrights.assessments.editor import MAX_EXTRA_GROUPS, clean_groups
from childrights.assessments.models import Assessment, Template
from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.framework.models import Theme


class ThemeChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Theme) -> str:
        return localised(obj, "name")


class AssessmentForm(GovukForm):
    title = forms.CharField(
        label=gettext_lazy("What is proposed"),
        max_length=300,
        help_text=gettext_lazy("A short title, like “Youth clubs: one new hub”"),
        error_messages={"required": gettext_lazy("Enter what is proposed")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Type of proposal"),
        choices=Assessment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the type of proposal")},
    )
    themes = ThemeChoiceField(
        label=gettext_lazy("Themes (optional)"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Select all that apply."),
    )


class StateFilterForm(GovukForm):
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", gettext_lazy("Any state")), *Assessment.State.choices],
        required=False,
    )


class SettingsForm(GovukForm):
    template = forms.ChoiceField(
        label=gettext_lazy("Template for new assessments"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a template"),
            "invalid_choice": gettext_lazy("Choose a template from the list"),
        },
    )
    extra_groups = forms.CharField(
        label=gettext_lazy("Your council’s own groups of children (optional)"),
        help_text=gettext_lazy(
            "One group on each line, like “Children of armed forces families”. Assessors see them "
            "beside the groups every council has."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, templates: Iterable[Template], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        template_field = cast(forms.ChoiceField, self.fields["template"])
        template_field.choices = [
            (template.slug, localised(template, "name")) for template in templates
        ]

    def clean_extra_groups(self) -> list[str]:
        groups = clean_groups(str(self.cleaned_data.get("extra_groups", "")).splitlines())
        if len(groups) > MAX_EXTRA_GROUPS:
            raise forms.ValidationError(
                _("Add no more than %(limit)s groups") % {"limit": MAX_EXTRA_GROUPS}
            )
        if any(len(group) > 100 for group in groups):
            raise forms.ValidationError(_("Keep each group to 100 characters or fewer"))
        return groups

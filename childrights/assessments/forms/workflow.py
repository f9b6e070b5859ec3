"""Forms of the assessment workflow: sending back, amending, publishing, reviewing, commenting,
and the decisions a council records. The rules live in ``assessments.workflow``; these forms
show them as field errors first."""

import contextlib
import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.assessments.answers import Question, is_bilingual
from childrights.assessments.models import Assessment, DecisionRecord
from childrights.core.forms import GovukDateField, GovukForm
from childrights.core.language import pair_text

LONG_TEXT = 10_000


def _text(label: Any, *, required_message: Any = None, rows: int = 5, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required_message is not None,
        error_messages={"required": required_message} if required_message else {},
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=LONG_TEXT,
        **kwargs,
    )


class ReturnForm(GovukForm):
    note = _text(
        _("What needs to change"),
        required_message=_("Say what needs to change before it can be signed off"),
        help_text=_("The author sees this in the assessment's history"),
    )


class AmendForm(GovukForm):
    reason = _text(
        _("Why it is being amended"),
        required_message=_("Enter why the assessment is being amended"),
        help_text=_(
            "For example, new evidence or a change to the proposal. Everyone who reads the "
            "new version sees this."
        ),
    )


class CommentForm(GovukForm):
    text = _text(_("Comment"), required_message=_("Enter your comment"), rows=3)


class PublishForm(GovukForm):
    summary_en = _text(
        _("Summary for children (English)"),
        required_message=_("Write the summary for children in English"),
        help_text=_(
            "What was decided and what it means for children, in short sentences a "
            "9-year-old can read"
        ),
    )
    summary_cy = _text(_("Summary for children (Welsh)"))

    def __init__(self, *args: Any, welsh_needed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        welsh = self.fields["summary_cy"]
        if welsh_needed:
            welsh.required = True
            welsh.error_messages["required"] = _("Write the summary for children in Welsh")
            welsh.help_text = _("Needed, because the council works in Welsh and English")
        else:
            welsh.label = _("Summary for children (Welsh, optional)")


class ReviewForm(GovukForm):
    """Stage 3, built from the template's review questions. Every field may be left for later:
    closing the assessment needs the required ones."""

    def __init__(
        self, *args: Any, assessment: Assessment, questions: list[Question], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = question.label()
            hint = question.hint()
            if question.kind == "text" and is_bilingual(assessment.template, question):
                self.fields[f"{question.key}__en"] = _text(
                    _("%(label)s (English)") % {"label": label}, help_text=hint
                )
                self.fields[f"{question.key}__cy"] = _text(
                    _("%(label)s (Welsh)") % {"label": label}
                )
            elif question.kind == "text":
                self.fields[question.key] = _text(label, help_text=hint)
            elif question.kind == "choice":
                options = question.definition.get("options", [])
                self.fields[question.key] = forms.ChoiceField(
                    label=label,
                    help_text=hint,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[
                        (option["key"], pair_text(option["label"]).text) for option in options
                    ],
                )
            elif question.kind == "date":
                self.fields[question.key] = GovukDateField(
                    label=label, name=label, required=False, help_text=hint
                )
            elif question.kind == "yes_no":
                self.fields[f"{question.key}__answer"] = forms.ChoiceField(
                    label=label,
                    help_text=hint,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                )
                self.fields[f"{question.key}__reasons"] = _text(
                    _("Your reasons: %(label)s") % {"label": label}, rows=3
                )

    @staticmethod
    def initial_from(questions: list[Question], values: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for question in questions:
            value = values.get(question.key)
            if isinstance(value, dict):
                for part, text in value.items():
                    initial[f"{question.key}__{part}"] = text
            elif question.kind == "date" and isinstance(value, str) and value:
                with contextlib.suppress(ValueError):  # one never real is typed again
                    initial[question.key] = datetime.date.fromisoformat(value)
            elif value is not None:
                initial[question.key] = value
        return initial

    def values(self) -> dict[str, Any]:
        """The answers in the shapes ``assessments.answers`` reads."""
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for question in self.questions:
            key = question.key
            if f"{key}__en" in data:
                values[key] = {"en": data[f"{key}__en"], "cy": data[f"{key}__cy"]}
            elif f"{key}__answer" in data:
                values[key] = {
                    "answer": data[f"{key}__answer"],
                    "reasons": data[f"{key}__reasons"],
                }
            elif key in data:
                value = data[key]
                values[key] = value.isoformat() if isinstance(value, datetime.date) else value
        return values


class AssessmentChoiceField(forms.ModelChoiceField[Assessment]):
    def label_from_instance(self, obj: Assessment) -> str:
        return f"{obj.reference}: {obj.title}"


class DecisionForm(GovukForm):
    title = forms.CharField(
        label=_("Decision"),
        max_length=300,
        error_messages={"required": _("Enter the decision")},
    )
    decided_on = GovukDateField(
        label=_("Date of the decision"),
        name=_("The date of the decision"),
        required_message=_("Enter the date of the decision"),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Assessment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of decision")},
    )
    assessment = AssessmentChoiceField(
        label=_("Impact assessment (optional)"),
        queryset=Assessment.objects.none(),
        required=False,
        empty_label=_("No impact assessment"),
        help_text=_("The child rights impact assessment made for this decision, if there was one"),
    )

    def __init__(self, *args: Any, assessments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(AssessmentChoiceField, self.fields["assessment"]).queryset = assessments

    @staticmethod
    def initial_from(decision: DecisionRecord) -> dict[str, Any]:
        return {
            "title": decision.title,
            "decided_on": decision.decided_on,
            "kind": decision.kind,
            "assessment": decision.assessment_id,
        }


class OfficerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else str(obj.email)


class SubmitForm(GovukForm):
    """Sending for sign-off: the author names the accountable officer and confirms."""

    officer = OfficerChoiceField(
        label=_("Which accountable officer should sign it off?"),
        help_text=_(
            "They see it on their home page. Only they or another accountable officer "
            "of the council who did not write it can sign it off."
        ),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the accountable officer to sign it off"),
            "invalid_choice": _("Choose the accountable officer to sign it off"),
        },
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["officer"]).queryset = officers  # type: ignore[type-arg]

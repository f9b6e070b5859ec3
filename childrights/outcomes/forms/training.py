"""Forms for training records: courses, sessions, people, attendance and numbers in roles.

The forms check what a person typed; the services in ``training`` check the rest and refuse
with a message that the view puts back on the form."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm
from childrights.outcomes.models import Attendance, Trainee, TrainingRole
from childrights.outcomes.training.courses import MAX_VALID_MONTHS
from childrights.outcomes.training.refusals import TrainingRefused
from childrights.outcomes.training.role_counts import MAX_ROLE_COUNT


def _date(
    label: Any, *, name: Any, required_message: Any = None, help_text: Any = None
) -> GovukDateField:
    return GovukDateField(
        label=label,
        name=name,
        required=required_message is not None,
        required_message=required_message,
        help_text=help_text,
    )


def _role(label: Any, message: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=TrainingRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _status() -> forms.ChoiceField:
    message = _("Choose booked, attended, completed or did not attend")
    return forms.ChoiceField(
        label=_("Status"),
        choices=Attendance.Status.choices,
        initial=Attendance.Status.BOOKED,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _completed_on() -> GovukDateField:
    return _date(
        _("Date completed (if completed)"),
        name=_("The date completed"),
        help_text=_("Leave empty to use the date of the session."),
    )


class TrainingForm(GovukForm):
    def refuse(self, refused: TrainingRefused) -> None:
        """Show a service's refusal on the field it is about, or on the form."""
        self.add_error(refused.field if refused.field in self.fields else None, refused.message)


class CourseForm(TrainingForm):
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        error_messages={"required": _("Enter the course’s title in English")},
    )
    title_cy = forms.CharField(label=_("Title in Welsh"), max_length=200, required=False)
    description_en = forms.CharField(
        label=_("What it covers, in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    description_cy = forms.CharField(
        label=_("What it covers, in Welsh"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    counts_for = _role(
        _("Completing it counts as trained for"),
        _("Choose the role completing the course counts for"),
    )
    valid_for_months = forms.IntegerField(
        label=_("Valid for (months)"),
        required=False,
        min_value=1,
        max_value=MAX_VALID_MONTHS,
        help_text=_("For example, 24. Leave empty if it never needs refreshing."),
        error_messages={
            "invalid": _("Enter a whole number of months, like 24"),
            "min_value": _("Enter a number of months of at least 1"),
            "max_value": _("Enter a number of months of at most %(limit_value)s"),
        },
    )
    is_active = forms.BooleanField(
        label=_("The council still runs this course"), required=False, initial=True
    )


class SessionForm(TrainingForm):
    held_on = _date(
        _("Date of the session"),
        name=_("The date of the session"),
        required_message=_("Enter the date of the session"),
    )
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    trainer = forms.CharField(label=_("Trainer"), max_length=200, required=False)


class TraineeForm(TrainingForm):
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person’s name")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.org")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = _role(_("Role"), _("Choose the person’s role"))
    left_on = _date(
        _("Date they left the role (if they have)"),
        name=_("The date they left the role"),
        help_text=_("From this date they no longer count towards coverage."),
    )

    def __init__(self, *args: Any, with_left_on: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_left_on:
            del self.fields["left_on"]


class AttendanceForm(TrainingForm):
    status = _status()
    completed_on = _completed_on()


class NewPersonForm(TraineeForm):
    """Someone not yet in the council's training records, added to a session."""

    status = _status()
    completed_on = _completed_on()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, with_left_on=False, **kwargs)


class TraineeChoiceField(forms.ModelChoiceField[Trainee]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_role_display()})"


class ExistingPersonForm(TrainingForm):
    """Someone already in the council's training records, added to a session."""

    trainee = TraineeChoiceField(
        label=_("Person"),
        queryset=Trainee.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose the person to add"),
            "invalid_choice": _("Choose someone from the list"),
        },
    )
    status = _status()

    def __init__(self, *args: Any, people: QuerySet[Trainee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = people  # type: ignore[attr-defined]


class RoleCountForm(TrainingForm):
    role = _role(_("Role"), _("Choose the role"))
    count = forms.IntegerField(
        label=_("Number of people in the role"),
        min_value=1,
        max_value=MAX_ROLE_COUNT,
        error_messages={
            "required": _("Enter the number of people"),
            "invalid": _("Enter a whole number, like 48"),
            "min_value": _("Enter a number of at least 1"),
            "max_value": _("Enter a number of at most %(limit_value)s"),
        },
    )
    as_of = _date(
        _("From"),
        name=_("The date the number applies from"),
        required_message=_("Enter the date the number applies from"),
        help_text=_("The date the number applies from, such as the day after an election."),
    )

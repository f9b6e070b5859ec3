"""The forms of the staff pages: a child's record, workers, meetings, the answer to the child, a
decision on a safety alert, teams and the council's settings. Messages are for staff."""

import re
from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.accounts.models import Membership, User
from childrights.core.forms import GovukDateField, GovukForm, GovukFormMixin
from childrights.core.language import field_text
from childrights.councils.models import Council
from childrights.myviews.models import Alert, Child, Meeting, Settings, Team
from childrights.participation.models import AgeBand

LONGEST_REPLY = 5000
LONGEST_NOTE = 5000


class DateField(GovukDateField):
    """A GOV.UK date input whose errors name the field and say which part is missing."""

    def __init__(self, *, name: Any, required_message: Any, **kwargs: Any) -> None:
        super().__init__(name=name, required_message=required_message, **kwargs)


class ChildForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A child's record: only what their voice needs."""

    # The form's own id, so a second press of "Add" makes one child (``services.child_create``).
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    chosen_name = forms.CharField(
        label=_("The name the child chose"),
        help_text=_(
            "The name the child wants to be called here. It can be a first name or a nickname. "
            "Do not enter a full name."
        ),
        max_length=60,
        error_messages={"required": _("Enter the name the child chose")},
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the child's age")},
    )
    status = forms.ChoiceField(
        label=_("In care or leaving care"),
        choices=Child.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the child is in care or a care leaver")},
    )
    language = forms.ChoiceField(
        label=_("Language the child prefers"),
        help_text=_("The child's pages, card and emails are in this language."),
        choices=Child.Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language the child prefers")},
    )
    council_reference = forms.CharField(
        label=_("Council reference (optional)"),
        help_text=_("The child's number in the council's case system, to file their views."),
        max_length=40,
        required=False,
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the team"), "invalid_choice": _("Choose the team")},
    )
    simple_mode = forms.BooleanField(
        label=_("Simpler pages, used with a worker"),
        help_text=_(
            "For a younger child or one with additional needs: pictures and faces, large "
            "buttons and fewer words."
        ),
        required=False,
    )
    came_into_care_on = DateField(
        name=_("The date the child came into care"),
        required_message=_("Enter the date the child came into care"),
        label=_("Came into care on (optional)"),
        help_text=_("Used to work out the latest date of the first review."),
        required=False,
    )

    class Meta:
        model = Child
        fields = [
            "chosen_name",
            "age_band",
            "status",
            "language",
            "council_reference",
            "team",
            "simple_mode",
            "came_into_care_on",
        ]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Team]", self.fields["team"]).queryset = Team.objects.filter(
            council=council
        ).order_by("name", "pk")

    def clean_chosen_name(self) -> str:
        name = " ".join(str(self.cleaned_data["chosen_name"]).split())
        if not name:
            raise forms.ValidationError(_("Enter the name the child chose"))
        return name

    def clean_council_reference(self) -> str:
        return str(self.cleaned_data.get("council_reference") or "").strip()

    def clean_came_into_care_on(self) -> date | None:
        day: date | None = self.cleaned_data.get("came_into_care_on")
        if day is not None:
            if day > timezone.localdate():
                raise forms.ValidationError(
                    _("The date the child came into care must be today or in the past")
                )
            if day.year < 1990:
                raise forms.ValidationError(
                    _("The date the child came into care must be after 1990")
                )
        return day


class WorkerForm(GovukForm):
    """Allocate one of the council's workers to the child."""

    membership = forms.ChoiceField(
        label=_("Worker"),
        help_text=_("Only people whose role in the council works with children are listed."),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the worker to allocate"),
            "invalid_choice": _("Choose the worker to allocate"),
        },
    )

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.pk): m for m in memberships}
        cast(forms.ChoiceField, self.fields["membership"]).choices = [
            (key, f"{m.user.full_name or m.user.email}, {field_text(m.role, 'name')}")
            for key, m in self.memberships.items()
        ]

    def chosen(self) -> Membership:
        return self.memberships[self.cleaned_data["membership"]]


# A meeting more than this far ahead is most likely a mistyped year.
FURTHEST_AHEAD = timedelta(days=2 * 366)
# A meeting added afterwards, for the record, at most this long ago.
LONGEST_AGO = timedelta(days=366)


class MeetingForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("Meeting"),
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of meeting")},
    )
    on = DateField(
        name=_("The date of the meeting"),
        required_message=_("Enter the date of the meeting"),
        label=_("Date of the meeting"),
    )

    def clean_on(self) -> date:
        day: date = self.cleaned_data["on"]
        today = timezone.localdate()
        if day > today + FURTHEST_AHEAD:
            raise forms.ValidationError(
                _("The date of the meeting must be within the next 2 years")
            )
        if day < today - LONGEST_AGO:
            raise forms.ValidationError(_("The date of the meeting must be within the last year"))
        return day


class ReplyForm(GovukForm):
    text = forms.CharField(
        label=_("What was decided about what the child said"),
        help_text=_(
            "Write to the child, in words they understand: what was decided about each thing "
            "they said, and why. The child reads this in their own space."
        ),
        max_length=LONGEST_REPLY,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Enter what was decided about what the child said"),
            "max_length": _("The answer must be %(limit_value)s characters or fewer"),
        },
    )

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError(_("Enter what was decided about what the child said"))
        return text


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("What happened"),
        choices=Alert.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened")},
    )
    note = forms.CharField(
        label=_("What was done"),
        help_text=_(
            "Who you spoke to and what you did. Do not copy what the child wrote: it is "
            "already kept with the statement."
        ),
        max_length=LONGEST_NOTE,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what was done")},
    )

    def clean_note(self) -> str:
        note = str(self.cleaned_data["note"]).strip()
        if not note:
            raise forms.ValidationError(_("Enter what was done"))
        return note


def _person_name(user: User) -> str:
    return user.full_name or user.email


class TeamForm(GovukForm):
    name = forms.CharField(
        label=_("Team name"),
        help_text=_("For example, Children in care team or Leaving care team."),
        max_length=120,
        error_messages={"required": _("Enter the team's name")},
    )
    managers = forms.ModelMultipleChoiceField(
        label=_("Team managers"),
        help_text=_(
            "Team managers reach every child of the team. Only members whose role in the "
            "council is team manager are listed."
        ),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose team managers from the list")},
    )

    def __init__(
        self, *args: Any, council: Council, team: Team | None, managers: Any, **kwargs: Any
    ) -> None:
        if team is not None:
            kwargs.setdefault("initial", {"name": team.name, "managers": list(team.managers.all())})
        super().__init__(*args, **kwargs)
        self.council, self.team = council, team
        field = cast("forms.ModelMultipleChoiceField[User]", self.fields["managers"])
        field.queryset = managers
        field.label_from_instance = _person_name  # type: ignore[method-assign,assignment]

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Enter the team's name"))
        taken = Team.objects.filter(council=self.council, name__iexact=name)
        if self.team is not None:
            taken = taken.exclude(pk=self.team.pk)
        if taken.exists():
            raise forms.ValidationError(_("The council already has a team with this name"))
        return name


PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,30}$")


class SettingsForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    retention_months = forms.IntegerField(
        label=_("Keep statements for (months after the meeting)"),
        help_text=_("Between 1 and 84. Statements are then deleted, leaving only counts."),
        min_value=1,
        max_value=84,
        error_messages={
            "required": _("Enter how many months to keep statements"),
            "invalid": _("Enter the months as a whole number, like 12"),
            "min_value": _("Keep statements for at least 1 month"),
            "max_value": _("Keep statements for at most 84 months"),
        },
    )
    answer_due_working_days = forms.IntegerField(
        label=_("Answer the child within (working days after the meeting)"),
        help_text=_("Between 1 and 60. Later answers are shown to the team manager."),
        min_value=1,
        max_value=60,
        error_messages={
            "required": _("Enter the working days to answer the child within"),
            "invalid": _("Enter the working days as a whole number, like 10"),
            "min_value": _("The answer is due at least 1 working day after the meeting"),
            "max_value": _("The answer is due at most 60 working days after the meeting"),
        },
    )
    invite_days_before = forms.IntegerField(
        label=_("Remind workers to ask for the child's views (days before the meeting)"),
        help_text=_("Between 1 and 60."),
        min_value=1,
        max_value=60,
        error_messages={
            "required": _("Enter how many days before the meeting to remind workers"),
            "invalid": _("Enter the days as a whole number, like 14"),
            "min_value": _("Remind workers at least 1 day before the meeting"),
            "max_value": _("Remind workers at most 60 days before the meeting"),
        },
    )
    emergency_duty_phone = forms.CharField(
        label=_("Emergency duty team phone number (optional)"),
        help_text=_(
            "Shown to a child who presses “I don't feel safe”, for out of hours. "
            "For example, 01632 960 001."
        ),
        max_length=40,
        required=False,
    )

    class Meta:
        model = Settings
        fields = [
            "retention_months",
            "answer_due_working_days",
            "invite_days_before",
            "emergency_duty_phone",
        ]

    def clean_emergency_duty_phone(self) -> str:
        phone = " ".join(str(self.cleaned_data.get("emergency_duty_phone") or "").split())
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number, like 01632 960 001 or +44 1632 960 001")
            )
        return phone

"""The forms of the child's own space. Messages are short and plain: a child of eight reads
them."""

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.myviews import services
from childrights.myviews.child_words import your_role
from childrights.myviews.models import Allocation, Child, Reply
from childrights.participation.faces import face_svg

# What each face means, said beside it.
FACE_WORDS = {
    "😞": _("Very unhappy"),
    "🙁": _("Unhappy"),
    "😐": _("OK"),
    "🙂": _("Happy"),
    "😀": _("Very happy"),
}


def face_label(face: str) -> str:
    return format_html(
        '{} <span class="app-face-label">{}</span>', face_svg(face), FACE_WORDS[face]
    )


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("It is on the card your worker gave you, like blue-otter-42."),
        max_length=services.LONGEST_CHOSEN_CODE,
        error_messages={
            "required": _("Type your code"),
            "max_length": _("That code is too long. Check the card and try again."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "govuk-input--width-20",
            }
        ),
    )


class TopicForm(GovukForm):
    face = forms.ChoiceField(
        label=_("Choose a face"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the faces")},
    )
    text = forms.CharField(
        label=_("Write or say it in your own words"),
        required=False,
        max_length=services.LONGEST_ANSWER,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _("Write %(limit_value)s letters or fewer. You wrote %(show_value)s.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["face"]
        field.choices = [(face, face_label(face)) for face in services.FACES]


def worker_label(allocation: Allocation) -> str:
    """ "Jo Smith, your social worker": the name and what they do for the child."""
    name = allocation.user.full_name or allocation.user.email
    return f"{name}, {your_role(allocation.role)}"


class SendForm(GovukForm):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    recipients = forms.MultipleChoiceField(
        label=_("Who do you want to see it?"),
        help_text=_("Choose one or more."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose who you want to see it"),
            "invalid_choice": _("Choose people from the list"),
        },
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["recipients"]
        field.choices = [
            (str(allocation.user_id), worker_label(allocation))
            for allocation in services.recipients_possible(child)
        ]


class AddForm(GovukForm):
    text = forms.CharField(
        label=_("Add something"),
        help_text=_("The people you sent it to will see what you add."),
        max_length=services.LONGEST_ANSWER,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write what you want to add"),
            "max_length": _("Write %(limit_value)s letters or fewer. You wrote %(show_value)s."),
        },
    )


class ListenedForm(GovukForm):
    listened = forms.ChoiceField(
        label=_("Did you feel listened to?"),
        choices=Reply.Listened.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose Yes, A bit or No"),
            "invalid_choice": _("Choose Yes, A bit or No"),
        },
    )


class ChangeCodeForm(GovukForm):
    code = forms.CharField(
        label=_("Your new code"),
        help_text=_(
            "Pick something you will remember but other people will not guess. "
            "Use at least 6 letters or numbers."
        ),
        max_length=services.LONGEST_CHOSEN_CODE,
        error_messages={
            "required": _("Type your new code"),
            "max_length": _("Your code can be up to %(limit_value)s letters or numbers long."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    again = forms.CharField(
        label=_("Type your new code again"),
        max_length=services.LONGEST_CHOSEN_CODE,
        error_messages={
            "required": _("Type your new code again"),
            "max_length": _("Your code can be up to %(limit_value)s letters or numbers long."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        problem = services.chosen_code_problem(code, child=self.child)
        if problem is not None:
            raise forms.ValidationError(problem)
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code, again = cleaned.get("code"), cleaned.get("again")
        if code and again and services.normalise_code(code) != services.normalise_code(again):
            self.add_error("again", _("The two codes are not the same. Type them again."))
        return cleaned

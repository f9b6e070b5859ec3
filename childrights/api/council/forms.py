"""The form a council lead fills in to make a token."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.api import tokens
from childrights.api.models import CouncilToken
from childrights.core.forms import GovukDateField, GovukForm
from childrights.councils.models import Council


class TokenForm(GovukForm):
    NAME_TAKEN = _("The council already has a token called that: choose another name")

    name = forms.CharField(
        label=_("Name"),
        help_text=_(
            "Say what will use it, so that you know which token to revoke, like "
            "“Performance system – measurements”."
        ),
        max_length=100,
        error_messages={
            "required": _("Enter a name for the token"),
            "max_length": _("The name must be 100 characters or fewer"),
        },
    )
    actions = forms.MultipleChoiceField(
        label=_("What the token may do"),
        help_text=_("Select all that apply. Choose only what the software needs."),
        choices=CouncilToken.Action.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one thing the token may do"),
            "invalid_choice": _("Select at least one thing the token may do"),
        },
    )
    expires_on = GovukDateField(
        label=_("Expiry date"),
        name=_("The expiry date"),
        required_message=_("Enter the expiry date"),
        help_text=_(
            "The token stops working at the end of this day. It can be at most a year from today."
        ),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        self.council = council
        self.today = timezone.localdate()
        kwargs.setdefault("initial", {"expires_on": tokens.default_expiry(self.today)})
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Enter a name for the token"))
        if tokens.name_taken(council=self.council, name=name):
            raise forms.ValidationError(self.NAME_TAKEN)
        return name

    def clean_expires_on(self) -> date:
        expires_on: date = self.cleaned_data["expires_on"]
        problem = tokens.expiry_problem(expires_on, self.today)
        if problem:
            raise forms.ValidationError(problem)
        return expires_on

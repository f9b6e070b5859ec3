"""Forms for the safeguarding queue, the council's own phrases, and moderation of written answers.

The rules live in ``participation.safeguarding`` and ``participation.moderation`` (the services
refuse to break them); these forms show them as field errors first.
"""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukDateTimeField, GovukForm
from childrights.participation import moderation, safeguarding
from childrights.participation.models import Concern, Decision, Phrase, Quote
from childrights.participation.screening import normalise


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Why you decided this, and who you spoke to. Do not copy what the child wrote: "
            "it is already kept with the concern."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the reason for the decision")},
    )
    decided_at = GovukDateTimeField(
        label=_("When it was decided"),
        name=_("The date of the decision"),
        help_text=_("Leave as it is if you decided just now."),
        required_message=_("Enter when the decision was made"),
    )

    def __init__(self, *args: Any, concern: Concern, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decided_at": timezone.localtime().replace(second=0)})
        super().__init__(*args, **kwargs)
        self.concern = concern

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Enter the reason for the decision"))
        return reason

    def clean_decided_at(self) -> datetime:
        decided_at: datetime = self.cleaned_data["decided_at"]
        if decided_at > timezone.now():
            raise forms.ValidationError(_("The time of the decision cannot be in the future"))
        arrived = self.concern.created_at.replace(second=0, microsecond=0)
        if decided_at < arrived:
            raise forms.ValidationError(
                _("The time of the decision cannot be before the concern arrived (%(when)s)")
                % {"when": timezone.localtime(self.concern.created_at).strftime("%Y-%m-%d %H:%M")}
            )
        return decided_at


LANGUAGE_CHOICES = [("en", _("English")), ("cy", _("Welsh"))]


class PhraseForm(GovukForm):
    phrase = forms.CharField(
        label=_("Phrase"),
        max_length=200,
        help_text=_(
            "Words that may mean a child is at risk, for example a local name for a drug. A "
            "response matches when it has these words together, as whole words, in any case. "
            "Make it specific enough that ordinary answers do not match."
        ),
        error_messages={"required": _("Enter the phrase")},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("Responses are screened for phrases in both languages whatever this says."),
        error_messages={"required": _("Choose the language of the phrase")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=Phrase.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a category")},
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=Phrase.Priority.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a priority")},
    )

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council

    def clean_phrase(self) -> str:
        phrase = " ".join(self.cleaned_data["phrase"].split())
        if not normalise(phrase).strip():
            raise forms.ValidationError(_("Enter a phrase with at least one letter or number"))
        existing = safeguarding.phrase_already(council=self.council, phrase=phrase)
        if existing is not None and existing.council_id is None:
            raise forms.ValidationError(
                _("“%(phrase)s” is already in the shipped list (%(category)s)")
                % {"phrase": existing.phrase, "category": existing.get_category_display()}
            )
        if existing is not None:
            raise forms.ValidationError(
                _("Your council has already added “%(phrase)s”") % {"phrase": existing.phrase}
            )
        return phrase


class QuoteForm(GovukForm):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Quote.Status.APPROVED, _("Approve the text below for publishing")),
            (Quote.Status.REJECTED, _("Do not publish this answer")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to publish this answer")},
    )
    redacted = forms.CharField(
        label=_("Text to publish"),
        help_text=_(
            "Only this text is ever published, never the child's own. Replace anything that "
            "could identify someone with [removed]."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == Quote.Status.APPROVED and "redacted" not in self.errors:
            for problem in moderation.publication_problems(cleaned.get("redacted", "")):
                self.add_error("redacted", problem)
        return cleaned


class AssignForm(GovukForm):
    def __init__(self, *args: Any, concern: Concern, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leads = {
            str(user.pk): user
            for user in safeguarding.council_safeguarding_leads(council_id=concern.council_id)
        }
        choices = [("", _("Nobody yet"))] + [(pk, str(user)) for pk, user in self.leads.items()]
        self.fields["lead"] = forms.ChoiceField(
            label=_("Lead looking after it"), required=False, choices=choices
        )
        self.fields["lead"].initial = str(concern.assigned_to_id or "")

    def chosen(self) -> Any:
        return self.leads.get(self.cleaned_data["lead"])


class FollowUpForm(GovukForm):
    what = forms.CharField(
        label=_("What needs doing"),
        max_length=500,
        error_messages={"required": _("Enter what needs doing")},
    )
    due_on = GovukDateField(
        label=_("By when"),
        name=_("The date it is due"),
        required_message=_("Enter the date it is due"),
    )

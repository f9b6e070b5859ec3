"""Forms for the SEND local offer: the public's comment, and the team's answer to it.

The writes in ``directory.send_comments`` check everything again, so a crafted post is refused
there too; these forms show the same rules as field errors first.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.directory import send_comments
from childrights.directory.models import SendComment
from childrights.participation.models import Commitment

WHOLE_OFFER = ""


class SendCommentForm(GovukForm):
    # The form's own id, so a second press or a resend keeps one comment.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    commenter = forms.ChoiceField(
        label=_("Who are you?"),
        choices=SendComment.Commenter.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you are")},
    )
    service = forms.ChoiceField(
        label=_("What is your comment about?"),
        required=False,
        error_messages={"invalid_choice": _("Choose a service from the list")},
    )
    text = forms.CharField(
        label=_("Your comment"),
        help_text=_(
            "Tell us what is good, what is missing or what could be better. Do not write your "
            "name, or anything that could tell people who you are."
        ),
        max_length=send_comments.LONGEST,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your comment."),
            "max_length": _("Write %(limit_value)s characters or fewer."),
        },
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services = {
            str(service.pk): service for service in send_comments.send_services(council=council)
        }
        field: Any = self.fields["service"]
        field.choices = [(WHOLE_OFFER, _("The local offer as a whole"))] + [
            (key, localised(service, "name")) for key, service in self.services.items()
        ]


STATUS_CHOICES = [(value, label) for value, label in Commitment.Status.choices]


class SendAnswerForm(GovukForm):
    """Publish the comment with the council's answer, or decide not to publish it."""

    decision = forms.ChoiceField(
        label=_("What do you want to do with this comment?"),
        choices=[
            ("publish", _("Publish it with our answer")),
            ("not_publish", _("Do not publish it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to publish the comment")},
    )
    shown_text = forms.CharField(
        label=_("The comment as it will be published"),
        help_text=_(
            "Take out names, places, schools and anything else that could tell people who "
            "wrote it. Keep their meaning."
        ),
        required=False,
        max_length=send_comments.LONGEST,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    response_en = forms.CharField(
        label=_("Our answer (English)"),
        help_text=_("Short sentences a 12-year-old can read."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    response_cy = forms.CharField(
        label=_("Our answer (Welsh)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    action_status = forms.ChoiceField(
        label=_("What we will do: how far has it got?"),
        choices=STATUS_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    action_en = forms.CharField(
        label=_("What we will do (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action_cy = forms.CharField(
        label=_("What we will do (Welsh)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason_en = forms.CharField(
        label=_("Why the council is not doing this (English)"),
        help_text=_("Only when the status is “Not doing”. Children will read this."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason_cy = forms.CharField(
        label=_("Why the council is not doing this (Welsh)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council
        if not send_comments.offers_welsh(council):
            for name in ("response_cy", "action_cy", "reason_cy"):
                field = self.fields[name]
                field.label = _("%(label)s (optional)") % {"label": field.label}

    @property
    def publish(self) -> bool:
        return self.cleaned_data.get("decision") == "publish"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "decision" in cleaned:
            errors = send_comments.answer_errors(
                council=self.council,
                publish=self.publish,
                values={name: cleaned.get(name, "") or "" for name in send_comments.ANSWER_FIELDS},
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class CommentThemeNameForm(GovukForm):
    """A new name for a theme found in the comments (the service refuses a blank one too)."""

    name = forms.CharField(
        label=_("Name of the theme"),
        help_text=_("A few words that say what these comments are about, for example “Transport”"),
        max_length=200,
        error_messages={
            "required": _("Enter a name for the theme"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )

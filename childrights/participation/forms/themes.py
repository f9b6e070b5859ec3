"""Forms for the themes in children's written answers: how many themes to look for, a theme's
name, the themes to merge, where to move an answer, and the "you said" theme it goes under.

The rules live in ``participation.themes.edits`` (the services refuse to break them); these
forms show them as field errors first.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.participation.models import FeedbackTheme, Theme

FEWEST_THEMES = 2
MOST_THEMES = 12


class FindThemesForm(GovukForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        span = {"fewest": FEWEST_THEMES, "most": MOST_THEMES}
        out_of_range = gettext("Enter a number of themes from %(fewest)s to %(most)s") % span
        self.fields["themes"] = forms.IntegerField(
            label=_("Number of themes (optional)"),
            help_text=gettext(
                "From %(fewest)s to %(most)s. Leave it empty and a number is chosen for you from "
                "how many answers there are. You can merge and split themes afterwards."
            )
            % span,
            required=False,
            min_value=FEWEST_THEMES,
            max_value=MOST_THEMES,
            widget=forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input--width-2",
                    "autocomplete": "off",
                }
            ),
            error_messages={
                "invalid": _("Enter the number of themes as a number, like 6"),
                "min_value": out_of_range,
                "max_value": out_of_range,
            },
        )

    def chosen(self) -> int:
        """How many themes to look for: 0 for the model to choose."""
        return int(self.cleaned_data.get("themes") or 0)


class RenameForm(GovukForm):
    name = forms.CharField(
        label=_("Name of the theme"),
        help_text=_("A few words that say what these answers are about, for example “Safer parks”"),
        max_length=200,
        error_messages={
            "required": _("Enter a name for the theme"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Enter a name for the theme"))
        return name


class MergeForm(GovukForm):
    """Which of the run's other themes to merge into this one."""

    def __init__(self, *args: Any, theme: Theme, others: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.others = {str(other.pk): other for other in others}
        self.fields["others"] = forms.MultipleChoiceField(
            label=_("Themes to merge into “%(name)s”") % {"name": theme.name},
            help_text=_("Select all that apply. Their answers move into this theme."),
            choices=[(pk, other.name) for pk, other in self.others.items()],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Select at least one theme to merge into this one"),
                "invalid_choice": _("Select themes from the list"),
            },
        )

    def chosen(self) -> list[Theme]:
        return [self.others[pk] for pk in self.cleaned_data["others"]]


class MoveForm(GovukForm):
    """The theme of the same run an answer moves to."""

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["to"] = forms.ChoiceField(
            label=_("Move to"),
            choices=[("", _("Choose a theme"))] + [(pk, t.name) for pk, t in self.themes.items()],
            error_messages={
                "required": _("Choose the theme to move the answer to"),
                "invalid_choice": _("Choose a theme from the list"),
            },
        )

    def chosen(self) -> Theme:
        return self.themes[self.cleaned_data["to"]]


class YouSaidForm(GovukForm):
    """The "you said" theme of the consultation a theme's quotes are published under."""

    def __init__(self, *args: Any, choices: list[FeedbackTheme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.you_said = {str(found.pk): found for found in choices}
        self.fields["you_said"] = forms.ChoiceField(
            label=_("“You said” theme"),
            help_text=_(
                "Approved quotes from this theme's answers are shown under it on the “you said, "
                "we did” page once the theme is marked as reviewed."
            ),
            required=False,
            choices=[("", _("None"))]
            + [(pk, localised(found, "title")) for pk, found in self.you_said.items()],
            error_messages={"invalid_choice": _("Choose a “you said” theme from the list")},
        )

    def chosen(self) -> FeedbackTheme | None:
        return self.you_said.get(self.cleaned_data["you_said"])

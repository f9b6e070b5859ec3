"""The finder's search form: what a young person needs, how old they are and where they are.

Every field may be left empty; the form reads a GET request, so a search is a link that can be
shared or bookmarked, and works with no JavaScript.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.directory import selectors
from childrights.framework import selectors as framework_selectors
from childrights.framework.models import Article

OLDEST_AGE = 25  # the directory is for children and young people up to 25 (care leavers)


class FinderForm(GovukForm):
    need = forms.ChoiceField(
        label=_("Choose from the list"),
        required=False,
        error_messages={"invalid_choice": _("Choose what you need help with from the list")},
    )
    q = forms.CharField(
        label=_("Or type some words"),
        help_text=_("For example, somewhere to live, money or feeling low"),
        required=False,
        max_length=100,
    )
    age = forms.IntegerField(
        label=_("How old are you?"),
        help_text=_("We only show services for your age. You can leave this empty."),
        required=False,
        min_value=0,
        max_value=OLDEST_AGE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter your age as a number, like 15"),
            "min_value": _("Enter your age as a number, like 15"),
            "max_value": _(
                "These services are for people aged 25 or under. Enter an age of 25 or under, "
                "or leave it empty"
            ),
        },
    )
    council = forms.ChoiceField(
        label=_("Council area"),
        required=False,
        error_messages={"invalid_choice": _("Choose a council area from the list")},
    )
    town = forms.CharField(
        label=_("Or type a town or area"),
        required=False,
        max_length=120,
    )
    free = forms.BooleanField(label=_("Free"), required=False)
    no_referral = forms.BooleanField(
        label=_("No need to be referred"),
        help_text=_("You can go yourself, without someone like a social worker sending you."),
        required=False,
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    welsh = forms.BooleanField(label=_("Welsh spoken"), required=False)
    article = forms.CharField(required=False, max_length=4, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The UNCRC article a rights page asked for services for, once the form is valid.
        self.article_asked: Article | None = None
        need_field: Any = self.fields["need"]
        need_field.choices = [("", _("Any need"))] + [
            (str(need.pk), localised(need, "name")) for need in selectors.needs_offered()
        ]
        council_field: Any = self.fields["council"]
        council_field.choices = [("", _("Anywhere"))] + [
            (str(council.pk), council.short_name) for council in selectors.councils_with_services()
        ]

    def clean_article(self) -> str:
        # A link from a rights page; anything that is not an article's number narrows nothing.
        asked = self.cleaned_data.get("article") or ""
        if asked.isdigit():
            self.article_asked = framework_selectors.article(number=int(asked))
        return str(self.article_asked.number) if self.article_asked else ""

    def search(self) -> dict[str, Any]:
        """The keyword arguments of ``selectors.services_found`` for a valid form."""
        data = self.cleaned_data
        council = (
            selectors.councils_with_services().filter(pk=data["council"]).first()
            if data.get("council")
            else None
        )
        return {
            "council": council,
            "text": data.get("q") or "",
            "age": data.get("age"),
            "need": selectors.need_offered(need_id=data["need"]) if data.get("need") else None,
            "town": data.get("town") or "",
            "free": bool(data.get("free")),
            "no_referral": bool(data.get("no_referral")),
            "welsh": bool(data.get("welsh")),
            "open_now": bool(data.get("open_now")),
            "article": self.article_asked.number if self.article_asked else None,
        }

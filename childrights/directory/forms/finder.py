"""The finder's search form: what a young person needs, how old they are and where they are.

Every field may be left empty; the form reads a GET request, so a search is a link that can be
shared or bookmarked, and works with no JavaScript.
"""

from html import escape
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.councils.models import Council
from childrights.councils.names import council_short_name
from childrights.directory import selectors
from childrights.directory.models import OLDEST_AGE
from childrights.directory.postcodes import normalised, postcode_point
from childrights.framework import selectors as framework_selectors
from childrights.framework.models import Article

# How far from a postcode a search may reach, in miles, and how far when none is chosen.
DISTANCES = [(1, _("1 mile")), (3, _("3 miles")), (5, _("5 miles")), (10, _("10 miles"))]
DEFAULT_DISTANCE = 3
POSTCODE_FORMAT_MESSAGE = _("Enter a postcode in the right format, like CF10 1AA")


class SelectWidget(forms.Select):
    """A select of plain options (no groups) that writes them in one pass: the finder's list of
    council areas holds one for every council with a service (400 at the scale the directory is
    built for), and Django's select builds a dictionary of attributes for each option and writes
    each through its template, a large part of a search's time and memory. Named so that its
    widget type is still "select" (``core.forms`` gives it the GOV.UK classes)."""

    template_name = "directory/finder/select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # The widget's own context (name, value as strings, attributes), not ChoiceWidget's.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = set(context["widget"]["value"])
        context["widget"]["options"] = mark_safe(  # noqa: S308 - each value and label escaped
            "".join(
                f'<option value="{escape(str(option))}"'
                f"{' selected' if str(option) in chosen else ''}>{escape(str(label))}</option>"
                for option, label in self.choices
            )
        )
        return context


class FinderForm(GovukForm):
    need = forms.ChoiceField(
        label=_("Choose from the list"),
        required=False,
        widget=SelectWidget,
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
        widget=SelectWidget,
        error_messages={"invalid_choice": _("Choose a council area from the list")},
    )
    town = forms.CharField(
        label=_("Or type a town or area"),
        required=False,
        max_length=120,
    )
    postcode = forms.CharField(
        label=_("Or near a postcode"),
        help_text=_("For example, CF10 1AA"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
        error_messages={"max_length": POSTCODE_FORMAT_MESSAGE},
    )
    distance = forms.TypedChoiceField(
        label=_("How far from the postcode?"),
        choices=DISTANCES,
        coerce=int,
        required=False,
        empty_value=None,
        initial=DEFAULT_DISTANCE,
        widget=SelectWidget,
        error_messages={"invalid_choice": _("Choose how far from the postcode from the list")},
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
        if isinstance(self.data, QueryDict) and not self.data.get("distance"):
            # A link without a distance (from a rights page, or typed) shows the one it uses.
            data = self.data.copy()
            data["distance"] = str(DEFAULT_DISTANCE)
            self.data = data
        # The UNCRC article a rights page asked for services for, once the form is valid.
        self.article_asked: Article | None = None
        # Where the postcode asked for is, once the form is valid (None: no postcode).
        self.near: selectors.Near | None = None
        need_field: Any = self.fields["need"]
        need_field.choices = [("", _("Any need"))] + [
            (str(need.pk), localised(need, "name")) for need in selectors.needs_offered()
        ]
        council_field: Any = self.fields["council"]
        # Each place by its name in the page's language (Welsh councils' Welsh names in Welsh).
        places = sorted(
            (council_short_name(council), str(council.pk))
            for council in selectors.councils_with_services().only(
                "pk", "short_name", "short_name_cy"
            )
        )
        council_field.choices = [("", _("Anywhere"))] + [(pk, name) for name, pk in places]

    def clean_article(self) -> str:
        # A link from a rights page; anything that is not an article's number narrows nothing.
        asked = self.cleaned_data.get("article") or ""
        if asked.isdigit():
            self.article_asked = framework_selectors.article(number=int(asked))
        return str(self.article_asked.number) if self.article_asked else ""

    def clean_postcode(self) -> str:
        text = (self.cleaned_data.get("postcode") or "").strip()
        if not text:
            return ""
        postcode = normalised(text)
        if postcode is None:
            raise forms.ValidationError(POSTCODE_FORMAT_MESSAGE)
        return postcode

    def _council(self) -> Council | None:
        chosen = self.cleaned_data.get("council")
        return selectors.councils_with_services().filter(pk=chosen).first() if chosen else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        postcode = data.get("postcode")
        if postcode and "council" not in self.errors:
            # Only the tables councils loaded are asked, the chosen council's when there is one:
            # never another site.
            council = self._council()
            point = postcode_point(postcode=postcode, council=council)
            if point is None:
                self.add_error(
                    "postcode",
                    _(
                        "We do not know where %(postcode)s is in the council area you chose. "
                        "Check the postcode, or choose “Anywhere”"
                    )
                    % {"postcode": postcode}
                    if council
                    else _(
                        "We do not know where %(postcode)s is. Check the postcode, or choose a "
                        "council area or type a town instead"
                    )
                    % {"postcode": postcode},
                )
            else:
                self.near = selectors.Near(
                    point=point,
                    miles=data.get("distance") or DEFAULT_DISTANCE,
                    postcode=postcode,
                )
        return data

    def distance_text(self) -> str:
        """How far the search reaches, in words ("3 miles")."""
        miles = self.near.miles if self.near else DEFAULT_DISTANCE
        return str(dict(DISTANCES).get(miles, ""))

    def search(self) -> dict[str, Any]:
        """The keyword arguments of ``selectors.services_found`` for a valid form."""
        data = self.cleaned_data
        return {
            "council": self._council(),
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

"""Our select template writes the same options Django's does, in one loop instead of two more
templates per option (a list of 400 councils was most of the finder page's time)."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates

from childrights.core.forms import GovukFormRenderer


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Any"), ("1", "Adur & Worthing"), ("2", "<Arun>")])
    grouped = forms.ChoiceField(
        choices=[("Wales", [("w1", "Cardiff"), ("w2", "Powys")]), ("e1", "Leeds")]
    )
    number = forms.TypedChoiceField(choices=[(3, "3 miles"), (5, "5 miles")], coerce=int)


def _options(html: str) -> list[str]:
    return re.findall(r"<(?:option|optgroup)[^>]*>[^<]*", html)


def test_the_options_are_django_s_own_with_the_selected_one_marked():
    for data in ({"plain": "1", "grouped": "w2", "number": "5"}, {}):
        ours = str(_Form(data or None, renderer=GovukFormRenderer())["plain"])
        theirs = str(_Form(data or None, renderer=DjangoTemplates())["plain"])
        assert _options(ours) == _options(theirs)
        for name in ("grouped", "number"):
            ours = str(_Form(data or None, renderer=GovukFormRenderer())[name])
            theirs = str(_Form(data or None, renderer=DjangoTemplates())[name])
            assert _options(ours) == _options(theirs)
    chosen = str(_Form({"plain": "1"}, renderer=GovukFormRenderer())["plain"])
    assert '<option value="1" selected>Adur &amp; Worthing</option>' in chosen
    assert "&lt;Arun&gt;" in chosen


def test_a_select_is_rendered_from_our_template():
    renderer = GovukFormRenderer()
    assert renderer.get_template("django/forms/widgets/select.html").origin.name.endswith(
        "core/templates/core/forms/select.html"
    )

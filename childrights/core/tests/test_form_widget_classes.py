from django import forms

from childrights.core.forms import GovukForm


class WidthForm(GovukForm):
    code = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}))
    name = forms.CharField()


def test_a_widgets_own_width_class_is_kept_beside_the_govuk_class() -> None:
    html = str(WidthForm()["code"])

    assert 'class="govuk-input govuk-input--width-5"' in html


def test_the_width_class_is_kept_when_the_field_has_an_error() -> None:
    html = str(WidthForm({"code": "", "name": "x"})["code"])

    assert 'class="govuk-input govuk-input--error govuk-input--width-5"' in html


def test_a_field_without_its_own_class_gets_only_the_govuk_class() -> None:
    assert 'class="govuk-input"' in str(WidthForm()["name"])

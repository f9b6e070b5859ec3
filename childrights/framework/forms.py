from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.core.presenters import localised
from childrights.framework import selectors


class ArticleFilterForm(GovukForm):
    cluster = forms.ChoiceField(label=_("Group of rights"), required=False)
    principle = forms.ChoiceField(label=_("Principle"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cluster_field: Any = self.fields["cluster"]
        cluster_field.choices = [("", _("All groups"))] + [
            (cluster.slug, localised(cluster, "name")) for cluster in selectors.clusters()
        ]
        principle_field: Any = self.fields["principle"]
        principle_field.choices = [("", _("All principles"))] + [
            (principle.slug, localised(principle, "name")) for principle in selectors.principles()
        ]


class IndicatorForm(GovukForm):
    text_en = forms.CharField(
        label=_("What it looks like in practice (English)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the indicator in English")},
    )
    text_cy = forms.CharField(
        label=_("What it looks like in practice (Welsh)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        error_messages={"required": _("Enter the indicator in Welsh")},
    )
    is_active = forms.BooleanField(
        label=_("In use"),
        required=False,
        initial=True,
        help_text=_("Untick to retire the indicator. It stays on record."),
    )

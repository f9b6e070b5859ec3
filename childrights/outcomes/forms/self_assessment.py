from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm
from childrights.councils.models import Council
from childrights.framework.models import Indicator
from childrights.outcomes.evidence import evidence_link
from childrights.outcomes.models import Level, Round


class RoundForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, Baseline 2026 or Year 1 review"),
        error_messages={"required": _("Enter a name for the round")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of round"),
        choices=Round.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of round")},
    )
    held_on = GovukDateField(
        label=_("Date"),
        name=_("The date of the round"),
        required_message=_("Enter the date of the round"),
    )

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if Round.objects.filter(council=self.council, name__iexact=name).exists():
            raise forms.ValidationError(_("There is already a round with this name"))
        return name


class PrincipleRatingsForm(GovukForm):
    """A level, evidence and links for each indicator of one principle."""

    loaded_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, indicators: list[Indicator], council: Council, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.council = council
        for indicator in indicators:
            self.fields[f"level_{indicator.pk}"] = forms.TypedChoiceField(
                label=_("How far is this in practice?"),
                choices=Level.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence_{indicator.pk}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What shows this is happening"),
            )
            self.fields[f"links_{indicator.pk}"] = forms.CharField(
                label=_("Links to records (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "One web address per line: copy it from the record on this platform (an "
                    "impact assessment, a consultation, a training course, an indicator) or "
                    "from your council’s own site"
                ),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check = URLValidator(schemes=["http", "https"])
        for number, indicator in enumerate(self.indicators, start=1):
            links = cleaned.get(f"links_{indicator.pk}", "")
            for line in (part.strip() for part in links.splitlines()):
                if not line:
                    continue
                try:
                    if not line.startswith("/"):
                        check(line)
                except ValidationError:
                    self.add_error(
                        f"links_{indicator.pk}",
                        _("Indicator %(number)s: “%(link)s” is not a web address")
                        % {"number": number, "link": line},
                    )
                    break
                if evidence_link(link=line, council=self.council) is None:
                    self.add_error(
                        f"links_{indicator.pk}",
                        _(
                            "Indicator %(number)s: “%(link)s” is not one of this council’s "
                            "records on the platform"
                        )
                        % {"number": number, "link": line},
                    )
                    break
            evidence = cleaned.get(f"evidence_{indicator.pk}")
            if cleaned.get(f"level_{indicator.pk}") in (None, "") and (evidence or links):
                self.add_error(
                    f"level_{indicator.pk}",
                    _("Indicator %(number)s: choose a level for the evidence you have given")
                    % {"number": number},
                )
        return cleaned

    def rows(self) -> list[dict[str, Any]]:
        """Each indicator with its three bound fields, for laying out the page."""
        return [
            {
                "indicator": indicator,
                "level": self[f"level_{indicator.pk}"],
                "evidence": self[f"evidence_{indicator.pk}"],
                "links": self[f"links_{indicator.pk}"],
            }
            for indicator in self.indicators
        ]

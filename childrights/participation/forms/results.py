"""Forms for results: the group filter, the export and the council's child population."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.disclosure import stated_lazy
from childrights.core.forms import GovukForm
from childrights.participation import results
from childrights.participation.models import AgeBand, ChildPopulation, Consultation

MOST_CHILDREN = 10_000_000


class ResultsFilterForm(GovukForm):
    """ "Show answers from": everyone, one age band, or one answer to an "about you" question.
    Sent by GET, so a filtered page has its own address."""

    group = forms.ChoiceField(
        label=_("Show answers from"),
        required=False,
        error_messages={"invalid_choice": _("Choose a group of children from the list")},
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        cast(forms.ChoiceField, self.fields["group"]).choices = results.group_choices(consultation)

    def selected(self) -> tuple[str, str]:
        """The dimension and value to count by; everyone unless a valid group was chosen."""
        if not self.is_bound or not self.is_valid():
            return results.parse_group("")
        return results.parse_group(self.cleaned_data["group"])


class CheckboxInput(forms.CheckboxInput):
    """A checkbox that also reads "0" as unticked, as download addresses write it (Django reads
    any text but "false" as ticked). The name keeps the GOV.UK checkbox template."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool:
        if data.get(name) == "0":
            return False
        return bool(super().value_from_datadict(data, files, name))


class ExportForm(GovukForm):
    """How to download the responses. Sent by GET: the download is the form's answer."""

    class Format:
        CSV = "csv"
        XLSX = "xlsx"

    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(Format.CSV, _("CSV")), (Format.XLSX, _("Excel (XLSX)"))],
        widget=forms.RadioSelect,
        initial=Format.CSV,
        error_messages={
            "required": _("Choose a format"),
            "invalid_choice": _("Choose a format"),
        },
    )
    protected = forms.BooleanField(
        label=_("Apply disclosure control"),
        required=False,
        initial=True,
        widget=CheckboxInput,
        help_text=stated_lazy(
            _(
                "For sharing outside the council: no rows for single children, no written "
                "answers, groups of fewer than %(smallest)s children hidden and numbers rounded "
                "to the nearest %(round_to)s."
            )
        ),
    )


class TextInput(forms.TextInput):
    """A text input for a number, ten characters wide. (The GOV.UK form renderer sets the
    class from the widget's type, so the width is added here; the name keeps that type.)"""

    def __init__(self) -> None:
        super().__init__(attrs={"inputmode": "numeric", "spellcheck": "false"})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]["attrs"]
        widget["class"] = f"{widget.get('class', '')} govuk-input--width-10".strip()
        return context


def _age_band_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=20, widget=TextInput)


class PopulationForm(GovukForm):
    """How many children the council has in each age band, and where the figures come from."""

    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("For example, ONS mid-2024 population estimates"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bands = {
            f"band_{band.value}": _age_band_field(
                str(_("Children aged %(ages)s") % {"ages": band.label})
            )
            for band in AgeBand
        }
        # The age bands first, then the source.
        self.fields = {**bands, **self.fields}

    @staticmethod
    def initial_for(population: dict[str, ChildPopulation]) -> dict[str, Any]:
        initial: dict[str, Any] = {f"band_{band}": row.count for band, row in population.items()}
        sources = [row.source for row in population.values() if row.source]
        initial["source"] = sources[0] if sources else ""
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        counts: dict[str, int | None] = {}
        for band in AgeBand:
            name = f"band_{band.value}"
            text = (cleaned.get(name) or "").replace(",", "").replace(" ", "")
            if not text:
                counts[band.value] = None
                continue
            if not (text.isascii() and text.isdigit()) or int(text) > MOST_CHILDREN:
                self.add_error(
                    name,
                    _("Enter the number of children aged %(ages)s as a whole number, like 12500")
                    % {"ages": band.label},
                )
                continue
            counts[band.value] = int(text)
        if not self.errors:
            if all(count is None for count in counts.values()):
                self.add_error(
                    f"band_{AgeBand.values[0]}",
                    _("Enter the number of children in at least one age band"),
                )
            elif not (cleaned.get("source") or "").strip():
                self.add_error("source", _("Enter where the figures come from"))
        cleaned["counts"] = counts
        return cleaned

    def counts(self) -> dict[str, int | None]:
        counts: dict[str, int | None] = self.cleaned_data["counts"]
        return counts

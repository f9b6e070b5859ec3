"""The period a progress report covers."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm

EARLIEST = datetime.date(2000, 1, 1)


class PeriodForm(GovukForm):
    period_start = GovukDateField(
        label=_("From"),
        name=_("The first day the report covers"),
        help_text=_("The first day the report covers"),
        required_message=_("Enter the first day the report covers"),
    )
    period_end = GovukDateField(
        label=_("To"),
        name=_("The last day the report covers"),
        help_text=_("The last day the report covers"),
        required_message=_("Enter the last day the report covers"),
    )

    def __init__(self, *args: Any, today: datetime.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean_period_start(self) -> datetime.date:
        start: datetime.date = self.cleaned_data["period_start"]
        if start < EARLIEST:
            raise forms.ValidationError(_("The report cannot start before 1 January 2000"))
        return start

    def clean_period_end(self) -> datetime.date:
        end: datetime.date = self.cleaned_data["period_end"]
        if end > self.today:
            raise forms.ValidationError(
                _("The report must end today or earlier: a period still to come has no figures")
            )
        return end

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last day must be on or after the first day"))
        return cleaned

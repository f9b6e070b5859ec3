"""The period a board's report covers: whole months, from the first day of one month to the last
day of another. Figures of two periods that differ by a few days could be set against each other
to find out about the few children in those days; whole months leave no such slivers."""

import datetime
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukDateField, GovukForm

EARLIEST = datetime.date(2000, 1, 1)


def _last_day_of_month(day: datetime.date) -> datetime.date:
    following = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return following - datetime.timedelta(days=1)


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
        if start.day != 1:
            raise forms.ValidationError(
                _(
                    "The report must start on the first day of a month, like 1 %(month)s: "
                    "reports cover whole months"
                )
                % {"month": formats.date_format(start, "F Y")}
            )
        return start

    def clean_period_end(self) -> datetime.date:
        end: datetime.date = self.cleaned_data["period_end"]
        if end > self.today:
            raise forms.ValidationError(
                _("The report must end today or earlier: a period still to come has no figures")
            )
        last_day = _last_day_of_month(end)
        if end != last_day:
            raise forms.ValidationError(
                _(
                    "The report must end on the last day of a month, like %(day)s: reports "
                    "cover whole months"
                )
                % {"day": formats.date_format(last_day, "j F Y")}
            )
        return end

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last day must be on or after the first day"))
        return cleaned

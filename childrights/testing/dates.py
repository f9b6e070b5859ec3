"""Dates as a person types them in the GOV.UK date input (``core.forms.GovukDateField``)."""

import datetime
from typing import Any


def date_parts(name: str, value: datetime.date | str) -> dict[str, str]:
    """The day, month and year boxes of the date field ``name`` holding ``value``."""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def datetime_parts(name: str, value: datetime.datetime) -> dict[str, str]:
    """The date boxes and the time box of the date and time field ``name``."""
    return {**date_parts(name, value.date()), f"{name}_time": value.strftime("%H:%M")}


def fill_date(page: Any, group: str, value: datetime.date | str, *, t: Any = str) -> None:
    """Type ``value`` in the day, month and year boxes of the date field whose legend is
    ``group``, in a browser test (``t`` translates the box labels on Welsh pages)."""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    boxes = page.get_by_role("group", name=group, exact=True)
    boxes.get_by_label(t("Day"), exact=True).fill(str(day.day))
    boxes.get_by_label(t("Month"), exact=True).fill(str(day.month))
    boxes.get_by_label(t("Year"), exact=True).fill(str(day.year))

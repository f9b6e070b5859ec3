"""Dates that training works in: the day a number of months later, when a completion
runs out, and the quarter ends that coverage is measured at.
"""

import calendar
from datetime import date, timedelta


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that month is shorter."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_end_on_or_after(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def quarter_end_on_or_before(day: date) -> date:
    end = quarter_end_on_or_after(day)
    if end == day:
        return day
    return date(day.year, end.month - 2, 1) - timedelta(days=1)


def quarter_ends(first: date, last: date) -> list[date]:
    """Every quarter end from the one that closes the quarter holding ``first`` up to ``last``."""
    ends = []
    end = quarter_end_on_or_after(first)
    while end <= last:
        ends.append(end)
        end = quarter_end_on_or_after(end + timedelta(days=1))
    return ends

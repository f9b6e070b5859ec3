"""Working days and the statutory rhythm of reviews, both kept as data per nation
(``data/bank_holidays.json``, ``data/review_rhythm.json``)."""

import calendar
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def _holidays() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "bank_holidays.json").read_text(encoding="utf-8"))
    return data


@cache
def bank_holidays(nation: str) -> frozenset[date]:
    days = _holidays()["nations"].get(nation, _holidays()["nations"]["england"])
    return frozenset(date.fromisoformat(day) for day in days)


def holidays_known_until() -> int:
    """The last year whose bank holidays are in the data."""
    return int(_holidays()["last_year"])


def is_working_day(day: date, nation: str) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(nation)


def add_working_days(start: date, count: int, nation: str) -> date:
    """The working day ``count`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    left = count
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            left -= 1
    return day


def working_days_between(start: date, end: date, nation: str) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            count += 1
    return count


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later; the month's last day where it has no such day."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@cache
def _rhythms() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "review_rhythm.json").read_text(encoding="utf-8"))
    return data["nations"]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Rhythm:
    first: dict[str, int]
    second: dict[str, int]
    then: dict[str, int]
    source: str
    checked: bool


def rhythm_for(nation: str) -> Rhythm:
    row = _rhythms().get(nation, _rhythms()["england"])
    return Rhythm(
        first=row["first"],
        second=row["second"],
        then=row["then"],
        source=row["source"],
        checked=row["checked"],
    )


def _after(start: date, step: dict[str, int], nation: str) -> date:
    if "working_days" in step:
        return add_working_days(start, step["working_days"], nation)
    if "days" in step:
        return start + timedelta(days=step["days"])
    return add_months(start, step["months"])


def latest_next_review(
    *, nation: str, came_into_care_on: date | None, reviews_held: list[date]
) -> date | None:
    """The latest date the next review may be held by the nation's rule: counted from the day the
    child came into care for the first review, from the first for the second, and from the last
    for every later one. None when there is nothing to count from."""
    rhythm = rhythm_for(nation)
    held = sorted(reviews_held)
    if not held:
        if came_into_care_on is None:
            return None
        return _after(came_into_care_on, rhythm.first, nation)
    if len(held) == 1:
        return _after(held[0], rhythm.second, nation)
    return _after(held[-1], rhythm.then, nation)

"""Formatting of values for people to read, done once, here: numbers, shares, changes, values in
their units and dates, and a bilingual field's words where no ``lang`` mark can go with them.

Nothing is shown for a missing value but ``–``, the same on every page and in every document.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from childrights.core.language import field_text

NONE_SHOWN = "–"

# Units a value can be counted in that change how it reads (an outcome indicator's unit takes
# these values); a value in any other unit is shown as the number alone.
PERCENTAGE = "percentage"
RATE_PER_1000 = "rate-per-1000"
DAYS = "days"

DAY_FORMAT = "j F Y"


def localised(obj: Any, field: str) -> str:
    """The words of a bilingual field pair (``<field>_en`` / ``<field>_cy``) in the page's
    language, for where they cannot carry a ``lang`` mark (a choice in a form, a cell of a
    spreadsheet, a subject line); ``core.language.field_text`` says how they are chosen."""
    return field_text(obj, field).text


def plain_number(value: Decimal) -> str:
    """A stored decimal without trailing zeros: 45.5000 -> 45.5, 100.0000 -> 100."""
    return f"{value.normalize():f}"


def value_text(value: Decimal | str | None, unit: str) -> str:
    """A value as people read it: 45.5%, 3.2 per 1,000, 12 days. A decimal loses its trailing
    zeros; a value already written as text (a report's stored figure) is shown as written."""
    if value is None:
        return NONE_SHOWN
    number = plain_number(value) if isinstance(value, Decimal) else value
    if unit == PERCENTAGE:
        return f"{number}%"
    if unit == RATE_PER_1000:
        return _("%(value)s per 1,000") % {"value": number}
    if unit == DAYS:
        return _("%(value)s days") % {"value": number}
    return number


def signed(value: str | None) -> str:
    """A change with its sign: +0.50, -0.25, 0.00."""
    if value is None:
        return NONE_SHOWN
    return value if value.startswith("-") or Decimal(value) == 0 else f"+{value}"


def percent(fraction: float | None, places: int = 1) -> str:
    """A share between 0 and 1 as a percentage."""
    if fraction is None:
        return NONE_SHOWN
    return f"{fraction * 100:.{places}f}%"


def decimal(value: float | None, places: int = 3) -> str:
    """A number to ``places`` decimals."""
    if value is None:
        return NONE_SHOWN
    return f"{value:.{places}f}"


def day_text(value: Any) -> str:
    """A date (or a moment, on its local day, or an ISO date written as text) as people read it:
    5 March 2027. Text that is not a date is shown as it is."""
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), DAY_FORMAT)
    if isinstance(value, datetime.date):
        return formats.date_format(value, DAY_FORMAT)
    try:
        return formats.date_format(datetime.date.fromisoformat(str(value)), DAY_FORMAT)
    except ValueError:
        return str(value)

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from childrights.core.presenters import localised as _localised

register = template.Library()


@register.filter
def localised(obj: Any, field: str) -> str:
    """``{{ role|localised:"name" }}`` shows ``name_cy`` in Welsh and ``name_en`` otherwise.

    On a Welsh page, English shown because there is no Welsh yet is marked ``lang="en"`` so
    screen readers pronounce it as English."""
    text = _localised(obj, field)
    if (get_language() or "").startswith("cy") and text and not getattr(obj, f"{field}_cy", ""):
        return format_html('<span lang="en">{}</span>', text)
    return text


@register.filter
def percent(fraction: float | None, places: int = 1) -> str:
    """A share between 0 and 1 as a percentage, ``–`` when there is none."""
    if fraction is None:
        return "–"
    return f"{fraction * 100:.{places}f}%"


@register.filter
def decimal(value: float | None, places: int = 3) -> str:
    if value is None:
        return "–"
    return f"{value:.{places}f}"

from typing import Any

from django import template

from childrights.core.presenters import localised as _localised

register = template.Library()


@register.filter
def localised(obj: Any, field: str) -> str:
    """``{{ role|localised:"name" }}`` shows ``name_cy`` in Welsh and ``name_en`` otherwise."""
    return _localised(obj, field)


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

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from childrights.core import presenters
from childrights.core.language import field_text

register = template.Library()


@register.filter
def localised(obj: Any, field: str) -> str | SafeString:
    """``{{ role|localised:"name" }}`` shows ``name_cy`` in Welsh and ``name_en`` otherwise.

    On a Welsh page, English shown because there is no Welsh yet is marked ``lang="en"`` so
    screen readers pronounce it as English."""
    text = field_text(obj, field)
    if text.lang:
        return format_html('<span lang="{}">{}</span>', text.lang, text.text)
    return text.text


@register.filter
def percent(fraction: float | None, places: int = 1) -> str:
    """A share between 0 and 1 as a percentage, ``–`` when there is none."""
    return presenters.percent(fraction, places)


@register.filter
def decimal(value: float | None, places: int = 3) -> str:
    return presenters.decimal(value, places)

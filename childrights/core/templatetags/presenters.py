from typing import Any

from django import template

from childrights.core.presenters import localised as _localised

register = template.Library()


@register.filter
def localised(obj: Any, field: str) -> str:
    """``{{ role|localised:"name" }}`` shows ``name_cy`` in Welsh and ``name_en`` otherwise."""
    return _localised(obj, field)

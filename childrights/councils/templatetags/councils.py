from django import template

from childrights.councils import names
from childrights.councils.models import Council

register = template.Library()


@register.filter
def council_name(council: Council | None) -> str:
    """``{{ council|council_name }}``: the official name, in Welsh on a Welsh page if it has one
    (nothing for no council, so ``|default:"–"`` can follow)."""
    return names.council_name(council) if council is not None else ""


@register.filter
def council_short_name(council: Council | None) -> str:
    return names.council_short_name(council) if council is not None else ""

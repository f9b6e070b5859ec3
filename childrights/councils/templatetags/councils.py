from django import template

from childrights.councils import names
from childrights.councils.models import Council

register = template.Library()


@register.filter
def council_name(council: Council) -> str:
    """``{{ council|council_name }}``: the official name, in Welsh on a Welsh page if it has one."""
    return names.council_name(council)


@register.filter
def council_short_name(council: Council) -> str:
    return names.council_short_name(council)

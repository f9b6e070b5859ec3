"""A council's name in the page's language: its official Welsh name on a Welsh page where it has
one (the Welsh principal councils, ``data/welsh_names.csv``), its English name otherwise. A
council's name is a proper name, so English standing in on a Welsh page is not marked."""

from childrights.core.language import is_welsh
from childrights.councils.models import Council


def council_name(council: Council) -> str:
    return council.name_cy if is_welsh() and council.name_cy else council.name


def council_short_name(council: Council) -> str:
    return council.short_name_cy if is_welsh() and council.short_name_cy else council.short_name

"""Formatting of values for people to read, done once, here."""

from typing import Any

from django.utils.translation import get_language


def localised(obj: Any, field: str) -> str:
    """The Welsh or English text of a bilingual field pair (``<field>_cy`` / ``<field>_en``)."""
    english: str = getattr(obj, f"{field}_en", "") or ""
    if (get_language() or "").startswith("cy"):
        welsh: str = getattr(obj, f"{field}_cy", "") or ""
        return welsh or english
    return english

"""Disclosure control for anything that leaves the staff-only view.

Rules (from the brief): counts under 10 are never shown; secondary suppression makes sure no
suppressed cell can be worked out from the published total and the other cells; every other count
is rounded to the nearest 5; rates for groups under 10 are not shown either.

The numbers are written here and nowhere else, so the rules, and every sentence that tells people
about them, change together: code asks ``may_show``, Python sentences take ``SMALLEST_SHOWN`` and
``ROUND_TO`` as placeholders, and templates read ``disclosure.smallest_shown`` and
``disclosure.round_to`` (``core.context_processors.disclosure``). A test
(``core/tests/test_disclosure_numbers.py``) fails on the numbers written anywhere else.
"""

from collections.abc import Mapping
from typing import TypeVar

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _

K = TypeVar("K")

SMALLEST_SHOWN = 10
ROUND_TO = 5


def may_show(count: float) -> bool:
    """Whether a count of people, or a figure about a group of that many, may be shown."""
    return count >= SMALLEST_SHOWN


def fewer_than(smallest: int = SMALLEST_SHOWN) -> str:
    """What stands in place of a count that is not shown: "Fewer than 10"."""
    return _("Fewer than %(smallest)s") % {"smallest": smallest}


def not_shown_for_fewer_than(smallest: int = SMALLEST_SHOWN) -> str:
    """What stands in place of a figure about too few people: "Not shown: fewer than 10
    people"."""
    return _("Not shown: fewer than %(smallest)s people") % {"smallest": smallest}


def stated(sentence: str | Promise) -> str:
    """A translated sentence about the rules with their numbers put in, as ``%(smallest)s`` and
    ``%(round_to)s``: ``stated(_("Counts under %(smallest)s are not shown."))``."""
    return str(sentence) % {"smallest": SMALLEST_SHOWN, "round_to": ROUND_TO}


# The same for a sentence translated lazily (a form field's help), filled in when it is shown.
stated_lazy = lazy(stated, str)


def template_values() -> dict[str, int]:
    """The rules' numbers as templates read them: ``{{ disclosure.smallest_shown }}``."""
    return {"smallest_shown": SMALLEST_SHOWN, "round_to": ROUND_TO}


def round_count(count: int) -> int:
    """To the nearest 5, halves rounded up (so 12 -> 10, 13 -> 15)."""
    return (count * 2 + ROUND_TO) // (ROUND_TO * 2) * ROUND_TO


def cells_to_suppress(sizes: Mapping[K, float]) -> set[K]:
    """The cells of one table (that add up to a published total) whose values must be hidden.

    Primary: every cell under 10. Secondary: the hidden cells together could be worked out from
    the total and the cells shown, so more are hidden, smallest first, until the hidden cells
    together hold at least 10 and there are at least two of them.
    """
    hidden = {key for key, size in sizes.items() if size < SMALLEST_SHOWN}
    if not hidden:
        return hidden
    shown = sorted(
        (size, index) for index, (key, size) in enumerate(sizes.items()) if key not in hidden
    )
    keys = list(sizes)
    while shown and (len(hidden) < 2 or sum(sizes[key] for key in hidden) < SMALLEST_SHOWN):
        hidden.add(keys[shown.pop(0)[1]])
    return hidden


def round_rate(rate: float | None) -> float | None:
    """A share published to one decimal place of a percentage (0.3624 -> 0.362)."""
    return None if rate is None else round(rate, 3)


def protect_counts(counts: Mapping[K, int]) -> dict[K, int | None]:
    """Counts ready to publish: suppressed cells are None, the rest rounded to the nearest 5."""
    hidden = cells_to_suppress(counts)
    return {key: None if key in hidden else round_count(count) for key, count in counts.items()}


def protect_counts_with_complements(counts: Mapping[K, int], *, total: int) -> dict[K, int | None]:
    """Counts that each lie inside one published total but do not add up to it (children who
    picked each answer of a multiple-choice question, out of those who answered it), ready to
    publish.

    Each count and its complement (the rest of the total) add up to the total, so a small
    complement would be worked out from the two: a count is hidden (None) when it or its
    complement is under 10. The rest are rounded to the nearest 5.
    """

    def hidden(count: int) -> bool:
        rest = total - count
        return not may_show(count) or (rest > 0 and not may_show(rest))

    return {key: None if hidden(count) else round_count(count) for key, count in counts.items()}

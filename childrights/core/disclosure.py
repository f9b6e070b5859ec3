"""Disclosure control for anything that leaves the staff-only view.

Rules (from the brief): counts under 10 are never shown; secondary suppression makes sure no
suppressed cell can be worked out from the published total and the other cells; every other count
is rounded to the nearest 5; rates for groups under 10 are not shown either.
"""

from collections.abc import Mapping
from typing import TypeVar

K = TypeVar("K")

SMALLEST_SHOWN = 10
ROUND_TO = 5


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

"""What is waiting for a member of staff: the work each app has for them, gathered for their home
page. Each app registers one provider (in its ``AppConfig.ready``) that answers for the person,
only for the councils where their role lets them do that work; ``core`` knows none of the apps.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The kinds of waiting work, in the order the home page shows them.
KINDS: dict[str, Promise] = {
    "concerns": _("Concerns to review"),
    "sign_off": _("Assessments awaiting your sign-off"),
    "closing": _("Consultations closing soon"),
    "overdue": _("Answers overdue"),
    "reviews": _("Reviews coming up"),
    "stale": _("Records going stale"),
}


@dataclass(frozen=True)
class Waiting:
    """One line of waiting work: what it is and how many (``text``), in which council, and the
    page where it is dealt with."""

    kind: str
    text: str
    url: str
    council: str


@dataclass(frozen=True)
class WaitingGroup:
    kind: str
    heading: str
    items: list[Waiting]


Provider = Callable[[Any, date], Iterable[Waiting]]
_providers: list[Provider] = []


def waiting_register(provider: Provider) -> None:
    """Add an app's provider: called with the signed-in user and today's date."""
    if provider not in _providers:
        _providers.append(provider)


def waiting_for(user: Any, *, today: date) -> list[WaitingGroup]:
    """Everything waiting for ``user``, grouped by kind in ``KINDS`` order; empty kinds left out."""
    found: dict[str, list[Waiting]] = {kind: [] for kind in KINDS}
    for provider in _providers:
        for item in provider(user, today):
            found[item.kind].append(item)
    return [
        WaitingGroup(kind=kind, heading=str(KINDS[kind]), items=items)
        for kind, items in found.items()
        if items
    ]

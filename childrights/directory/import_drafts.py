"""What an import reads from a file before anything is written: each service as a draft, with
the problems found in it, said where they are (a table's line, an export's item and field)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from django.utils.translation import gettext as _

from childrights.directory.models import Need
from childrights.framework.models import Article

# A council's directory is hundreds of services; a few thousand rows is ample and keeps one
# import (a transaction holding every row) short.
MAX_RECORDS = 5_000
MAX_COLUMNS = 40
MAX_ERRORS = 100


class ImportRefused(Exception):
    """The file had problems; nothing was added. ``errors`` lists each, with where it is."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the file")
        if len(errors) > MAX_ERRORS:
            hidden = len(errors) - MAX_ERRORS
            errors = [*errors[:MAX_ERRORS], _("…and %(count)s more") % {"count": hidden}]
        self.errors = errors


@dataclass
class Place:
    name: str
    town: str
    address: str = ""
    postcode: str = ""
    latitude: Any = None
    longitude: Any = None


@dataclass
class Draft:
    """One service as read from the file, before anything is written."""

    said: Callable[[str, str], str]  # (field name, problem) -> the problem, saying where
    # A service field's name as the file calls it, to say where a refused write's problem is.
    names: Mapping[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    organisation: Mapping[str, str] = field(default_factory=dict)
    needs: list[Need] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[tuple[int, time, time]] = field(default_factory=list)
    contacts: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, name: str, text: str) -> None:
        self.problems.append(self.said(name, text))

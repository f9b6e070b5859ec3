"""England's seven corporate parenting principles (Children and Social Work Act 2017 s1), kept
as data (``data/principles.json``); every section of the board's report, every well-being
indicator and every pledge promise names the ones it evidences."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation

PRINCIPLES_FILE = Path(__file__).resolve().parent / "data" / "principles.json"


@dataclass(frozen=True)
class Principle:
    slug: str
    letter: str
    text: dict[str, str]
    short: dict[str, str]

    def words(self) -> str:
        """The principle's words in the active language."""
        return self.text["cy" if translation.get_language() == "cy" else "en"]

    def title(self) -> str:
        return self.short["cy" if translation.get_language() == "cy" else "en"]


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PRINCIPLES_FILE.read_text(encoding="utf-8"))
    return data


def principles() -> list[Principle]:
    return [
        Principle(slug=row["slug"], letter=row["letter"], text=row["text"], short=row["short"])
        for row in _data()["principles"]
    ]


def principle(slug: str) -> Principle:
    found = next((item for item in principles() if item.slug == slug), None)
    if found is None:
        raise KeyError(f"No corporate parenting principle {slug!r}")
    return found


def source() -> str:
    return str(_data()["source"])

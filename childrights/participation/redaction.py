"""Redaction suggestions for children's written answers before anything is quoted.

Suggestions, not decisions: a moderator sees each highlighted and writes the version to publish.
Email addresses, phone numbers, street addresses and school names must be gone from that version
before it can be approved (``blocking``); names are harder to spot with certainty, so they are
highlighted for the moderator to judge.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KINDS = {
    "email": _("email address"),
    "phone": _("phone number"),
    "address": _("street address"),
    "school": _("school name"),
    "name": _("possible name"),
}
BLOCKING = {"email", "phone", "address", "school"}

_STREET_WORDS = (
    r"street|st|road|rd|lane|ln|avenue|ave|close|drive|dr|way|crescent|court|place|gardens|"
    r"terrace|grove|walk|row|hill|park|square|mews|heol|ffordd|stryd|lon|lôn|rhodfa"
)
_SCHOOL_WORDS = (
    r"primary|secondary|high|infant|infants|junior|juniors|academy|school|college|ysgol|"
    r"grammar|comprehensive|nursery"
)
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    (
        "phone",
        re.compile(r"(?<!\w)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\w)"),
    ),
    (
        "address",
        re.compile(
            rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-Za-zÀ-ÿ'-]+\s+){{1,3}}(?:{_STREET_WORDS})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "address",
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),  # a postcode
    ),
    (
        "school",
        re.compile(
            rf"(?:\b(?i:ysgol)\s+(?:[A-Z][\w'-]+\s*){{1,3}})|"
            rf"(?:(?:\b[A-Z][\w'-]+\s+){{1,3}}(?i:{_SCHOOL_WORDS})(?:\s+(?i:school|academy))?\b)",
        ),
    ),
    # Capitalised words that do not start a sentence: the moderator judges.
    ("name", re.compile(r"(?<=[a-z,;:]\s)(?:[A-Z][a-z'-]{1,}(?:\s+[A-Z][a-z'-]+)?)")),
]
_NOT_NAMES = {"I", "I'm", "I've", "I'd", "I'll", "Mum", "Dad", "Nan", "Gran", "Miss", "Sir"}


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    kind: str

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def suggestions(text: str) -> list[Suggestion]:
    """Spans that may identify someone, earliest first, overlapping spans merged into the first
    (most serious) kind found."""
    found: list[Suggestion] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "name" and match.group().split()[0] in _NOT_NAMES:
                continue
            span = Suggestion(match.start(), match.end(), kind)
            if not any(span.start < other.end and other.start < span.end for other in found):
                found.append(span)
    return sorted(found, key=lambda span: span.start)


def blocking(text: str) -> list[Suggestion]:
    """What must be removed before this text can be published."""
    return [span for span in suggestions(text) if span.kind in BLOCKING]


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str | None

    @property
    def label(self) -> str:
        return str(KINDS[self.kind]) if self.kind else ""


def highlighted(text: str) -> list[Piece]:
    """The text cut into plain pieces and suggested ones, for a template to mark up."""
    pieces, at = [], 0
    for span in suggestions(text):
        if span.start > at:
            pieces.append(Piece(text[at : span.start], None))
        pieces.append(Piece(text[span.start : span.end], span.kind))
        at = span.end
    if at < len(text):
        pieces.append(Piece(text[at:], None))
    return pieces

"""The language of the page, and texts stored in English and Welsh shown in it.

A page is in English (``"en-gb"``) or Welsh (``"cy"``), as Django's active language says; the
``lang`` of an element and the keys of a stored pair name them ``"en"`` and ``"cy"``. What staff
and the reference data store comes in pairs: a ``{"en": .., "cy": ..}`` value (a template's
texts, a report's figures) or a model's ``<field>_en`` and ``<field>_cy``. Shown on a page, a pair
gives the page's language; where that is missing the other language stands in, marked with its
``lang`` so that screen readers pronounce it as what it is. ``Text`` carries the words and that
mark, and every choice between Welsh and English is made here, once.

The language a child answers a consultation in is what a response records, not a page's:
``participation.journey.words.answer_language`` says it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language

ENGLISH, WELSH = "en-gb", "cy"  # the codes of settings.LANGUAGES
# A document for a council that works in Welsh holds the English, then the Welsh.
ENGLISH_THEN_WELSH = (ENGLISH, WELSH)


@dataclass(frozen=True)
class Text:
    """Words to show, with ``lang`` set only when they are not in the page's language (English on
    a Welsh page because there is no Welsh, say); ``href`` when they are a web link."""

    text: str
    lang: str = ""
    href: str = ""

    def __str__(self) -> str:
        return self.text


def lang_of(code: str | None) -> str:
    """``"cy"`` for Welsh, ``"en"`` otherwise: the ``lang`` of words in the language ``code``."""
    return "cy" if (code or "").startswith("cy") else "en"


def page_language() -> str:
    """The page's language as an element's ``lang`` and a stored pair's keys name it."""
    return lang_of(get_language())


def is_welsh() -> bool:
    """Whether the page is in Welsh."""
    return page_language() == "cy"


def language_code(code: str | None = None) -> str:
    """``WELSH`` or ``ENGLISH``, the codes Django's translation is switched with, for ``code``
    (a language asked for, a person's chosen language), for the page's when it is None."""
    return WELSH if lang_of(get_language() if code is None else code) == "cy" else ENGLISH


def plain_lang() -> str:
    """The ``lang`` that marks what staff wrote in English (a title, a plain answer): ``"en"`` on
    a Welsh page, none on an English one."""
    return "en" if is_welsh() else ""


def _chosen(texts: Mapping[str, Any], wanted: str, *, either_way: bool) -> Text:
    """The ``wanted`` text of a pair; else, on a Welsh page or ``either_way``, the other marked."""
    other = "en" if wanted == "cy" else "cy"
    found = str(texts.get(wanted) or "").strip()
    if found:
        return Text(found)
    standing_in = str(texts.get(other) or "").strip()
    if standing_in and (either_way or wanted == "cy"):
        return Text(standing_in, lang=other)
    return Text("")


def pair_text(value: Any, *, language: str | None = None) -> Text:
    """A stored ``{"en", "cy"}`` pair in the page's language (in ``language`` when given), the
    other language, marked, where it is missing. Anything else is what staff wrote, in English:
    marked as English where the language is Welsh. None is no text."""
    wanted = lang_of(language) if language else page_language()
    if isinstance(value, Mapping):
        return _chosen(value, wanted, either_way=True)
    if value is None:
        return Text("")
    return Text(str(value).strip(), lang="en" if wanted == "cy" else "")


def field_text(obj: Any, field: str) -> Text:
    """A model's ``<field>_en`` / ``<field>_cy`` in the page's language. On a Welsh page the
    English stands in, marked, where there is no Welsh. On an English page only the English is
    shown: a record with none (a consultation in Welsh only) shows nothing there, and the staff
    pages that list such records fall back to its Welsh themselves."""
    pair = {code: getattr(obj, f"{field}_{code}", "") for code in ("en", "cy")}
    return _chosen(pair, page_language(), either_way=False)


def set_language_cookie(response: HttpResponse, code: str) -> None:
    """Remember the chosen language (a strictly necessary cookie the person asked for)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )

"""What every page of the journey shares: the folder of its templates, and showing a
consultation in one language only in that language."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest
from django.utils import translation

from childrights.core.context_processors import page_shell
from childrights.participation.journey import words
from childrights.participation.models import Consultation

TEMPLATES = "participation/journey/"


@contextmanager
def _language_of(consultation: Consultation) -> Iterator[None]:
    """A consultation in one language is shown only in that language."""
    language = words.page_language(consultation)
    if language is None:
        yield
        return
    with translation.override(language):
        yield


def _shell(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    """The language switch offers only the languages the consultation is in."""
    if words.page_language(consultation) is None:
        return {}
    links = page_shell(request)["language_links"]
    return {"language_links": [link for link in links if link["current"]]}

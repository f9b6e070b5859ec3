"""The public pages other apps offer about one council, so that a page in a lower layer (a
partner council's page) can link them without importing those apps.

An app registers a provider when it is ready (``AppConfig.ready``); a provider gives the links
it has for a council now: only pages that exist and are published, so no link leads to a page
that is not there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from childrights.councils.models import Council


@dataclass(frozen=True)
class CouncilLink:
    label: str  # in the active language
    url: str


Provider = Callable[[Council], list[CouncilLink]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def links_for(council: Council) -> list[CouncilLink]:
    return [link for provider in _providers for link in provider(council)]

"""The public pages other apps offer about one council, so that a page in a lower layer (a
partner council's page, the council's own public page) can link them without importing those
apps.

An app registers a provider when it is ready (``AppConfig.ready``); a provider gives the links
it has for a council now: only pages that exist and are published, so no link leads to a page
that is not there. An app may also register a section provider: a heading with the council's
published items under it (its open consultations, its answers back, its published assessments),
shown on the council's public page in the order each section asks for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from childrights.councils.models import Council


@dataclass(frozen=True)
class CouncilLink:
    label: str  # in the active language
    url: str
    hint: str = ""  # a line under the link: a date, a status (in the active language)
    lang: str = ""  # the label's language where it is not the page's (``core.language``)


@dataclass(frozen=True)
class CouncilSection:
    """A part of the council's public page: a heading and the council's published items."""

    heading: str  # in the active language
    order: int  # where the section stands on the page, lowest first
    links: list[CouncilLink] = field(default_factory=list)
    empty: str = ""  # what to say when there are no links; no section at all where empty is ""
    more: CouncilLink | None = None  # a page with all of them, where the section shows a few


Provider = Callable[[Council], list[CouncilLink]]
SectionProvider = Callable[[Council], list[CouncilSection]]
_providers: list[Provider] = []
_section_providers: list[SectionProvider] = []

# The order of the sections on a council's page.
OPEN_CONSULTATIONS = 10
ANSWERS = 20
ASSESSMENTS = 30
PROGRESS = 40


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def register_sections(provider: SectionProvider) -> None:
    if provider not in _section_providers:
        _section_providers.append(provider)


def links_for(council: Council) -> list[CouncilLink]:
    return [link for provider in _providers for link in provider(council)]


def sections_for(council: Council) -> list[CouncilSection]:
    """Every section the apps have for the council, in page order; a section with nothing in it
    is left out unless it says what is missing."""
    sections = [section for provider in _section_providers for section in provider(council)]
    return sorted(
        (section for section in sections if section.links or section.empty),
        key=lambda section: section.order,
    )

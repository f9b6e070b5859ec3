"""One search over the public site: councils, rights, consultations, the councils' answers
back, published assessments and services.

``core`` knows none of these: each app registers a provider when it is ready (``AppConfig.ready``),
as it registers its pages about a council in ``councils.public_pages``. A provider is given what
was typed (stripped, at most ``MAX_QUERY`` characters) and returns its group of results, only
ever published things, at most ``PER_GROUP`` of them, or None when it found nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

MAX_QUERY = 100
PER_GROUP = 10

# Where each group stands on the results page, lowest first.
COUNCILS = 10
RIGHTS = 20
CONSULTATIONS = 30
ANSWERS = 40
ASSESSMENTS = 50
SERVICES = 60


@dataclass(frozen=True)
class SearchResult:
    label: str
    url: str
    hint: str = ""  # a line under the link, in the page's language
    lang: str = ""  # the label's language where it is not the page's


@dataclass(frozen=True)
class SearchGroup:
    heading: str
    order: int
    results: list[SearchResult] = field(default_factory=list)
    more: SearchResult | None = None  # a page that searches further, where there are more


Provider = Callable[[str], SearchGroup | None]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def query_words(query: str) -> list[str]:
    """The words of a query a text search looks for, at most five."""
    return query.split()[:5]


def site_search(query: str) -> list[SearchGroup]:
    """Every group that found something, in page order."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    groups = [group for provider in _providers if (group := provider(query)) and group.results]
    return sorted(groups, key=lambda group: group.order)

"""One search over the public site: councils, rights, consultations, the councils' answers
back, published assessments and services.

``core`` knows none of these: each app registers a provider when it is ready (``AppConfig.ready``),
as it registers its pages about a council in ``councils.public_pages``. A provider is given what
was typed (stripped, at most ``MAX_QUERY`` characters) and returns its group of results, only
ever published things, at most ``PER_GROUP`` of them, or None when it found nothing.

A small misspelling is forgiven (``tolerant``): where a provider finds nothing, each word of at
least ``TYPO_SHORTEST`` letters that is not a word the provider knows is taken as the known word
one edit from it (a letter wrong, missing, extra, or two next to each other swapped:
"educaton", "eductaion"), and the provider searches once more. A word one edit from the typed
word begins with its first half or ends with the rest after one more letter (``typo_ends``), so
a provider asks only for the words that begin or end so: among a few hundred rows of titles, or
in the directory's index of words, never by reading every service.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.db.models import Q

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
    searched_for: str = ""  # the words searched instead, where some typed were put right


Provider = Callable[[str], SearchGroup | None]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def query_words(query: str) -> list[str]:
    """The words of a query a text search looks for, at most five."""
    return query.split()[:5]


# A typed word shorter than this is never corrected: too many short words are one edit apart.
TYPO_SHORTEST = 5
_WORD_BREAKS = re.compile(r"[\W_]+")


def words_in(text: str) -> list[str]:
    """The words of ``text``, casefolded, split at anything that is not a letter or digit."""
    return [word for word in _WORD_BREAKS.split(text.casefold()) if word]


def one_edit_apart(typed: str, known: str) -> bool:
    """Whether ``known`` is ``typed`` with one letter changed, left out, added, or two letters
    next to each other swapped (the Damerau-Levenshtein distance is exactly 1)."""
    if typed == known or abs(len(typed) - len(known)) > 1:
        return False
    if len(typed) == len(known):
        differ = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        first = differ[0]
        return (
            len(differ) == 2
            and differ[1] == first + 1
            and typed[first] == known[first + 1]
            and typed[first + 1] == known[first]
        )
    shorter, longer = sorted((typed, known), key=len)
    i = 0
    while i < len(shorter) and shorter[i] == longer[i]:
        i += 1
    return shorter[i:] == longer[i + 1 :]


def typo_ends(word: str) -> tuple[str, str]:
    """A start and an end of ``word`` (casefolded, at least ``TYPO_SHORTEST`` letters) such that
    every word one edit from it either begins with the start or ends with the end: the edit lies
    either in the first half or after it, and the end skips one more letter for two letters
    swapped across the middle."""
    half = len(word) // 2
    return word[:half], word[half + 1 :]


def typo_words(query: str) -> list[str]:
    """The words of ``query`` (as ``query_words`` takes them) long enough to be corrected."""
    return [
        word
        for word in dict.fromkeys(words_in(" ".join(query_words(query))))
        if len(word) >= TYPO_SHORTEST
    ]


# Given the words of a query that may be misspelt, the known words that begin or end as
# ``typo_ends`` gives for them (more may come; any may be the typed word itself).
KnownWords = Callable[[list[str]], Iterable[str]]


def corrected(query: str, known_words: KnownWords) -> str | None:
    """``query`` with each word of ``TYPO_SHORTEST`` letters or more that ``known_words`` does not
    know put right, where one known word or more is one edit from it (the one of the same length
    first, then alphabetically); None when no word was put right."""
    typed = typo_words(query)
    if not typed:
        return None
    known = {word for text in known_words(typed) for word in words_in(text)}
    fixes = {}
    for word in typed:
        if word in known:
            continue
        near = sorted(
            (candidate for candidate in known if one_edit_apart(word, candidate)),
            key=lambda candidate: (abs(len(candidate) - len(word)), candidate),
        )
        if near:
            fixes[word] = near[0]
    if not fixes:
        return None
    return " ".join(fixes.get(word, word) for word in words_in(" ".join(query_words(query))))


def contains_typo_ends(words: list[str], fields: Iterable[str]) -> Q:
    """Rows where one of ``fields`` holds a start or an end (``typo_ends``) of one of ``words``:
    the rows whose words may put those words right."""
    condition = Q()
    for word in words:
        for part in typo_ends(word):
            for name in fields:
                condition |= Q(**{f"{name}__icontains": part})
    return condition


def tolerant(search: Provider, known_words: KnownWords) -> Provider:
    """``search``, searching again with the query ``corrected`` when it finds nothing."""

    def forgiving(query: str) -> SearchGroup | None:
        found = search(query)
        if found is not None and found.results:
            return found
        better = corrected(query, known_words)
        if not better:
            return found
        instead = search(better)
        if instead is None or not instead.results:
            return found
        return replace(instead, searched_for=better)

    return forgiving


def site_search(query: str) -> list[SearchGroup]:
    """Every group that found something, in page order."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    groups = [group for provider in _providers if (group := provider(query)) and group.results]
    return sorted(groups, key=lambda group: group.order)

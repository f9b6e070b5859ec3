"""Finding councils by what people type: the English or Welsh name, official or short, a part of
it, a small misspelling of it ("rhonda" for Rhondda Cynon Taf), or the GSS code.

The register holds about 400 councils, so the matching is done in Python over their names read in
one query, the same on SQLite and PostgreSQL: names are compared as keys without accents, case or
punctuation ("Castell-nedd" is "castell nedd"), and where no name holds what was typed, each run of
as many words as were typed is compared with ``difflib``. The cost is bounded by the register's
size, not by the query.
"""

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet

from childrights.councils.models import Council

# How alike a misspelling must be to a run of words in a name (difflib's ratio, 0 to 1).
CLOSE_ENOUGH = 0.8
GSS_PREFIX = re.compile(r"^[ensw]\d{2,8}$")
# The words every council's name has, which alone say nothing of which council is meant.
COMMON_WORDS = {"council", "cyngor", "county", "borough", "city", "district", "of", "and", "the"}


@functools.lru_cache(maxsize=4096)  # the register's names, normalised once per process
def normalised(text: str) -> str:
    """Lower case, no accents, words split on anything but letters and digits."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


@dataclass(frozen=True)
class _Names:
    pk: int
    gss_code: str
    short_name: str
    keys: tuple[str, ...]


def _score(query: str, names: _Names, matcher: difflib.SequenceMatcher[str]) -> float:
    """How well ``query`` (normalised) names the council: 0 when it does not."""
    if query in names.keys:
        return 4.0  # a name exactly
    if any(key.startswith(query) for key in names.keys):
        return 3.0
    if any(f" {query}" in f" {key}" for key in names.keys):
        return 2.5  # the start of a word in a name
    if len(query) >= 3 and any(query in key for key in names.keys):
        return 2.0
    if len(query) < 4 or query in COMMON_WORDS:
        return 0.0
    span = len(query.split())
    best = 0.0
    for key in names.keys:
        words = [word for word in key.split() if word not in COMMON_WORDS]
        for start in range(max(1, len(words) - span + 1)):
            window = " ".join(words[start : start + span])
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() >= CLOSE_ENOUGH and matcher.quick_ratio() >= CLOSE_ENOUGH:
                best = max(best, matcher.ratio())
    return best if best >= CLOSE_ENOUGH else 0.0


def _all_names(councils: QuerySet[Council]) -> list[_Names]:
    rows = councils.values_list("pk", "gss_code", "short_name", "name", "short_name_cy", "name_cy")
    return [
        _Names(
            pk=pk,
            gss_code=code,
            short_name=short,
            keys=tuple(normalised(name) for name in (short, name, short_cy, name_cy) if name),
        )
        for pk, code, short, name, short_cy, name_cy in rows
    ]


def councils_matching(query: str, *, councils: QuerySet[Council] | None = None) -> list[Council]:
    """The councils ``query`` names, best first: a GSS code (or its start), then names."""
    councils = Council.objects.all() if councils is None else councils
    compact = "".join(query.split()).lower()
    if GSS_PREFIX.match(compact):
        return list(councils.filter(gss_code__istartswith=compact).select_related("successor"))
    by_code = list(councils.filter(gss_code__iexact=compact).select_related("successor"))
    if by_code:
        return by_code  # an older ONS code, as councils that ended before GSS codes keep
    wanted = normalised(query)
    if not wanted:
        return []
    # The query is the second sequence, which difflib indexes once for every comparison.
    matcher = difflib.SequenceMatcher(None, "", wanted, autojunk=False)
    scored = [
        (score, names)
        for names in _all_names(councils)
        if (score := _score(wanted, names, matcher))
    ]
    scored.sort(key=lambda found: (-found[0], found[1].short_name))
    by_pk = councils.select_related("successor").in_bulk([names.pk for _, names in scored])
    return [by_pk[names.pk] for _, names in scored]

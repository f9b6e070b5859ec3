"""The words a search looks in, kept on each service as one field (``Service.search_text``).

A search matched each word against a service's own text fields, its needs' words (a subquery) and
its organisation's name (a join), ORed together, so no index could serve it and every search read
every service. Kept as one normalised field, each word becomes one ``contains`` on one column,
which a trigram index on PostgreSQL can serve. Both sides are normalised the same way here:
casefolded, runs of white space made one space, each field on its own line so that a phrase never
matches across two fields.

The field is written by ``services`` (a service's writes, and the needs loader when a need's words
change); a row written around those functions has no words to be found by.
"""

import math
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, Func, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast, Concat, Length
from django.db.models.sql.compiler import SQLCompiler

from childrights.core.site_search import typo_ends
from childrights.directory.models import OLDEST_AGE, Need, SearchWord, Service

# A service's own fields searched, in both languages.
SERVICE_FIELDS = (
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "who_for_en",
    "who_for_cy",
    "what_happens_en",
    "what_happens_cy",
)
# Each of its needs' fields searched.
NEED_FIELDS = ("name_en", "name_cy", "keywords_en", "keywords_cy")


def normalised(text: str) -> str:
    """Text as the search field holds it and as a search word is compared with it."""
    return " ".join(text.casefold().split())


def service_search_text(service: Service, needs: Iterable[Need]) -> str:
    """The search field of ``service`` meeting ``needs``: its words, its needs' words and its
    organisation's name, one field a line."""
    texts = [getattr(service, name) for name in SERVICE_FIELDS]
    for need in needs:
        texts.extend(getattr(need, name) for name in NEED_FIELDS)
    texts.append(service.organisation.name)
    return "\n".join(line for line in (normalised(text) for text in texts) if line)


def containing(text: str) -> Q:
    """Services whose searched words contain ``text`` (a word or a phrase), in any case."""
    return Q(search_text__contains=normalised(text))


# --- search keys ------------------------------------------------------------------------------
# A search by word, need and area reads one more field, ``Service.search_keys``: the tokens a
# service is found by, space-separated with a space at each end. Each word of its search text
# (split at anything that is not a letter or digit) of at least ``SHORTEST`` characters gives
# itself and every beginning of it of that length or more ("counselling": "cou", "coun", ...,
# "counselling"), so a word a young person types finds the words it begins, by equality. Each
# of its needs gives a need key (``§t``: exactly this need; ``§n``: this need or one under
# it, so the need's parent has one too), its council an area key (``§c``) and its ages age
# keys (below). A typed word never holds "§", so no word finds a key. Found by equality
# alone, a search is one condition on one field: on PostgreSQL a GIN index over the tokens
# (migration 0006) answers words, need, council and age together and never has to read a row
# it will not return; on SQLite each token is a ``LIKE`` on the same field, with the same
# answer.

SHORTEST = 3
# The longest key a word gives (PostgreSQL refuses a lexeme over 2,047 bytes); a longer word is
# found by its first ``LONGEST`` characters, and so is a longer word typed.
LONGEST = 60
# The most characters of word keys a service keeps, far below PostgreSQL's 1 MB a tsvector.
MOST_KEYS_TEXT = 200_000
NEED_KEY, TERM_KEY, COUNCIL_KEY = "§n", "§t", "§c"
# Age keys, one for each whole age from 0 to OLDEST_AGE that holds: ``§a15``, the service is for
# a 15-year-old (the finder's age: inside its ages, where it sets them); ``§y15``, its youngest
# age is 15 or more; ``§z15``, its oldest age is 15 or less (the Open Referral UK API's
# ``minimum_age`` and ``maximum_age``, as the profile means them: no youngest age counts as 0,
# no oldest age as no limit). So an age is answered by the index with the words, not by reading
# every service the words matched.
AGE_KEY, YOUNGEST_KEY, OLDEST_KEY = "§a", "§y", "§z"
_WORD_BREAKS = re.compile(r"[\W_]+")
_TOKEN = re.compile(r"§?[^\W_]+")


def words_of(text: str) -> list[str]:
    """The words of ``text`` as the keys hold them: casefolded, split at anything that is not a
    letter or digit."""
    return [word for word in _WORD_BREAKS.split(text.casefold()) if word]


def service_keys(service: Service, needs: Iterable[Need], search_text: str) -> str:
    """The search keys of ``service`` meeting ``needs``, from its ``search_text``."""
    tokens: set[str] = set()
    size = 0
    for word in dict.fromkeys(words_of(search_text)):
        beginnings = [word[:end] for end in range(SHORTEST, min(len(word), LONGEST) + 1)]
        size += sum(len(beginning) + 1 for beginning in beginnings)
        if size > MOST_KEYS_TEXT:
            break  # a text this long is found by its first words (a tsvector holds 1 MB)
        tokens.update(beginnings)
    for need in needs:
        tokens.add(TERM_KEY + need.pk.hex)
        tokens.add(NEED_KEY + need.pk.hex)
        if need.parent_id is not None:
            tokens.add(NEED_KEY + need.parent_id.hex)
    tokens.add(f"{COUNCIL_KEY}{service.council_id}")
    tokens.update(age_keys(service.minimum_age, service.maximum_age))
    return f" {' '.join(sorted(tokens))} "


def age_keys(youngest: int | None, oldest: int | None) -> set[str]:
    """The age keys of a service for ages ``youngest`` to ``oldest`` (None: open-ended)."""
    keys = set()
    for age in range(OLDEST_AGE + 1):
        if (youngest is None or youngest <= age) and (oldest is None or age <= oldest):
            keys.add(f"{AGE_KEY}{age}")
        if youngest is not None and 1 <= age <= youngest:
            keys.add(f"{YOUNGEST_KEY}{age}")
        if oldest is not None and oldest <= age:
            keys.add(f"{OLDEST_KEY}{age}")
    return keys


def age_key(age: int) -> str | None:
    """The key of services for someone of ``age``; None past the ages keyed (the search must
    then compare the ages themselves)."""
    return f"{AGE_KEY}{age}" if 0 <= age <= OLDEST_AGE else None


def youngest_at_least_key(age: float) -> str | None:
    """A key every service whose youngest age is at least ``age`` holds, and, up to
    ``OLDEST_AGE``, no other; None where every service qualifies (``age`` of 0 or less)."""
    whole = math.ceil(age)
    return f"{YOUNGEST_KEY}{min(whole, OLDEST_AGE)}" if whole >= 1 else None


def oldest_at_most_key(age: float) -> str | None:
    """The key of exactly the services whose oldest age is at most ``age``; None past
    ``OLDEST_AGE`` (the search must then compare the ages themselves)."""
    whole = math.floor(age)
    return f"{OLDEST_KEY}{whole}" if 0 <= whole <= OLDEST_AGE else None


def need_key(need: Need) -> str:
    """The key of services meeting ``need`` or a need under it."""
    return NEED_KEY + need.pk.hex


def term_key(need_id: uuid.UUID) -> str:
    """The key of services meeting exactly the need ``need_id``."""
    return TERM_KEY + need_id.hex


def council_key(council_id: int) -> str:
    return f"{COUNCIL_KEY}{council_id}"


class _HoldsEvery(Func):
    """PostgreSQL: the service's keys hold every one of the tokens, answered by the GIN index
    on ``array_to_tsvector(string_to_array(btrim(search_keys), ' '))`` (the same
    expression)."""

    output_field = BooleanField()

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[str | int]]:
        keys, key_params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        sql = f"array_to_tsvector(string_to_array(btrim({keys}), ' ')) @@ ({query})::tsquery"
        return sql, [*key_params, *query_params]


def holding(tokens: Iterable[str]) -> Q:
    """Services whose search keys hold every token (words, need keys, council keys)."""
    wanted = sorted({token[:LONGEST] if token[:1] != "§" else token for token in tokens})
    if not wanted:
        return Q()
    for token in wanted:
        # Words come from ``words_of`` and keys from the functions above: letters, digits and
        # "§" only, so a token can never close its quotes or add an operator to the tsquery.
        if not _TOKEN.fullmatch(token):
            raise ValueError(f"not a search token: {token!r}")
    if connection.vendor == "postgresql":
        # Each token quoted as a tsquery lexeme; tokens hold only letters, digits and "§".
        query = " & ".join(f"'{token}'" for token in wanted)
        return Q(_HoldsEvery(F("search_keys"), Value(query)))
    every = Q()
    for token in wanted:
        every &= Q(search_keys__contains=f" {token} ")
    return every


def holding_in_council(tokens: Iterable[str], council: OuterRef) -> Q:
    """Services of ``council`` (the outer query's council) whose search keys hold every token:
    on PostgreSQL the council is one more key of the same GIN query, so each council is one
    probe of the index (never a walk through the council's services, as its B-tree would give,
    nor through every service meeting the tokens in any council)."""
    wanted = sorted(set(tokens))
    for token in wanted:
        if not _TOKEN.fullmatch(token):
            raise ValueError(f"not a search token: {token!r}")
    if connection.vendor != "postgresql":
        return Q(council=council) & holding(wanted)
    # Tokens hold only letters, digits and "§"; a council's id only digits.
    query = Concat(
        Value("".join(f"'{token}' & " for token in wanted) + f"'{COUNCIL_KEY}"),
        Cast(council, output_field=TextField()),
        Value("'"),
        output_field=TextField(),
    )
    return Q(_HoldsEvery(F("search_keys"), query))


# --- the words known, for putting a misspelt word right ----------------------------------------
# ``SearchWord`` holds every word of a service's search text of at least ``VOCABULARY_SHORTEST``
# letters (one letter fewer than the shortest word the site search corrects), so that a word
# typed wrong is put right by reading a few words from an index, not the services.

VOCABULARY_SHORTEST = 4


def vocabulary_of(text: str) -> set[str]:
    return {word for word in words_of(text) if VOCABULARY_SHORTEST <= len(word) <= LONGEST}


def search_words_remember(words: Iterable[str]) -> None:
    """Add ``words`` to the words known (those already known are left as they are)."""
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, drow=word[::-1]) for word in sorted(set(words))],
        ignore_conflicts=True,
        batch_size=2000,
    )


def search_words_near(words: list[str]) -> list[str]:
    """The known words that begin or end as ``core.site_search.typo_ends`` gives for ``words``,
    within one letter of their length: each a range of an index."""
    condition = Q()
    for word in words:
        start, end = typo_ends(word)
        near = Q(length__gte=len(word) - 1, length__lte=len(word) + 1)
        condition |= near & (Q(word__startswith=start) | Q(drow__startswith=end[::-1]))
    if not condition:
        return []
    return list(
        SearchWord.objects.annotate(length=Length("word"))
        .filter(condition)
        .values_list("word", flat=True)
    )

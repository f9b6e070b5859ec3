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

from collections.abc import Iterable

from django.db.models import Q

from childrights.directory.models import Need, Service

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

"""The shipped safeguarding lexicon: phrases in English and Welsh that may mean a child is at
risk, by category and priority. Councils add their own on top (``Phrase.council`` set)."""

import json
from pathlib import Path

from django.db import transaction

from childrights.participation.models import Phrase

DATA = Path(__file__).parent / "data" / "safeguarding_phrases.json"


def default_phrases() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(DATA.read_text(encoding="utf-8"))["phrases"]
    return rows


@transaction.atomic
def default_phrases_load() -> str:
    """Make the shipped phrases exactly those in the data file (councils' own are untouched)."""
    wanted = {(row["language"], row["phrase"]): row for row in default_phrases()}
    shipped = Phrase.objects.filter(council__isnull=True)
    stale = [phrase.pk for phrase in shipped if (phrase.language, phrase.phrase) not in wanted]
    Phrase.objects.filter(pk__in=stale).delete()
    for (language, text), row in wanted.items():
        Phrase.objects.update_or_create(
            council=None,
            language=language,
            phrase=text,
            defaults={"category": row["category"], "priority": row["priority"]},
        )
    return f"{len(wanted)} safeguarding phrases"

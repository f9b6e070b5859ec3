"""One spelling for every email address the service stores or looks up.

Addresses are stored and compared after Unicode compatibility normalisation (NFKC) and case
folding, so that lookalike spellings ("ſ" for "s", full-width letters) are the same address or,
where they are not the same letters, never match someone else's account. Lookups compare the
normalised text exactly: a database's own case-insensitive comparison can match letters that are
not the same (PostgreSQL's ``UPPER('ı')`` is ``'I'``).
"""

import unicodedata


def normalise_email(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()

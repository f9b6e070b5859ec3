"""Finding the things a child names: an open consultation, its public link, a group's code and a
receipt, with wrong guesses at a code or a receipt counted."""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet
from django.utils import timezone

from childrights.core.ratelimit import Limit, rate_limit_consume, rate_limit_release
from childrights.participation import screening
from childrights.participation.models import AccessCode, Consultation, Response


@dataclass(frozen=True)
class Guesses:
    """Wrong guesses at a receipt or a group code: per browser session, and per network address
    so that dropping the cookie does not start the count again. A whole class shares one
    address: its allowance is far above a class's typing mistakes, and a right guess is never
    counted, so a class is not locked out; guessing a code at random stays hopeless."""

    per_session: Limit
    per_address: Limit


RECEIPT_GUESSES = Guesses(
    Limit("participation:receipt-guess", 20, timedelta(hours=1)),
    Limit("participation:receipt-guess-address", 200, timedelta(hours=1)),
)
CODE_GUESSES = Guesses(
    Limit("participation:code-guess", 20, timedelta(hours=1)),
    Limit("participation:code-guess-address", 200, timedelta(hours=1)),
)


def normalise_code(text: str) -> str:
    """Codes are read aloud and typed on phones: case, spaces and dashes do not matter."""
    return "".join(char for char in text.upper() if char.isalnum())


def spaced(code: str) -> str:
    """A code in groups of four, easier to read aloud and to copy: "ABCD EFGH"."""
    return " ".join(code[start : start + 4] for start in range(0, len(code), 4))


def open_consultations() -> QuerySet[Consultation]:
    """Consultations a child can answer today (``Consultation.is_accepting`` as a query)."""
    today = timezone.localdate()
    return (
        Consultation.objects.filter(
            status=Consultation.Status.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("council")
        .order_by("closes_on", "council__name", "pk")
    )


def consultation_by_link(link_key: str) -> Consultation | None:
    """A consultation by its public link; never a draft, which is not public yet."""
    return (
        Consultation.objects.select_related("council")
        .exclude(status=Consultation.Status.DRAFT)
        .filter(link_key=link_key)
        .first()
    )


# The consultation a send is for, as each process last read it, for at most a second: a process
# taking hundreds of sends a second reads it (with the lexicon's stamp) once a second, not once a
# send. Closing a consultation, changing its limit or adding a safeguarding phrase therefore
# reaches every send within a second. A change of safeguarding lead is read afresh for the email
# (``screening.notify_leads``), and the questions never change once it is out of draft.
SEND_READ_SECONDS = 1.0
_to_send: dict[str, tuple[float, Consultation | None]] = {}


def consultation_to_send(link_key: str) -> Consultation | None:
    """``consultation_by_link`` for sending answers, with the stamp of its council's
    safeguarding lexicon (``screening.with_lexicon_stamp``), read at most a second ago. The
    council is read only if a page needs it."""
    now = time.monotonic()
    kept = _to_send.get(link_key)
    if kept is not None and now - kept[0] < SEND_READ_SECONDS:
        return kept[1]
    found = (
        screening.with_lexicon_stamp(Consultation.objects.all())
        .exclude(status=Consultation.Status.DRAFT)
        .filter(link_key=link_key)
        .first()
    )
    if len(_to_send) > 1000:
        _to_send.clear()
    _to_send[link_key] = (now, found)
    return found


def code_by_text(text: str) -> AccessCode | None:
    code = normalise_code(text)
    if not code:
        return None
    return AccessCode.objects.select_related("consultation__council").filter(code=code).first()


def response_by_receipt(text: str) -> Response | None:
    code = normalise_code(text)
    if not code:
        return None
    return Response.objects.select_related("consultation__council").filter(receipt=code).first()


def _guess_keys(session: SessionBase, address: str | None) -> tuple[str, str]:
    if session.session_key is None:
        session.save()
    return f"session:{session.session_key}", f"address:{address or 'unknown'}"


def guess_allowed(guesses: Guesses, *, session: SessionBase, address: str | None) -> bool:
    """Count one guess against this browser session and this network address."""
    by_session, by_address = _guess_keys(session, address)
    session_refused = rate_limit_consume(guesses.per_session, by_session)
    address_refused = rate_limit_consume(guesses.per_address, by_address)
    return session_refused is None and address_refused is None


def guess_was_right(guesses: Guesses, *, session: SessionBase, address: str | None) -> None:
    """A right guess does not count against the child, nor against their class."""
    by_session, by_address = _guess_keys(session, address)
    rate_limit_release(guesses.per_session, by_session)
    rate_limit_release(guesses.per_address, by_address)

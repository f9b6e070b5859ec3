"""The draft in the session: where one child has got to, kept between pages, and cleared when
they leave."""

from dataclasses import dataclass

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase

from childrights.participation.journey.words import answer_language
from childrights.participation.models import AccessCode, Consultation
from childrights.participation.submission import Draft


@dataclass
class Journey:
    """Where one child has got to: their draft, and the furthest step they may open."""

    draft: Draft
    reached: int = 0
    started: bool = False


def session_key(consultation: Consultation, *, preview: bool) -> str:
    if preview:
        return f"participation:preview:{consultation.pk}"
    return f"participation:{consultation.pk}"


def journey_load(
    session: SessionBase, *, consultation: Consultation, preview: bool
) -> Journey | None:
    stored = session.get(session_key(consultation, preview=preview))
    if not isinstance(stored, dict) or not isinstance(stored.get("draft"), dict):
        return None
    return Journey(
        draft=Draft.from_dict(stored["draft"]),
        reached=int(stored.get("reached") or 0),
        started=bool(stored.get("started")),
    )


# A child's unsent answers are kept for half an hour after their last page, so the next child on
# a shared computer is unlikely to find them; every page the child opens starts the half hour
# again. Staff sessions keep their own idle limit.
CHILD_IDLE_SECONDS = 30 * 60


def journey_save(
    session: SessionBase, *, consultation: Consultation, preview: bool, journey: Journey
) -> None:
    session[session_key(consultation, preview=preview)] = {
        "draft": journey.draft.to_dict(),
        "reached": journey.reached,
        "started": journey.started,
    }
    if not preview and SESSION_KEY not in session:
        session.set_expiry(CHILD_IDLE_SECONDS)


def journey_begin(
    session: SessionBase, *, consultation: Consultation, preview: bool, easy_read: bool
) -> Journey:
    """A fresh draft with a new submission id; a group code the child entered is kept."""
    earlier = journey_load(session, consultation=consultation, preview=preview)
    journey = Journey(
        draft=Draft(
            easy_read=easy_read,
            language=answer_language(),
            access_code_id=earlier.draft.access_code_id if earlier else None,
        ),
        started=True,
    )
    journey_save(session, consultation=consultation, preview=preview, journey=journey)
    return journey


def journey_clear(session: SessionBase, *, consultation: Consultation, preview: bool) -> None:
    session.pop(session_key(consultation, preview=preview), None)


def journey_leave(session: SessionBase, *, consultation: Consultation) -> None:
    """A child leaves (or presses "Exit this page"): everything this browser held for them goes,
    under a new session key, so Back and a new start show nothing of their answers. A member of
    staff previewing stays signed in and loses only the consultation's draft."""
    if SESSION_KEY in session:
        journey_clear(session, consultation=consultation, preview=False)
        journey_clear(session, consultation=consultation, preview=True)
        return
    session.flush()


def code_remember(session: SessionBase, *, code: AccessCode) -> None:
    """Note the group's code for the child's draft (started or not)."""
    consultation = code.consultation
    journey = journey_load(session, consultation=consultation, preview=False) or Journey(
        draft=Draft(language=answer_language())
    )
    journey.draft.access_code_id = code.pk
    journey_save(session, consultation=consultation, preview=False, journey=journey)

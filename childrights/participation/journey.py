"""A child's way through a consultation: the draft kept between pages, the steps in order, the
words each child is asked in, and sending the answers once.

The draft lives in the session under ``participation:<consultation id>`` (a staff preview under
``participation:preview:<consultation id>``, so a preview never touches a child's answers). It is
made, with a new submission id, when the child presses Start. The last page carries the whole
draft, signed, in the form that sends it: sending needs nothing from the session, so a retry
after a dropped connection (or a database that was briefly down) sends exactly the same answers.

Limits are per public link or per group code, never per network address: a whole class shares
one address.
"""

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.presenters import localised
from childrights.core.ratelimit import Limit, rate_limit_consume, rate_limit_release
from childrights.participation import about_you, limits, screening, submission
from childrights.participation.about_you import AboutYou
from childrights.participation.models import (
    AccessCode,
    AgeBand,
    Consultation,
    Question,
    Response,
    Wording,
)
from childrights.participation.submission import Draft, Receipt

PREFER_NOT_TO_SAY = about_you.PREFER_NOT_TO_SAY

# How many sends one public link, or one group's code, takes in a minute before a child is asked
# to wait. Far above any real class or youth session; it stops a flood, not children.
SEND_LIMIT_PER_MINUTE: int = getattr(settings, "PARTICIPATION_SEND_LIMIT_PER_MINUTE", 600)
LINK_LIMIT = Limit("participation:link", SEND_LIMIT_PER_MINUTE, timedelta(minutes=1))
CODE_LIMIT = Limit("participation:code", SEND_LIMIT_PER_MINUTE, timedelta(minutes=1))
# Wrong guesses at a receipt or a group code, per browser session.
RECEIPT_GUESSES = Limit("participation:receipt-guess", 20, timedelta(hours=1))
CODE_GUESSES = Limit("participation:code-guess", 20, timedelta(hours=1))


class LimitReached(Exception):
    """Too many answers through this link or code: nothing was stored. ``full`` when the link
    or code has taken all the responses it may (waiting will not help), else it is busy."""

    def __init__(self, *, full: bool) -> None:
        super().__init__("full" if full else "busy")
        self.full = full


# --- the draft in the session ------------------------------------------------------------------


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


# A child may take a while over a question: their answers are kept for two idle hours (staff
# sessions keep their own, shorter, idle limit).
CHILD_IDLE_SECONDS = 2 * 60 * 60


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


def code_remember(session: SessionBase, *, code: AccessCode) -> None:
    """Note the group's code for the child's draft (started or not)."""
    consultation = code.consultation
    journey = journey_load(session, consultation=consultation, preview=False) or Journey(
        draft=Draft(language=answer_language())
    )
    journey.draft.access_code_id = code.pk
    journey_save(session, consultation=consultation, preview=False, journey=journey)


# --- language ----------------------------------------------------------------------------------


def answer_language() -> str:
    """The language the child is answering in, as a response records it."""
    return "cy" if (translation.get_language() or "").startswith("cy") else "en"


def page_language(consultation: Consultation) -> str | None:
    """The one language a single-language consultation is shown in; None when the child may
    choose (the site's language switch decides)."""
    if consultation.languages == Consultation.Languages.WELSH:
        return "cy"
    if consultation.languages == Consultation.Languages.ENGLISH:
        return "en-gb"
    return None


# --- finding things a child names --------------------------------------------------------------


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


def guess_allowed(limit: Limit, session: SessionBase) -> bool:
    """Count one guess against this browser session (never its network address)."""
    if session.session_key is None:
        session.save()
    return rate_limit_consume(limit, f"session:{session.session_key}") is None


def guess_was_right(limit: Limit, session: SessionBase) -> None:
    """A right guess does not count against the child."""
    if session.session_key is not None:
        rate_limit_release(limit, f"session:{session.session_key}")


# --- the steps ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One page of the journey. ``key`` is what the page's address carries (``?step=``)."""

    key: str
    kind: str  # "age", "privacy", "question", "about", "name" or "check"
    question: Question | None = None
    about: AboutYou | None = None
    number: int = 0
    of: int = 0


questions_of = submission.questions_of


def steps_for(consultation: Consultation, questions: list[Question]) -> list[Step]:
    asked_about = [
        about_you.BY_KEY[key] for key in consultation.about_you if key in about_you.BY_KEY
    ]
    steps = [Step("age", "age"), Step("privacy", "privacy")]
    steps += [
        Step(f"q-{question.pk}", "question", question=question, number=n, of=len(questions))
        for n, question in enumerate(questions, start=1)
    ]
    steps += [
        Step(f"about-{about.key}", "about", about=about, number=n, of=len(asked_about))
        for n, about in enumerate(asked_about, start=1)
    ]
    if consultation.identified:
        steps.append(Step("name", "name"))
    steps.append(Step("check", "check"))
    return steps


def age_bands_of(consultation: Consultation) -> list[tuple[str, str]]:
    """The consultation's own age bands, youngest first, then "prefer not to say"."""
    bands = [
        (value, str(label)) for value, label in AgeBand.choices if value in consultation.age_bands
    ]
    return [*bands, (PREFER_NOT_TO_SAY, _("Prefer not to say"))]


def privacy_notice(age_band: str) -> str:
    """Which privacy notice a child reads: the one for their age band, or the general one."""
    return age_band if age_band in AgeBand.values else "general"


# --- the words a child is asked in -------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    text: str
    hint: str


def _in_language(source: Any, field: str) -> str:
    if answer_language() == "cy":
        return str(getattr(source, f"{field}_cy", "") or "")
    return str(getattr(source, f"{field}_en", "") or "")


def wording_for(question: Question, *, age_band: str, easy_read: bool) -> Asked:
    """Easy-read words if the child chose them and there are some, else the words for the
    child's age band, else the shared core. A wording with no text in the page's language is
    passed over rather than shown in the other language."""
    wordings = {wording.audience: wording for wording in question.wordings.all()}
    candidates: list[Any] = []
    if easy_read and Wording.EASY_READ in wordings:
        candidates.append(wordings[Wording.EASY_READ])
    if age_band in wordings:
        candidates.append(wordings[age_band])
    for candidate in candidates:
        if _in_language(candidate, "text"):
            return Asked(_in_language(candidate, "text"), _in_language(candidate, "hint"))
    return Asked(localised(question, "text"), localised(question, "hint"))


def offers_easy_read(questions: Iterable[Question]) -> bool:
    return any(
        wording.audience == Wording.EASY_READ
        for question in questions
        for wording in question.wordings.all()
    )


def answer_lines(question: Question, answer: dict[str, Any] | None) -> list[str]:
    """A child's answer as lines to read back to them on the check page (ranked: in order)."""
    if not answer:
        return []
    if question.kind == Question.Kind.TEXT:
        text = str(answer.get("text") or "")
        return [text] if text.strip() else []
    labels = {choice.pk: localised(choice, "label") for choice in question.choices.all()}
    return [labels[pk] for pk in answer.get("choices") or [] if pk in labels]


def drop_unknown_answers(draft: Draft, questions: list[Question]) -> None:
    """Forget answers to questions that are no longer in the consultation."""
    known = {str(question.pk) for question in questions}
    draft.answers = {key: value for key, value in draft.answers.items() if key in known}


# --- sending -----------------------------------------------------------------------------------


def answers_send(*, consultation: Consultation, draft: Draft) -> Receipt:
    """Store a child's answers once, within the link's or group code's limits.

    Raises LimitReached (nothing stored), and what ``submission.submit`` raises. A resend of
    answers already stored gets its receipt even when the limit has been reached since.
    """
    code = _code_of(draft)
    if code is None and draft.access_code_id is not None:
        raise submission.NotAccepting
    over = _over_limit(consultation, code)
    if over is not None and not _already_sent(draft):
        raise LimitReached(full=over == "full")
    return submission.submit(consultation=consultation, draft=draft, via_code=code)


def _code_of(draft: Draft) -> AccessCode | None:
    if draft.access_code_id is None:
        return None
    return AccessCode.objects.filter(pk=draft.access_code_id).first()


def _over_limit(consultation: Consultation, code: AccessCode | None) -> str | None:
    """ "busy", "full" or None. One attempt is counted against the link's or code's rate."""
    if code is not None:
        if not limits.send_allowed(CODE_LIMIT, str(code.pk)):
            return "busy"
        if code.responses_limit is None:
            return None
        taken = Response.objects.filter(access_code=code, withdrawn_at__isnull=True).count()
        return "full" if taken >= code.responses_limit else None
    if not limits.send_allowed(LINK_LIMIT, str(consultation.pk)):
        return "busy"
    if consultation.responses_limit is None:
        return None
    taken = Response.objects.filter(
        consultation=consultation, access_code__isnull=True, withdrawn_at__isnull=True
    ).count()
    return "full" if taken >= consultation.responses_limit else None


def _already_sent(draft: Draft) -> bool:
    try:
        submission_id = uuid.UUID(draft.submission_id)
    except ValueError:
        return False
    return Response.objects.filter(submission_id=submission_id).exists()


# The receipt page after sending reads the receipt from a signed cookie, kept only for the
# consultation's own pages and only for a quarter of an hour: long enough to refresh the page
# and write the code down. The next child on a shared computer never sees it: starting the
# consultation again forgets it (receipt_forget).
RECEIPT_COOKIE = "participation_receipt"
RECEIPT_SECONDS = 15 * 60


def _receipt_path(link_key: str) -> str:
    return f"/have-your-say/{link_key}/"


def receipt_remember(answer: HttpResponse, *, link_key: str, receipt: Receipt) -> None:
    answer.set_signed_cookie(
        RECEIPT_COOKIE,
        f"{link_key}:{receipt.code}:{int(receipt.flagged)}",
        salt=RECEIPT_COOKIE,
        max_age=RECEIPT_SECONDS,
        path=_receipt_path(link_key),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def receipt_forget(answer: HttpResponse, *, link_key: str) -> None:
    answer.delete_cookie(RECEIPT_COOKIE, path=_receipt_path(link_key), samesite="Lax")


def receipt_recalled(request: HttpRequest, *, link_key: str) -> Receipt | None:
    value = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE, max_age=RECEIPT_SECONDS
    )
    if value is None:
        return None
    link, code, flagged = value.rsplit(":", 2)
    if link != link_key:
        return None
    return Receipt(code=code, flagged=flagged == "1", created=False)


def response_withdraw(*, response: Response) -> Response | None:
    """Take a child's answers back. Audited without the child's address: they are anonymous."""
    withdrawn = submission.withdraw(receipt=response.receipt)
    if withdrawn is not None:
        audit_record(
            action=AuditEvent.Action.DELETE,
            obj=withdrawn,
            council=withdrawn.consultation.council,
            detail={"withdrawn": True, "consultation": withdrawn.consultation_id},
        )
    return withdrawn

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
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core import language
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.presenters import localised
from childrights.core.ratelimit import Limit, rate_limit_consume, rate_limit_release
from childrights.participation import about_you, limits, screening, submission
from childrights.participation.about_you import AboutYou
from childrights.participation.models import (
    AccessCode,
    AgeBand,
    Concern,
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


# --- language ----------------------------------------------------------------------------------


def answer_language() -> str:
    """The language the child is answering in, as a response records it ("en" or "cy"): the
    page's, which the consultation's languages and the child's choice have set."""
    return language.page_language()


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
    """A wording's words in the child's language alone: none when it has none in it."""
    return str(getattr(source, f"{field}_{answer_language()}", "") or "")


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
    answers already stored gets its receipt even when the limit has been reached since, and
    gives back the send it was counted as, so repeats can never use up a link's limit. Whatever
    the refusal, the written answers are still screened and a possible disclosure reaches the
    safeguarding lead.
    """
    code = code_of(draft)
    refused = Concern.Refused
    limit, key = _limit_of(consultation, code)
    try:
        if code is None and draft.access_code_id is not None:
            raise submission.NotAccepting
        allowed = limits.send_allowed(limit, key)
        full = allowed and is_full(consultation, code)
        if (full or not allowed) and not _already_sent(draft):
            raise LimitReached(full=full)
        try:
            receipt = submission.submit(consultation=consultation, draft=draft, via_code=code)
        except submission.SubmissionConflict:
            limits.send_refund(limit, key)
            raise
        if not receipt.created:
            # A repeat of answers already stored takes nothing from the limit.
            limits.send_refund(limit, key)
        return receipt
    except LimitReached as error:
        _hold(error, consultation, draft, code, refused.FULL if error.full else refused.BUSY)
        raise
    except submission.NotAccepting as error:
        stopped = consultation.is_accepting()
        _hold(error, consultation, draft, code, refused.CODE_STOPPED if stopped else refused.CLOSED)
        raise
    except submission.InvalidAnswers as error:
        _hold(error, consultation, draft, code, refused.INVALID)
        raise
    except submission.SubmissionConflict as error:
        _hold(error, consultation, draft, code, refused.CONFLICT)
        raise


def _hold(
    error: Exception,
    consultation: Consultation,
    draft: Draft,
    code: AccessCode | None,
    refused: str,
) -> None:
    """Screen refused answers, and mark on the refusal whether a disclosure was held, so the
    child's page can tell them a person will read it and where to get help now."""
    held = submission.refused_disclosure_hold(
        consultation=consultation,
        draft=draft,
        refused=refused,
        group=code.group_name if code is not None else "",
    )
    error.disclosure_held = held is not None  # type: ignore[attr-defined]


def code_of(draft: Draft) -> AccessCode | None:
    if draft.access_code_id is None:
        return None
    return AccessCode.objects.filter(pk=draft.access_code_id).first()


def is_full(consultation: Consultation, code: AccessCode | None) -> bool:
    """Whether the group's code (or, without one, the public link) has taken all the responses
    it may. Asked when a child enters a code or opens a link, so nobody answers a whole survey
    only to be told at the end that it cannot take their answers."""
    if code is not None:
        if code.responses_limit is None:
            return False
        taken = Response.objects.filter(access_code=code, withdrawn_at__isnull=True).count()
        return taken >= code.responses_limit
    if consultation.responses_limit is None:
        return False
    taken = Response.objects.filter(
        consultation=consultation, access_code__isnull=True, withdrawn_at__isnull=True
    ).count()
    return taken >= consultation.responses_limit


def _limit_of(consultation: Consultation, code: AccessCode | None) -> tuple[Limit, str]:
    """The rate a send is counted against: its group code's, or the public link's."""
    if code is not None:
        return CODE_LIMIT, str(code.pk)
    return LINK_LIMIT, str(consultation.pk)


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


# A receipt code the child typed in rightly, kept for the pages that show their answers.
RECEIPT_SEEN_KEY = "participation:receipt-seen"
JUST_WITHDRAWN_KEY = "participation:just-withdrawn"
RECEIPT_SEEN_SECONDS = 15 * 60


def receipt_seen_remember(session: SessionBase, *, receipt: str) -> None:
    session[RECEIPT_SEEN_KEY] = {"code": receipt, "at": time.time()}


def receipt_seen(session: SessionBase) -> Response | None:
    kept = session.get(RECEIPT_SEEN_KEY)
    if (
        not isinstance(kept, dict)
        or time.time() - float(kept.get("at") or 0) > RECEIPT_SEEN_SECONDS
    ):
        session.pop(RECEIPT_SEEN_KEY, None)
        return None
    return response_by_receipt(str(kept.get("code") or ""))


@dataclass(frozen=True)
class GivenAnswer:
    question: str
    lines: list[str]


def response_answers(response: Response) -> list[GivenAnswer]:
    """A child's own answers, to read back to them with their receipt: in the words of the
    questions they were asked. Nothing once they have taken their answers back."""
    if response.withdrawn_at is not None:
        return []
    questions = submission.questions_of(response.consultation)
    if response.sent is not None:
        given: dict[str, dict[str, Any]] = dict(response.sent.get("answers") or {})
    else:
        given = {}
        for answer in response.answers.order_by("question_id", "rank", "pk"):
            key = str(answer.question_id)
            if answer.choice_id is None:
                given[key] = {"text": answer.text}
            else:
                given.setdefault(key, {"choices": []})["choices"].append(answer.choice_id)
    found = []
    for question in questions:
        lines = answer_lines(question, given.get(str(question.pk)))
        asked = wording_for(question, age_band=response.age_band, easy_read=response.easy_read)
        found.append(GivenAnswer(asked.text, lines))
    return found


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

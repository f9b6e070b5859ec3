"""Taking a child's answers in: checked, screened, stored once, as one row.

A submission carries an id made when the child started. Sending the same id with the same
answers again (a double tap, a retry after a dropped connection) returns the first receipt; the
same id with different answers is refused. The unique index on ``submission_id`` decides races,
so two identical requests arriving together still make one response.

The answers are checked and screened for safeguarding before the reply, and stored as they were
sent, in the response row itself (``Response.sent``): one insert. ``answer_rows.expand`` later
writes them out as ``Answer`` and ``ProfileAnswer`` rows, when ``tallies.fold`` counts them, which
everything that reads answers runs first. A possible disclosure of harm is expanded at once, in
the same transaction as its ``Concern``, so the safeguarding lead reads it straight away.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.participation import about_you, answer_rows, screening, tallies
from childrights.participation.models import (
    AccessCode,
    AgeBand,
    Answer,
    Concern,
    Consultation,
    ProfileAnswer,
    Question,
    Response,
)
from childrights.participation.themes.edits import themes_holding, themes_named_again

MAX_TEXT = 5000
PAYLOAD_SALT = "childrights.participation.answers"
# A signed payload is good for a day: enough to send again after a dropped connection or an
# outage, not a token anyone can replay for ever.
PAYLOAD_MAX_AGE = 24 * 60 * 60
# Refused answers are still screened: at most this many written answers of a payload are read.
MAX_HELD_ANSWERS = 50


class InvalidAnswers(ValueError):
    """The answers do not fit the consultation; the message says why, for the child."""


class SubmissionConflict(Exception):
    """This submission id was already used for different answers."""


class NotAccepting(Exception):
    """The consultation (or the group's code) is not taking responses now."""


@dataclass
class Draft:
    """A child's answers while they go through the questions, and as sent."""

    submission_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    age_band: str = ""
    language: str = "en"
    easy_read: bool = False
    access_code_id: int | None = None
    name: str = ""
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "submission_id": self.submission_id,
            "age_band": self.age_band,
            "language": self.language,
            "easy_read": self.easy_read,
            "access_code_id": self.access_code_id,
            "name": self.name,
            "answers": self.answers,
            "profile": self.profile,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Draft":
        return cls(
            submission_id=str(data.get("submission_id") or uuid.uuid4()),
            age_band=str(data.get("age_band") or ""),
            language=str(data.get("language") or "en"),
            easy_read=bool(data.get("easy_read")),
            access_code_id=data.get("access_code_id"),
            name=str(data.get("name") or ""),
            answers=dict(data.get("answers") or {}),
            profile=dict(data.get("profile") or {}),
        )

    def fingerprint(self) -> str:
        """What the child said (not how they were asked): equal answers, equal fingerprint."""
        said = {
            "age_band": self.age_band,
            "name": self.name,
            "answers": self.answers,
            "profile": self.profile,
        }
        return hashlib.sha256(
            json.dumps(said, sort_keys=True, separators=(",", ":")).encode()
        ).hexdigest()

    def sign(self) -> str:
        """The whole draft as one tamper-proof string, for the last page's form: the answers
        travel with the request that sends them, so a retry needs nothing stored anywhere."""
        return signing.dumps(self.to_dict(), salt=PAYLOAD_SALT, compress=True)

    @classmethod
    def unsign(cls, value: str) -> "Draft":
        try:
            return cls.from_dict(signing.loads(value, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE))
        except (signing.BadSignature, TypeError, ValueError) as error:
            raise InvalidAnswers(
                _("Your answers could not be read. Please start again.")
            ) from error


def questions_of(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.prefetch_related("choices", "wordings"))


# Once a consultation is out of draft its questions and answers can never change (the builder
# refuses), so a process keeps them, read-only, for every submission. The key holds the public
# link, random to each consultation, so a record made later with a reused id is never mistaken
# for it.
_frozen: dict[tuple[int, str], list[Question]] = {}


def frozen_questions_of(consultation: Consultation) -> list[Question]:
    if consultation.status == Consultation.Status.DRAFT:
        return questions_of(consultation)
    key = (consultation.pk, consultation.link_key)
    found = _frozen.get(key)
    if found is None:
        if len(_frozen) > 500:
            _frozen.clear()
        found = _frozen[key] = questions_of(consultation)
    return found


def validate(
    consultation: Consultation, draft: Draft, questions: list[Question] | None = None
) -> None:
    """Raise InvalidAnswers unless every answer fits its question."""
    questions = questions if questions is not None else questions_of(consultation)
    if draft.age_band and (
        draft.age_band not in AgeBand.values or draft.age_band not in consultation.age_bands
    ):
        raise InvalidAnswers(_("Choose an age group from the list."))
    if draft.language not in {"en", "cy"}:
        raise InvalidAnswers(_("Choose English or Welsh."))
    by_id = {str(question.pk): question for question in questions}
    unknown = set(draft.answers) - set(by_id)
    if unknown:
        raise InvalidAnswers(_("Some answers are for questions that are not in this survey."))
    for key, question in by_id.items():
        answer_check(question, draft.answers.get(key))
    for name, value in draft.profile.items():
        if name not in consultation.about_you or name not in about_you.BY_KEY:
            raise InvalidAnswers(_("Some answers about you are not asked in this survey."))
        if value not in dict(about_you.BY_KEY[name].options):
            raise InvalidAnswers(_("Choose one of the answers about you from the list."))
    if consultation.identified and len(draft.name) > 200:
        raise InvalidAnswers(_("Your name must be 200 characters or fewer."))


def answer_check(question: Question, answer: dict[str, Any] | None) -> None:
    """Raise InvalidAnswers unless the answer (or no answer) fits this question."""
    if not answer:
        if question.required:
            raise InvalidAnswers(_("Answer the question: %(question)s") % {"question": question})
        return
    if question.kind == Question.Kind.TEXT:
        text = answer.get("text")
        if not isinstance(text, str) or set(answer) != {"text"}:
            raise InvalidAnswers(_("Write your answer in the box."))
        if len(text) > MAX_TEXT:
            raise InvalidAnswers(
                _("Your answer must be %(count)s characters or fewer.") % {"count": MAX_TEXT}
            )
        return
    picked = answer.get("choices")
    if not isinstance(picked, list) or set(answer) != {"choices"}:
        raise InvalidAnswers(_("Choose an answer from the list."))
    allowed = {choice.pk for choice in question.choices.all()}
    if any(not isinstance(each, int) or each not in allowed for each in picked):
        raise InvalidAnswers(_("Choose an answer from the list."))
    if len(set(picked)) != len(picked):
        raise InvalidAnswers(_("Choose each answer only once."))
    if question.kind in {Question.Kind.SINGLE, Question.Kind.FACES, Question.Kind.YES_NO}:
        if len(picked) != 1:
            raise InvalidAnswers(_("Choose one answer."))
    elif not picked:
        raise InvalidAnswers(_("Choose at least one answer."))


@dataclass(frozen=True)
class Receipt:
    code: str
    flagged: bool
    created: bool


def submit(*, consultation: Consultation, draft: Draft, via_code: AccessCode | None) -> Receipt:
    """Store the child's answers once and return their receipt.

    Raises InvalidAnswers, NotAccepting, SubmissionConflict; a database that is down raises
    django.db.DatabaseError, which the view turns into a page that keeps the answers. A
    ``consultation`` read with ``screening.with_lexicon_stamp`` saves the query that checks
    whether the safeguarding lexicon changed.
    """
    try:
        submission_id = uuid.UUID(draft.submission_id)
    except ValueError as error:
        raise InvalidAnswers(_("Your answers could not be read. Please start again.")) from error
    fingerprint = draft.fingerprint()
    refused = not consultation.is_accepting() or (
        via_code is not None
        and (via_code.revoked_at is not None or via_code.consultation_id != consultation.pk)
    )
    if refused:
        # Answers sent before it closed (or before the code was stopped) keep their receipt.
        earlier = _earlier(submission_id, fingerprint)
        if earlier is not None:
            return earlier
        raise NotAccepting
    questions = frozen_questions_of(consultation)
    validate(consultation, draft, questions)
    written = [
        text
        for question in questions
        if question.kind == Question.Kind.TEXT
        for text in [str((draft.answers.get(str(question.pk)) or {}).get("text", ""))]
        if text.strip()
    ]
    found = screening.screen(
        written,
        council_id=consultation.council_id,
        language=draft.language,
        stamp=screening.lexicon_stamp_of(consultation),
    )
    # A receipt code is random: two responses may draw the same one, rarely enough that trying
    # again with a new one is the whole answer.
    for _attempt in range(3):
        response = Response(
            consultation=consultation,
            council_id=consultation.council_id,
            submission_id=submission_id,
            fingerprint=fingerprint,
            age_band=draft.age_band,
            language=draft.language,
            easy_read=draft.easy_read,
            access_code=via_code,
            name=draft.name.strip() if consultation.identified else "",
            flagged=found is not None,
        )
        try:
            if found is None:
                _store(response, draft)
            else:
                _store_flagged(response, draft, questions, found)
        except IntegrityError:
            # Another request with this id got there first: same answers, same receipt.
            earlier = _earlier(submission_id, fingerprint)
            if earlier is not None:
                return earlier
            continue
        return Receipt(code=response.receipt, flagged=found is not None, created=True)
    raise IntegrityError("no free receipt code")


def _store(response: Response, draft: Draft) -> None:
    """One insert, with the answers as sent. On its own it commits by itself; inside a caller's
    transaction (a data load, a test) a savepoint keeps a duplicate from spoiling it."""
    response.sent = {"answers": draft.answers, "profile": draft.profile}
    if connection.in_atomic_block:
        with transaction.atomic():
            response.save(force_insert=True)
    else:
        response.save(force_insert=True)


def _store_flagged(
    response: Response, draft: Draft, questions: list[Question], found: screening.Found
) -> None:
    """A possible disclosure: the response, its answers as rows and the concern, together, and
    the lead and deputy told once it is committed."""
    with transaction.atomic():
        response.save(force_insert=True)
        Answer.objects.bulk_create(answer_rows.answer_rows(response.pk, draft.answers, questions))
        ProfileAnswer.objects.bulk_create(answer_rows.profile_rows(response.pk, draft.profile))
        key = answers_key(response.submission_id, response.fingerprint)
        # The same answers refused a moment ago (a busy link) are already with the lead: the
        # concern now points at the stored response, and nobody is told twice.
        held = Concern.objects.select_for_update().filter(answers_key=key).first()
        if held is not None:
            held.response = response
            held.refused = ""
            held.held = None
            held.save(update_fields=["response", "refused", "held"])
            return
        concern = Concern.objects.create(
            response=response,
            council_id=response.council_id,
            consultation=response.consultation,
            answers_key=key,
            priority=found.priority,
            categories=sorted(found.categories),
            created_at=response.created_at,
        )
        transaction.on_commit(lambda: screening.notify_leads(concern))


def answers_key(submission_id: uuid.UUID, fingerprint: str) -> uuid.UUID:
    """One key for one submission with one set of answers."""
    return uuid.uuid5(submission_id, fingerprint)


def _written(draft: Draft) -> list[dict[str, Any]]:
    """Every written answer in a draft, whatever it claims to answer (refused answers may not
    fit the survey), as ``{"question": id or None, "text": ...}``, each cut to MAX_TEXT."""
    written = []
    for key, answer in list(draft.answers.items())[:MAX_HELD_ANSWERS]:
        text = answer.get("text") if isinstance(answer, dict) else None
        if isinstance(text, str) and text.strip():
            question = int(key) if str(key).isdigit() else None
            written.append({"question": question, "text": text[:MAX_TEXT]})
    return written


def refused_disclosure_hold(
    *, consultation: Consultation, draft: Draft, refused: str, group: str = ""
) -> Concern | None:
    """Answers that were refused (``Concern.Refused``) are still screened. A possible disclosure
    goes to the safeguarding queue with its priority, and the lead and deputy are told, exactly
    as for stored answers; the same answers refused again make no second concern."""
    written = _written(draft)
    found = screening.screen(
        [item["text"] for item in written],
        council_id=consultation.council_id,
        language=draft.language if draft.language in {"en", "cy"} else "en",
    )
    if found is None:
        return None
    try:
        submission_id = uuid.UUID(draft.submission_id)
    except ValueError:
        submission_id = uuid.uuid4()
    key = answers_key(submission_id, draft.fingerprint())
    existing = Concern.objects.filter(answers_key=key).first()
    if existing is not None:
        return existing
    held = {
        "age_band": draft.age_band if draft.age_band in AgeBand.values else "",
        "language": draft.language if draft.language in {"en", "cy"} else "",
        "name": draft.name.strip()[:200] if consultation.identified else "",
        "group": group,
        "written": written,
    }
    try:
        with transaction.atomic():
            concern = Concern.objects.create(
                council_id=consultation.council_id,
                consultation=consultation,
                answers_key=key,
                refused=refused,
                held=held,
                priority=found.priority,
                categories=sorted(found.categories),
            )
            transaction.on_commit(lambda: screening.notify_leads(concern))
    except IntegrityError:
        # The same answers refused at the same moment by another request: that one holds them.
        return Concern.objects.filter(answers_key=key).first()
    return concern


def _earlier(submission_id: uuid.UUID, fingerprint: str) -> Receipt | None:
    found = (
        Response.objects.filter(submission_id=submission_id)
        .values_list("receipt", "fingerprint", "flagged")
        .first()
    )
    if found is None:
        return None
    receipt, stored, flagged = found
    if stored != fingerprint:
        raise SubmissionConflict
    return Receipt(code=receipt, flagged=flagged, created=False)


def withdraw(*, receipt: str) -> Response | None:
    """Take a response out of everything: its answers are deleted (or, not yet expanded,
    emptied), its tallies reduced.

    The response row stays (withdrawn, with no answers) so the receipt still says what happened
    and a retried submission with the same id cannot bring it back.
    """
    code = receipt.strip().upper()
    consultation_id = (
        Response.objects.filter(receipt=code).values_list("consultation_id", flat=True).first()
    )
    if consultation_id is None:
        return None
    with transaction.atomic():
        tallies.lock(consultation_id)
        response = (
            Response.objects.select_for_update(of=("self",))
            .select_related("consultation")
            .filter(receipt=code, withdrawn_at__isnull=True)
            .first()
        )
        if response is None:
            return None
        tallies.remove(response)
        if not response.flagged:
            # A possible disclosure of harm is kept for the safeguarding lead: a child at risk
            # may withdraw, and the record of what they said must not vanish with it.
            themed = themes_holding(answer_ids=list(response.answers.values_list("pk", flat=True)))
            response.answers.all().delete()
            # Nor do the child's words stay in the names and phrases of the themes they were in.
            themes_named_again(theme_ids=themed)
        response.profile.all().delete()
        # Answers not yet expanded go with it: they were never counted, and never will be.
        response.sent = None
        response.withdrawn_at = timezone.now()
        response.name = ""
        response.save(update_fields=["withdrawn_at", "name", "sent"])
    return response

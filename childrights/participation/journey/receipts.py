"""The receipt after sending, kept briefly in a signed cookie, and a child coming back with it to
see their answers or take them back."""

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.participation import submission
from childrights.participation.journey.finding import response_by_receipt
from childrights.participation.journey.words import answer_lines, wording_for
from childrights.participation.models import Response
from childrights.participation.submission import Receipt

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

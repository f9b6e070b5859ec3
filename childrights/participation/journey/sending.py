"""Sending a child's answers once, within the public link's or the group code's limits, and
screening refused answers all the same."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from childrights.core.ratelimit import Limit
from childrights.participation import limits, submission
from childrights.participation.models import AccessCode, Concern, Consultation, Response
from childrights.participation.submission import Draft, Receipt

# How many sends one public link, or one group's code, takes in a minute before a child is asked
# to wait. Far above any real class or youth session; it stops a flood, not children.
SEND_LIMIT_PER_MINUTE: int = getattr(settings, "PARTICIPATION_SEND_LIMIT_PER_MINUTE", 600)
LINK_LIMIT = Limit("participation:link", SEND_LIMIT_PER_MINUTE, timedelta(minutes=1))
CODE_LIMIT = Limit("participation:code", SEND_LIMIT_PER_MINUTE, timedelta(minutes=1))


class LimitReached(Exception):
    """Too many answers through this link or code: nothing was stored. ``full`` when the link
    or code has taken all the responses it may (waiting will not help), else it is busy."""

    def __init__(self, *, full: bool) -> None:
        super().__init__("full" if full else "busy")
        self.full = full


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
        try:
            with _one_at_a_time_when_capped(consultation, code):
                full = allowed and is_full(consultation, code)
                if (full or not allowed) and not _already_sent(draft):
                    raise LimitReached(full=full)
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


@contextmanager
def _one_at_a_time_when_capped(
    consultation: Consultation, code: AccessCode | None
) -> Iterator[None]:
    """Where the group's code (or, without one, the public link) takes a set number of
    responses, count and store under a lock on its row, so sends that arrive together, at one
    app server or several, cannot each find one place left and all take it. Without a cap
    nothing is locked: a send is one insert."""
    capped: QuerySet[AccessCode] | QuerySet[Consultation]
    if code is not None:
        capped = AccessCode.objects.filter(pk=code.pk, responses_limit__isnull=False)
    elif consultation.responses_limit is not None:
        capped = Consultation.objects.filter(pk=consultation.pk)
    else:
        yield
        return
    with transaction.atomic():
        list(capped.select_for_update().values_list("pk", flat=True))
        yield


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

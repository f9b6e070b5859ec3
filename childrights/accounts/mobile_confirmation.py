"""A mobile number is saved only once its owner shows they have the phone: we text it a 6-digit
code, and they type it in. Until then the number and the code's hash wait in their session, for
10 minutes and 5 tries; a person is sent at most 5 codes an hour."""

import secrets
from datetime import datetime, timedelta
from typing import Any, Literal

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.ratelimit import Limit, Refusal, rate_limit_consume

SESSION_KEY = "mobile_confirmation"
CODE_MINUTES = 10
TRIES = 5
CODE_LIMIT = Limit("mobile-code:user", 5, timedelta(hours=1))

Checked = Literal["confirmed", "wrong", "expired"]


def _new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _hash(user: User, number: str, code: str) -> str:
    return salted_hmac("mobile-confirmation", f"{user.pk}:{number}:{code}").hexdigest()


def mobile_code_send(*, session: SessionBase, user: User, number: str) -> Refusal | None:
    """Text a new code to ``number`` and keep what is needed to check it. A refusal when this
    person has been sent too many codes this hour (nothing is sent)."""
    from childrights.core.tasks import send_text

    refusal = rate_limit_consume(CODE_LIMIT, str(user.pk))
    if refusal is not None:
        return refusal
    code = _new_code()
    session[SESSION_KEY] = {
        "user": user.pk,
        "number": number,
        "hash": _hash(user, number, code),
        "until": (timezone.now() + timedelta(minutes=CODE_MINUTES)).isoformat(),
        "tries": 0,
    }
    body = _(
        "Your Rights at the Heart code is %(code)s. Enter it to confirm this mobile number for "
        "urgent alerts. It works for %(minutes)s minutes."
    ) % {"code": code, "minutes": CODE_MINUTES}
    send_text.enqueue(kind="mobile_confirmation", body=body, to=[number], fields={})
    return None


def mobile_code_waiting(*, session: SessionBase, user: User) -> str | None:
    """The number waiting for its code, or None."""
    pending: dict[str, Any] | None = session.get(SESSION_KEY)
    if not pending or pending.get("user") != user.pk:
        return None
    number: str = pending["number"]
    return number


def mobile_code_check(*, session: SessionBase, user: User, code: str) -> Checked:
    """Whether ``code`` is the one texted; on "confirmed" or "expired" the code is gone."""
    pending: dict[str, Any] | None = session.get(SESSION_KEY)
    if not pending or pending.get("user") != user.pk:
        return "expired"
    until = datetime.fromisoformat(pending["until"])
    if timezone.now() > until or pending["tries"] >= TRIES:
        del session[SESSION_KEY]
        return "expired"
    if constant_time_compare(pending["hash"], _hash(user, pending["number"], code)):
        del session[SESSION_KEY]
        return "confirmed"
    pending["tries"] += 1
    session[SESSION_KEY] = pending
    return "wrong"

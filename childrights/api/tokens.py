"""Council API tokens: making, listing and revoking them, and checking one a request brings.

A secret is ``rah_`` and 40 random letters and digits (about 238 bits), so that it can be
recognised in a file or a log it should not be in. Only its SHA-256 hash is stored, with its first
twelve characters (``prefix``) to find it by and to show in the list; the hash of what a request
brings is compared with the stored one in constant time. A token is for one council, allows only
the actions chosen for it, is valid until the end of its expiry date and can be revoked at any
time. Every use, allowed or refused, is written to the audit log with the token's id and name,
the action and the outcome, never the secret.
"""

import hashlib
import hmac
import secrets
import string
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.api.models import CouncilToken
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.clients import client_ip, client_key
from childrights.core.models import AuditEvent
from childrights.core.ratelimit import Limit, rate_limit_allow, rate_limit_count
from childrights.core.tenancy import get_owned_or_404
from childrights.councils.models import Council

Action = CouncilToken.Action
SCHEME = "rah_"
RANDOM_LENGTH = 40
ALPHABET = string.ascii_letters + string.digits
PREFIX_LENGTH = len(SCHEME) + 8
DEFAULT_DAYS = 90
MAX_DAYS = 366
# Leads manage the council's tokens: the capability that lets them manage its members. The
# programme team does not see a council's tokens (programme_team=False).
MANAGES = "manage_members"
# Requests a minute one token may make, counted in the database so that every app server sees
# the same count: enough for any import or read, not for a runaway loop.
REQUESTS_PER_MINUTE = 300


# --- the secret -------------------------------------------------------------------------------


def new_secret() -> str:
    return SCHEME + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_secret(text: str) -> bool:
    random_part = text[len(SCHEME) :]
    return (
        text.startswith(SCHEME)
        and len(random_part) == RANDOM_LENGTH
        and all(character in ALPHABET for character in random_part)
    )


# --- rules ------------------------------------------------------------------------------------


def default_expiry(today: date) -> date:
    return today + timedelta(days=DEFAULT_DAYS)


def latest_expiry(today: date) -> date:
    return today + timedelta(days=MAX_DAYS)


def expiry_problem(expires_on: date, today: date) -> str | None:
    """Why a token cannot expire on this date, or None when it can."""
    if expires_on <= today:
        return _("The expiry date must be in the future")
    if expires_on > latest_expiry(today):
        return _("The expiry date must be within a year, on or before %(day)s") % {
            "day": date_format(latest_expiry(today), "j F Y")
        }
    return None


class Status:
    LIVE = "live"
    EXPIRED = "expired"
    REVOKED = "revoked"


def status_of(token: CouncilToken, today: date) -> str:
    if token.revoked_at is not None:
        return Status.REVOKED
    if token.expires_on < today:
        return Status.EXPIRED
    return Status.LIVE


def action_labels(token: CouncilToken) -> list[str]:
    return [str(Action(action).label) for action in Action.values if action in token.actions]


# --- reads, for the council's leads -----------------------------------------------------------


def council_for_leads_or_404(*, request: HttpRequest, council_id: int) -> Council:
    """The council whose tokens a lead manages; 404 to everyone else, the programme team too."""
    return council_for_user_or_404(
        request=request, council_id=council_id, capability=MANAGES, programme_team=False
    )


def tokens_of(*, council: Council) -> QuerySet[CouncilToken]:
    return CouncilToken.objects.filter(council=council).select_related("created_by")


def token_or_404(*, request: HttpRequest, token_id: int) -> CouncilToken:
    """One of the council's tokens, for its leads; 404 to everyone else."""
    return get_owned_or_404(
        CouncilToken.objects.select_related("council", "created_by"),
        request=request,
        capability=MANAGES,
        programme_team=False,
        pk=token_id,
    )


def name_taken(*, council: Council, name: str) -> bool:
    return CouncilToken.objects.filter(
        council=council, name__iexact=name, revoked_at__isnull=True
    ).exists()


# --- writes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    token: CouncilToken
    secret: str  # shown once, to the person who made it, and never stored


@transaction.atomic
def token_create(
    *,
    actor: Actor,
    council: Council,
    name: str,
    actions: list[str],
    expires_on: date,
) -> Created:
    chosen = [action for action in Action.values if action in set(actions)]
    if not chosen or len(chosen) != len(set(actions)):
        raise ValueError("A token needs at least one action, each from the list")
    problem = expiry_problem(expires_on, timezone.localdate())
    if problem:
        raise ValueError(problem)
    secret = new_secret()
    person = actor.person
    token = CouncilToken.objects.create(
        council=council,
        name=name,
        actions=chosen,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=secret_hash(secret),
        expires_on=expires_on,
        created_by_id=person.pk if person is not None else None,
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=token,
        detail={"actions": chosen, "expires_on": expires_on.isoformat(), "prefix": token.prefix},
    )
    return Created(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, actor: Actor, token: CouncilToken) -> CouncilToken:
    """Stop the token working at once; revoking it again changes nothing."""
    locked = CouncilToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return locked
    person = actor.person
    locked.revoked_at = timezone.now()
    locked.revoked_by_id = person.pk if person is not None else None
    locked.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(action=AuditEvent.Action.DELETE, actor=actor, obj=locked, detail={"revoked": True})
    return locked


# --- a request that brings a token ------------------------------------------------------------


class TokenRefused(Exception):
    """The request's token cannot do this: ``status`` is 401 or 403, ``code`` says why."""

    def __init__(
        self, status: int, code: str, message: str, *, retry_after_seconds: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after_seconds = retry_after_seconds


def _bearer(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    value = value.strip()
    return value if looks_like_secret(value) else None


def _found(secret: str) -> CouncilToken | None:
    wanted = secret_hash(secret)
    for candidate in CouncilToken.objects.select_related("council").filter(
        prefix=secret[:PREFIX_LENGTH]
    ):
        if hmac.compare_digest(candidate.secret_hash, wanted):
            return candidate
    return None


def _who(token: CouncilToken) -> str:
    return f"API token {token.pk} ({token.name})"


def use_audit(
    *,
    request: HttpRequest,
    token: CouncilToken | None,
    action: str,
    outcome: str,
    detail: dict[str, Any] | None = None,
    audit_action: str = AuditEvent.Action.VIEW,
) -> None:
    """One row for one use of the council API: which token, which action, what happened."""
    audit_record(
        action=audit_action,
        actor=Actor(client_ip=client_ip(request)),
        actor_email=_who(token) if token is not None else "",
        obj=token,
        council=token.council if token is not None else None,
        detail={
            "api": "council",
            "api_action": action,
            "outcome": outcome,
            "path": request.path[:500],
            "method": request.method or "",
            **(detail or {}),
        },
    )


def _limit(scope: str, per_minute: int) -> Limit:
    return Limit(scope=scope, per_window=per_minute, window=timedelta(minutes=1))


# Requests without a working token from one client (an IPv4 address or an IPv6 /64) in a minute,
# before the client is refused without its token being looked up.
FAILED_TOKENS_PER_MINUTE = 10


def _first_this_minute(what: str, key: str) -> bool:
    """Whether this is the first time this minute that ``what`` happened for ``key``: repeats
    are refused just the same but not written to the audit log one by one, which anyone could
    otherwise fill with rows that can never be deleted."""
    return rate_limit_allow(_limit(f"api:once:{what}"[:40], 1), key) is None


def _refuse(
    request: HttpRequest,
    refusal: TokenRefused,
    *,
    action: str,
    token: CouncilToken | None,
    audit_once_for: str | None = None,
) -> TokenRefused:
    if audit_once_for is None or _first_this_minute(refusal.code, audit_once_for):
        use_audit(
            request=request,
            token=token,
            action=action,
            outcome=refusal.code,
            audit_action=AuditEvent.Action.ACCESS_DENIED,
            detail=None if audit_once_for is None else {"repeats_this_minute_not_recorded": True},
        )
    return refusal


def token_for(request: HttpRequest, *, action: str) -> CouncilToken:
    """The live token the request brings, allowed ``action``; otherwise ``TokenRefused``: 401
    for a missing, malformed, unknown, expired or revoked token, 403 for one not allowed the
    action, 429 for a token past its requests a minute or a client past its requests without a
    working token. Each refusal is audited, except that a missing or unknown token, and a 429,
    is audited once a minute for its client (or token), however many there are."""
    client = client_key(request)
    client_failures = _limit("api:council:client-failures", FAILED_TOKENS_PER_MINUTE)
    if rate_limit_count(client_failures, client) >= client_failures.per_window:
        raise _refuse(
            request,
            TokenRefused(
                429,
                "too_many_failed_requests",
                f"More than {FAILED_TOKENS_PER_MINUTE} requests a minute without a working "
                "token from this address: wait, then ask again",
                retry_after_seconds=60,
            ),
            action=action,
            token=None,
            audit_once_for=client,
        )
    secret = _bearer(request)
    token = _found(secret) if secret is not None else None
    failed: TokenRefused | None = None
    if secret is None:
        failed = TokenRefused(
            401,
            "token_missing",
            "Send a council API token in the Authorization header: Bearer rah_…",
        )
    elif token is None:
        failed = TokenRefused(401, "token_unknown", "The token is not recognised")
    elif token.revoked_at is not None:
        failed = TokenRefused(401, "token_revoked", "The token has been revoked")
    elif token.expires_on < timezone.localdate():
        failed = TokenRefused(401, "token_expired", "The token has expired")
    if failed is not None or token is None:
        failed = failed or TokenRefused(401, "token_unknown", "The token is not recognised")
        rate_limit_allow(client_failures, client)
        # A token that exists (revoked or expired) is audited each time, against its council;
        # a missing or made-up one, once a minute for the client.
        raise _refuse(
            request,
            failed,
            action=action,
            token=token,
            audit_once_for=client if token is None else None,
        )
    if rate_limit_allow(_limit("api:council", REQUESTS_PER_MINUTE), str(token.pk)) is not None:
        raise _refuse(
            request,
            TokenRefused(
                429,
                "too_many_requests",
                f"More than {REQUESTS_PER_MINUTE} requests a minute: wait, then ask again",
                retry_after_seconds=60,
            ),
            action=action,
            token=token,
            audit_once_for=f"token {token.pk}",
        )
    if action not in token.actions:
        raise _refuse(
            request,
            TokenRefused(403, "action_not_allowed", "The token is not allowed to do this"),
            action=action,
            token=token,
        )
    CouncilToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def owned_or_404(
    queryset: QuerySet[Any],
    *,
    request: HttpRequest,
    token: CouncilToken,
    action: str,
    **lookup: Any,
) -> Any:
    """One record of the token's council from ``queryset`` (a selector's), or 404: a record of
    another council is answered as one that does not exist, and the refusal is audited."""
    found = queryset.filter(**lookup).first()
    if found is None:
        use_audit(
            request=request,
            token=token,
            action=action,
            outcome="not_found",
            audit_action=AuditEvent.Action.ACCESS_DENIED,
        )
        raise Http404
    return found

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.tenancy import visible_council_ids


def require_programme_team(request: HttpRequest) -> None:
    """Pages for the national programme team only; to anyone else they do not exist (404)."""
    user = request.user
    if getattr(user, "is_programme_team", False) and getattr(user, "is_verified", lambda: False)():
        return
    if request.user.is_authenticated:
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            request=request,
            detail={"path": request.path[:500]},
        )
    raise Http404


def has_capability_in(user: Any, council_id: int, capability: str) -> bool:
    """The programme team anywhere; members whose role grants the capability in their council."""
    allowed = visible_council_ids(user, capability)
    return allowed is None or council_id in allowed


def require_capability(request: HttpRequest, council_id: int, capability: str) -> None:
    """For people who can already see the council's record: 403 (audited) if their role does
    not allow this. Outsiders never get this far: the selector has already answered 404."""
    if has_capability_in(request.user, council_id, capability):
        return
    audit_record(
        action=AuditEvent.Action.ACCESS_DENIED,
        request=request,
        detail={"path": request.path[:500], "capability": capability},
    )
    raise PermissionDenied

"""Who may do what. A capability an action needs is asked for in the fetch (``needs`` on a
selector, core.tenancy), which answers 403 to members without it. ``has_capability_in`` is here for
what a page shows (a button, a column), beside the check for the programme team's own pages."""

from django.http import Http404, HttpRequest

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.tenancy import has_capability_in

__all__ = ["has_capability_in", "require_programme_team"]


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

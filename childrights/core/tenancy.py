"""Council tenancy: the only way views reach council-owned records.

A council-owned model has a ``council`` foreign key (or names the path to one). Selectors pass
their queryset through :func:`scoped` or :func:`get_owned_or_404`, which keep only the councils
the user belongs to. Anyone outside the owning council gets a 404, never a 403: a 403 would
confirm that the record exists. Each refusal of an existing record is written to the audit log.

An action on a record (changing it, exporting it) may need more than seeing it. A selector passes
the capability the action needs as ``needs``: members of the council whose role lacks it get a 403,
also audited, because they already know the record exists. Asking in the fetch, rather than in a
check each view must remember to write after it, keeps the two answers in one place.
"""

from typing import Any, Protocol, TypeVar, runtime_checkable

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent

M = TypeVar("M", bound=models.Model)


@runtime_checkable
class TenantUser(Protocol):
    """What tenancy needs to know about a user; the accounts app's User provides it."""

    @property
    def is_programme_team(self) -> bool: ...

    def council_ids(self, capability: str | None = None) -> frozenset[int]: ...


def visible_council_ids(
    user: Any, capability: str | None = None, *, programme_team: bool = True
) -> frozenset[int] | None:
    """Council ids the user may see, or None when the user may see every council.

    ``programme_team=False`` is for records so sensitive that even the national programme team
    sees only the councils it is a member of (a council's child-level data, for example).
    """
    if not getattr(user, "is_authenticated", False) or not isinstance(user, TenantUser):
        return frozenset()
    if user.is_programme_team and programme_team:
        return None
    return user.council_ids(capability)


def scoped(
    queryset: models.QuerySet[M],
    user: Any,
    *,
    council_path: str = "council",
    capability: str | None = None,
    programme_team: bool = True,
) -> models.QuerySet[M]:
    """Only the rows of councils the user belongs to (with the capability, if one is named)."""
    allowed = visible_council_ids(user, capability, programme_team=programme_team)
    if allowed is None:
        return queryset
    return queryset.filter(**{f"{council_path}__in": allowed})


def get_owned_or_404(
    queryset: models.QuerySet[M],
    *,
    request: HttpRequest,
    council_path: str = "council",
    capability: str | None = None,
    programme_team: bool = True,
    needs: str | None = None,
    **lookup: Any,
) -> M:
    """One record the user may reach, or 404 (recorded in the audit log when it exists).

    ``capability`` narrows who may reach the record at all: members whose role lacks it are
    answered as outsiders are (404), for records whose existence is not theirs to know.
    ``needs`` is the capability of an action on a record the member may see: without it they get
    403 (audited, naming it), as from :func:`require_capability`. The programme team has every
    capability, but ``programme_team=False`` still keeps it to the councils it belongs to.
    """
    try:
        found = scoped(
            queryset,
            request.user,
            council_path=council_path,
            capability=capability,
            programme_team=programme_team,
        ).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        found = None
    if found is not None:
        if needs is not None:
            require_capability(request, _council_id_of(found, council_path), needs)
        return found
    existing = queryset.filter(**lookup).first() if _lookup_is_valid(lookup) else None
    if existing is not None:
        audit_record(
            action=AuditEvent.Action.ACCESS_DENIED,
            request=request,
            obj=existing,
            council=_council_of(existing, council_path),
            detail={"path": request.path[:500], "capability": capability or ""},
        )
    raise Http404


def has_capability_in(user: Any, council_id: int | None, capability: str) -> bool:
    """The programme team anywhere; members whose role grants the capability in their council."""
    allowed = visible_council_ids(user, capability)
    return allowed is None or council_id in allowed


def require_capability(request: HttpRequest, council_id: int | None, capability: str) -> None:
    """For people who can already see the council's record: 403 (audited) if their role does
    not allow this. Outsiders never get this far: the selector has already answered 404.
    Selectors ask for it with ``needs``; a view calls it only for a check that follows no fetch."""
    if has_capability_in(request.user, council_id, capability):
        return
    audit_record(
        action=AuditEvent.Action.ACCESS_DENIED,
        request=request,
        detail={"path": request.path[:500], "capability": capability},
    )
    raise PermissionDenied


def _lookup_is_valid(lookup: dict[str, Any]) -> bool:
    return all(value is not None for value in lookup.values())


def _council_id_of(obj: models.Model, council_path: str) -> int | None:
    """The owning council's id, read from the last foreign key (no query for the council)."""
    if council_path in {"pk", "id"}:
        return int(obj.pk)
    *through, last = council_path.split("__")
    target: Any = obj
    for part in through:
        target = getattr(target, part, None)
        if target is None:
            return None
    council_id = getattr(target, f"{last}_id", None)
    return council_id if isinstance(council_id, int) else None


def _council_of(obj: models.Model, council_path: str) -> Any:
    if council_path in {"pk", "id"}:
        return obj
    target: Any = obj
    for part in council_path.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target if isinstance(target, models.Model) else None

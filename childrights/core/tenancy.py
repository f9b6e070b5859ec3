"""Council tenancy: the only way views reach council-owned records.

A council-owned model has a ``council`` foreign key (or names the path to one). Selectors pass
their queryset through :func:`scoped` or :func:`get_owned_or_404`, which keep only the councils
the user belongs to. Anyone outside the owning council gets a 404, never a 403: a 403 would
confirm that the record exists. Each refusal of an existing record is written to the audit log.
"""

from typing import Any, Protocol, TypeVar, runtime_checkable

from django.core.exceptions import ObjectDoesNotExist
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
    **lookup: Any,
) -> M:
    """One record the user may reach, or 404 (recorded in the audit log when it exists)."""
    try:
        return scoped(
            queryset,
            request.user,
            council_path=council_path,
            capability=capability,
            programme_team=programme_team,
        ).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        pass
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


def _lookup_is_valid(lookup: dict[str, Any]) -> bool:
    return all(value is not None for value in lookup.values())


def _council_of(obj: models.Model, council_path: str) -> Any:
    if council_path in {"pk", "id"}:
        return obj
    target: Any = obj
    for part in council_path.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target if isinstance(target, models.Model) else None

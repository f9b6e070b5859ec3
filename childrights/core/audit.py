"""The one way to write to the audit log."""

from collections.abc import Mapping
from typing import Any, Protocol

from django.db import models
from django.http import HttpRequest

from childrights.core.clients import client_ip
from childrights.core.models import AuditEvent


class _Council(Protocol):
    pk: Any
    name: str


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    actor_email: str = "",
    obj: models.Model | None = None,
    council: _Council | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. The actor defaults to the request's signed-in user."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if actor is not None and not actor_email:
        actor_email = getattr(actor, "email", "")
    if council is None and obj is not None:
        council = getattr(obj, "council", None)
    return AuditEvent.objects.create(
        actor=actor,
        actor_email=actor_email[:254],
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        council_id=council.pk if council is not None else None,
        council_name=council.name[:200] if council is not None else "",
        client_ip=client_ip(request) if request is not None else None,
        detail=dict(detail or {}),
    )

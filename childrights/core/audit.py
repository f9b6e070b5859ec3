"""The one way to write to the audit log."""

from collections.abc import Mapping
from typing import Any, Protocol

from django.db import models
from django.http import HttpRequest

from childrights.core.actors import Actor
from childrights.core.models import AuditEvent


class _Council(Protocol):
    pk: Any
    name: str


def audit_record(
    *,
    action: str,
    actor: Actor | None = None,
    request: HttpRequest | None = None,
    actor_email: str = "",
    obj: models.Model | None = None,
    council: _Council | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event by the actor: the person and the address they acted from. Without an
    actor, the request's (a view that writes no record through a service); with neither, the
    system's."""
    if actor is None:
        actor = Actor.from_request(request) if request is not None else Actor()
    person = actor.person
    if person is not None and not actor_email:
        actor_email = person.email
    if council is None and obj is not None:
        council = getattr(obj, "council", None)
    return AuditEvent.objects.create(
        actor_id=person.pk if person is not None else None,
        actor_email=actor_email[:254],
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        council_id=council.pk if council is not None else None,
        council_name=council.name[:200] if council is not None else "",
        client_ip=actor.client_ip,
        detail=dict(detail or {}),
    )

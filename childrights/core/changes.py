"""Helpers for writes: what changed on a record (and saving and auditing just that), and
bilingual fields from data files."""

from collections.abc import Mapping
from typing import Any

from django.db import models

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent


def apply_changes(instance: models.Model, values: Mapping[str, Any]) -> dict[str, list[str]]:
    """Set the values that differ and return them as ``{field: [before, after]}`` for the audit
    log. The instance is not saved; an empty result means nothing changed."""
    changed = {}
    for name, value in values.items():
        before = getattr(instance, name)
        if before != value:
            changed[name] = [str(before), str(value)]
            setattr(instance, name, value)
    return changed


def save_changes(
    *, actor: Actor, instance: models.Model, values: Mapping[str, Any], council: Any = None
) -> dict[str, list[str]]:
    """Set the values that differ and, when any do, save the record and write the update, with
    what changed, to the audit log (``council`` where the record has no ``council`` of its own).
    Returns what changed; empty, nothing was saved or written. The caller holds the
    transaction."""
    changed = apply_changes(instance, values)
    if changed:
        instance.save()
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            obj=instance,
            council=council,
            detail={"changed": changed},
        )
    return changed


def bilingual_fields(row: Mapping[str, Any], key: str, field: str | None = None) -> dict[str, str]:
    """``{"name": {"en": .., "cy": ..}}`` becomes ``{"name_en": .., "name_cy": ..}``; a missing
    key gives empty texts."""
    field = field or key
    value = row.get(key) or {"en": "", "cy": ""}
    return {f"{field}_en": value["en"], f"{field}_cy": value["cy"]}

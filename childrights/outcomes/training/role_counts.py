"""How many people hold each role in a council, from a date: the numbers that coverage is
worked out of, read in order, saved (a second number for the same date replaces it) and
removed, each write audited and followed by recomputing that role's computed coverage.
"""

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.outcomes.models import RoleCount
from childrights.outcomes.training.coverage import _refresh
from childrights.outcomes.training.refusals import TrainingRefused, _role

MAX_ROLE_COUNT = 100_000


def role_counts(*, council: Council) -> QuerySet[RoleCount]:
    return RoleCount.objects.filter(council=council).order_by("role", "-as_of", "pk")


@transaction.atomic
def role_count_save(
    *, actor: Actor, council: Council, role: str, count: int, as_of: date
) -> RoleCount:
    """How many people hold a role from a date; a second number for the same date replaces it."""
    role = _role(role, "role")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_ROLE_COUNT:
        raise TrainingRefused(
            _("Enter a whole number of people between 1 and %(most)s") % {"most": MAX_ROLE_COUNT},
            field="count",
        )
    if not isinstance(as_of, date):
        raise TrainingRefused(_("Enter the date the number applies from"), field="as_of")
    saved, created = RoleCount.objects.update_or_create(
        council=council, role=role, as_of=as_of, defaults={"count": count}
    )
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        actor=actor,
        obj=saved,
        detail={"role": role, "count": count, "as_of": as_of.isoformat()},
    )
    _refresh(council, role)
    return saved


@transaction.atomic
def role_count_remove(*, actor: Actor, role_count: RoleCount) -> None:
    council, role = role_count.council, role_count.role
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=role_count,
        detail={"role": role, "count": role_count.count, "as_of": role_count.as_of.isoformat()},
    )
    role_count.delete()
    _refresh(council, role)

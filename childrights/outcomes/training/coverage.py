"""Coverage of training by role, computed from the training records (never typed in): how
many people in each role were trained on a date out of how many hold it, and the computed
coverage indicators whose quarterly values are refreshed from it whenever a write changes
the records, and every day for a quarter that has begun.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from childrights.councils.models import Council
from childrights.outcomes.models import (
    Attendance,
    Measurement,
    OutcomeIndicator,
    RoleCount,
    Trainee,
    TrainingRole,
)
from childrights.outcomes.training.dates import quarter_end_on_or_before, quarter_ends

ONE_DECIMAL = Decimal("0.1")
# An indicator with ``computed_from`` "training:<role>" is that role's coverage.
COMPUTED_PREFIX = "training:"
COMPUTED_NOTE = "Computed from training records"


# Coverage ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    role: str
    role_label: str
    trained: int
    total: int | None
    share: Decimal | None


def _share(trained: int, total: int | None) -> Decimal | None:
    if not total:
        return None
    return (Decimal(trained) * 100 / Decimal(total)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def coverage(*, council: Council, on: date) -> list[Coverage]:
    """How many people in each role were trained on a date, out of how many hold the role.

    One entry per role that has a number of people on or before ``on`` or any trainee, in the
    order of ``TrainingRole``. A person counts as trained for their role when, on that date,
    they have not left it (``left_on`` after the date, or none) and have completed, on or before
    the date, a course that counts for that role whose completion is still valid (it is valid
    until ``expires_on``, that day included). The total is the latest number in the role on or
    before the date; the share is trained out of total as a percentage, rounded half up to one
    decimal place, and None without a total.
    """
    totals: dict[str, int] = {}
    for role, count in (
        RoleCount.objects.filter(council=council, as_of__lte=on)
        .order_by("role", "as_of", "pk")
        .values_list("role", "count")
    ):
        totals[role] = count  # the latest date wins
    with_trainees = set(
        Trainee.objects.filter(council=council).values_list("role", flat=True).distinct()
    )
    trained: dict[str, set[int]] = {}
    for role, trainee_id in (
        Attendance.objects.filter(
            session__course__council=council,
            trainee__council=council,
            status=Attendance.Status.COMPLETED,
            completed_on__lte=on,
        )
        .filter(Q(trainee__left_on__isnull=True) | Q(trainee__left_on__gt=on))
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .filter(session__course__counts_for=F("trainee__role"))
        .values_list("trainee__role", "trainee_id")
    ):
        trained.setdefault(role, set()).add(trainee_id)
    found = []
    for role in TrainingRole:
        if role.value not in totals and role.value not in with_trainees:
            continue
        total = totals.get(role.value)
        count = len(trained.get(role.value, set()))
        found.append(Coverage(role.value, str(role.label), count, total, _share(count, total)))
    return found


# Coverage as an indicator --------------------------------------------------------------------


def computed_indicators(*, council: Council, role: str) -> QuerySet[OutcomeIndicator]:
    return OutcomeIndicator.objects.filter(
        Q(council__isnull=True) | Q(council=council), computed_from=f"{COMPUTED_PREFIX}{role}"
    )


def coverage_indicator(*, council: Council, role: str) -> OutcomeIndicator | None:
    return computed_indicators(council=council, role=role).order_by("council_id", "pk").first()


def coverage_measurements_refresh(*, council: Council, role: str, today: date | None = None) -> int:
    """Replace the council's computed coverage values for ``role``: one a quarter end, from the
    quarter of the first completion for that role to the latest quarter end on or before today,
    where there is a total to divide by. Returns how many values were stored."""
    today = today or timezone.localdate()
    found = list(computed_indicators(council=council, role=role))
    if not found:
        return 0
    Measurement.objects.filter(council=council, indicator__in=found).delete()
    first = (
        Attendance.objects.filter(
            trainee__council=council,
            trainee__role=role,
            session__course__council=council,
            session__course__counts_for=role,
            status=Attendance.Status.COMPLETED,
        )
        .order_by("completed_on")
        .values_list("completed_on", flat=True)
        .first()
    )
    if first is None:
        return 0
    values = []
    for end in quarter_ends(first, quarter_end_on_or_before(today)):
        share = next(
            (entry.share for entry in coverage(council=council, on=end) if entry.role == role),
            None,
        )
        if share is not None:
            values.append((end, share))
    Measurement.objects.bulk_create(
        Measurement(
            council=council,
            indicator=indicator,
            period_end=end,
            value=share,
            note=COMPUTED_NOTE,
        )
        for indicator in found
        for end, share in values
    )
    return len(values) * len(found)


def coverage_refresh_all(*, today: date | None = None) -> int:
    """Every council's computed coverage values, brought up to the latest quarter end (a new
    quarter begins without any training record changing). Returns how many values were stored."""
    stored = 0
    roles = sorted(
        {
            *Trainee.objects.order_by().values_list("council_id", "role").distinct(),
            *RoleCount.objects.order_by().values_list("council_id", "role").distinct(),
        }
    )
    councils = Council.objects.in_bulk({council_id for council_id, _role in roles})
    for council_id, role in roles:
        stored += coverage_measurements_refresh(
            council=councils[council_id], role=role, today=today
        )
    return stored


def _refresh(council: Council, *roles: str) -> None:
    for role in dict.fromkeys(roles):
        coverage_measurements_refresh(council=council, role=role)

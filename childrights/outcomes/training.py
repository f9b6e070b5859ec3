"""Training in children's rights: courses, sessions, who attended and completed them, how many
people hold each role, and the coverage computed from those records (never typed in).

Reads are scoped to a council. Writes are audited; a write that can change coverage recomputes
the council's computed coverage measurements for the roles it touches.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q

from childrights.councils.models import Council
from childrights.outcomes.models import Attendance, RoleCount, Trainee, TrainingRole

ONE_DECIMAL = Decimal("0.1")


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
    the date, a course that counts for that role whose completion has not run out (it runs out
    on ``expires_on``). The total is the latest number in the role on or before the date; the
    share is trained out of total as a percentage, rounded half up to one decimal place, and
    None without a total.
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
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=on))
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

"""What waits for a member of staff in impact assessments (``core.waiting``): assessments sent
for sign-off to this accountable officer (never their own)."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.assessments.models import Assessment
from childrights.assessments.workflow.rules import SIGN_OFF
from childrights.core.waiting import Waiting


def waiting_work(user: User, today: date) -> Iterable[Waiting]:
    signers = user.council_ids(SIGN_OFF)
    awaiting = (
        Assessment.objects.filter(council_id__in=signers, state=Assessment.State.AWAITING_SIGN_OFF)
        .exclude(created_by=user)
        # Those sent to this officer by name, and those sent before officers were named.
        .filter(Q(sign_off_officer__isnull=True) | Q(sign_off_officer=user))
        .select_related("council")
        .order_by("updated_at", "pk")
    )
    for assessment in awaiting:
        yield Waiting(
            kind="sign_off",
            text=_("%(reference)s: %(title)s")
            % {
                "reference": assessment.reference,
                "title": assessment.title,
            },
            url=reverse("assessments:sign_off", args=[assessment.pk]),
            council=assessment.council.short_name,
        )

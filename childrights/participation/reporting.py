"""What other apps read of a council's participation, for their reports and evidence: counts of
what happened between two dates or moments, and consultations named by id.

A progress report (``outcomes.reports``) counts these; it reads them here rather than from
participation's tables, so the rules of what counts (a draft never opened, a withdrawn response
is no answer, a commitment counts once children can see it) stay with participation. Moments are
half-open: ``since`` is counted, ``before`` is not.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from childrights.councils.models import Council
from childrights.participation.models import Commitment, CommitmentUpdate, Consultation, Response


def consultations_opened(
    *, council: Council, first_day: datetime.date, last_day: datetime.date
) -> int:
    """Consultations that opened to children on a day from ``first_day`` to ``last_day``, both
    counted; a draft never opened."""
    return (
        Consultation.objects.filter(
            council=council, opens_on__gte=first_day, opens_on__lte=last_day
        )
        .exclude(status=Consultation.Status.DRAFT)
        .count()
    )


def children_answered(
    *, council: Council, since: datetime.datetime, before: datetime.datetime
) -> int:
    """Children who answered the council's consultations between two moments: a response each,
    withdrawn ones left out."""
    return Response.objects.filter(
        consultation__council=council,
        created_at__gte=since,
        created_at__lt=before,
        withdrawn_at__isnull=True,
    ).count()


def commitments_published(
    *, council: Council, since: datetime.datetime, before: datetime.datetime
) -> int:
    """Commitments published to children between two moments; one still being drafted is not."""
    return Commitment.objects.filter(
        consultation__council=council, published_at__gte=since, published_at__lt=before
    ).count()


@dataclass(frozen=True)
class CommitmentsToDate:
    published: int
    done: int


def commitments_to_date(
    *, council: Council, before: datetime.datetime, done_on: datetime.date
) -> CommitmentsToDate:
    """Commitments published to children before a moment, and how many of them were done on a
    day: by the last dated update on or before it; one never updated by the status it was given;
    one whose updates all came later was not."""
    published = list(
        Commitment.objects.filter(consultation__council=council, published_at__lt=before)
        .order_by("pk")
        .values_list("pk", "status")
    )
    updated: set[int] = set()
    as_at: dict[int, str] = {}
    for commitment_id, made_on, status in (
        CommitmentUpdate.objects.filter(commitment_id__in=[pk for pk, _ in published])
        .order_by("made_on", "pk")
        .values_list("commitment_id", "made_on", "status")
    ):
        updated.add(commitment_id)
        if made_on <= done_on:
            as_at[commitment_id] = status
    done = 0
    for pk, status in published:
        current = as_at.get(pk, "" if pk in updated else status)
        done += current == Commitment.Status.DONE
    return CommitmentsToDate(published=len(published), done=done)


def consultation_titles(*, council: Council, ids: Iterable[int]) -> dict[int, str]:
    """The English title of each of ``ids`` that is one of the council's consultations."""
    rows = Consultation.objects.filter(council=council, pk__in=ids)
    return {pk: str(title) for pk, title in rows.values_list("pk", "title_en")}

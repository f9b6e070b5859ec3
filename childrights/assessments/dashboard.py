"""The council lead's view of assessments and commissioning; reminders of reviews falling due;
and the decisions the council records, so it can see how many had an impact assessment."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.accounts.selectors import council_leads
from childrights.assessments.models import Assessment, DecisionRecord, Project
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.changes import save_changes
from childrights.core.models import AuditEvent
from childrights.core.presenters import day_text
from childrights.councils.models import Council

State = Assessment.State
REMIND_WITHIN = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class DecisionShare:
    """Decisions recorded in the last 12 months, and how many had an impact assessment."""

    since: datetime.date
    until: datetime.date
    total: int
    assessed: int

    @property
    def share(self) -> float | None:
        return self.assessed / self.total if self.total else None


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def assessments_by_state(council: Council) -> list[Tally]:
    """Every state, in order, with how many of the council's assessments are in it."""
    counts = dict(
        Assessment.objects.filter(council=council)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Tally(state.value, str(state.label), counts.get(state.value, 0))
        for state in Assessment.State
    ]


def reviews_overdue(council: Council, *, today: datetime.date | None = None) -> list[Assessment]:
    """Assessments whose review date has passed and that are not closed."""
    day = today or timezone.localdate()
    return list(
        Assessment.objects.filter(council=council, review_due_on__lt=day)
        .exclude(state=Assessment.State.CLOSED)
        .order_by("review_due_on", "pk")
    )


def decision_share(council: Council, *, today: datetime.date | None = None) -> DecisionShare:
    """Over the 12 months up to and including today: decisions recorded, and those with an
    assessment."""
    until = today or timezone.localdate()
    since = year_before(until) + datetime.timedelta(days=1)
    decisions = DecisionRecord.objects.filter(
        council=council, decided_on__gte=since, decided_on__lte=until
    )
    return DecisionShare(
        since=since,
        until=until,
        total=decisions.count(),
        assessed=decisions.filter(assessment__isnull=False).count(),
    )


def projects_by_stage(council: Council) -> list[Tally]:
    counts = dict(
        Project.objects.filter(council=council)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Tally(stage.value, str(stage.label), counts.get(stage.value, 0)) for stage in Project.Stage
    ]


def decisions_of(council: Council) -> QuerySet[DecisionRecord]:
    return DecisionRecord.objects.filter(council=council).select_related("assessment")


def assessments_to_link(council: Council) -> QuerySet[Assessment]:
    return Assessment.objects.filter(council=council).order_by("reference")


# --- reminders of reviews due ---------------------------------------------------------------


def reviews_to_remind(*, now: datetime.datetime | None = None) -> list[Assessment]:
    """Published or signed-off assessments whose review is due within 30 days (or past), not
    reminded in the last 30 days."""
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    return list(
        Assessment.objects.select_related("council", "created_by")
        .filter(
            state__in=[State.PUBLISHED, State.SIGNED_OFF],
            review_due_on__lte=today + REMIND_WITHIN,
        )
        .filter(
            Q(review_reminded_at__isnull=True) | Q(review_reminded_at__lte=moment - REMIND_WITHIN)
        )
        .order_by("review_due_on", "pk")
    )


def review_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email the author and the council's leads of each assessment due for review, each in
    their own language; returns how many assessments were reminded."""
    moment = now or timezone.now()
    return sum(1 for assessment in reviews_to_remind(now=moment) if _remind(assessment, moment))


@transaction.atomic
def _remind(assessment: Assessment, moment: datetime.datetime) -> bool:
    from childrights.core.tasks import send_email

    people = _reminded_people(assessment)
    if not people or assessment.review_due_on is None:
        return False
    claimed = (
        Assessment.objects.filter(pk=assessment.pk)
        .filter(
            Q(review_reminded_at__isnull=True) | Q(review_reminded_at__lte=moment - REMIND_WITHIN)
        )
        .update(review_reminded_at=moment)
    )
    if not claimed:
        return False
    link = settings.SITE_URL + reverse("assessments:assessment", args=[assessment.pk])
    overdue = assessment.review_due_on < timezone.localdate(moment)
    for person in people:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            values = {
                "reference": assessment.reference,
                "title": assessment.title,
                "due": day_text(assessment.review_due_on),
                "council": assessment.council.name,
                "link": link,
            }
            subject = (
                _("Review overdue: %(reference)s %(title)s")
                if overdue
                else _("Review due soon: %(reference)s %(title)s")
            ) % values
            body = (
                _(
                    "The child rights impact assessment “%(title)s” (%(reference)s) is due for "
                    "review on %(due)s.\n\n"
                    "Review it after the decision has been in place: what actually happened to "
                    "children against what was expected, any effects nobody intended, and what "
                    "was learnt: %(link)s\n\n"
                    "You are getting this because you wrote the assessment or lead for "
                    "%(council)s. We remind you again in 30 days if the review has not started."
                )
                % values
            )
        send_email.enqueue(
            kind="assessment_review_due",
            subject=subject,
            body=body,
            to=[person.email],
            fields={"link": link},
        )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        obj=assessment,
        detail={"review_reminded": len(people), "review_due_on": str(assessment.review_due_on)},
    )
    return True


def _reminded_people(assessment: Assessment) -> list[User]:
    leads = council_leads(council=assessment.council)
    people = {lead.pk: lead for lead in leads}
    author = assessment.created_by
    if author.is_active:
        people.setdefault(author.pk, author)
    return list(people.values())


# --- services ---------------------------------------------------------------------------------


def _check_assessment(council: Council, assessment: Assessment | None) -> None:
    if assessment is not None and assessment.council_id != council.pk:
        raise ValidationError({"assessment": _("Choose an impact assessment of this council")})


@transaction.atomic
def decision_create(
    *,
    actor: Actor,
    council: Council,
    title: str,
    decided_on: datetime.date,
    kind: str,
    assessment: Assessment | None,
) -> DecisionRecord:
    _check_assessment(council, assessment)
    decision = DecisionRecord.objects.create(
        council=council, title=title, decided_on=decided_on, kind=kind, assessment=assessment
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=decision)
    return decision


@transaction.atomic
def decision_update(
    *,
    actor: Actor,
    decision: DecisionRecord,
    title: str,
    decided_on: datetime.date,
    kind: str,
    assessment: Assessment | None,
) -> DecisionRecord:
    decision = (
        DecisionRecord.objects.select_for_update().select_related("council").get(pk=decision.pk)
    )
    _check_assessment(decision.council, assessment)
    save_changes(
        actor=actor,
        instance=decision,
        values={"title": title, "decided_on": decided_on, "kind": kind, "assessment": assessment},
    )
    return decision

"""Records built by hand for the progress report tests, with the figures and reports made from
them: one partner council's self-assessment, indicators, consultations, assessments and training
(the ``partner`` fixture in ``conftest`` builds them all)."""

import datetime
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from childrights.assessments.models import AssessmentVersion
from childrights.framework.models import Principle
from childrights.outcomes import tasks
from childrights.outcomes.models import (
    Attendance,
    Course,
    IndicatorTarget,
    Measurement,
    OutcomeIndicator,
    Rating,
    Report,
    RoleCount,
    Round,
    Trainee,
    TrainingRole,
    TrainingSession,
)
from childrights.outcomes.reports import figures as reports
from childrights.participation.models import Commitment, CommitmentUpdate, Consultation, Response
from childrights.testing.assessments import make_assessment
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation

LONDON = ZoneInfo("Europe/London")
START, END = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)


def at(year, month, day, hour=12, minute=0):
    """A moment in the council's own time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


# Building the records by hand ------------------------------------------------------------------


def _rate(round_, principle_slug, levels):
    indicators = Principle.objects.get(slug=principle_slug).indicators.order_by("position")
    for indicator, level in zip(indicators, levels, strict=False):
        Rating.objects.create(round=round_, indicator=indicator, level=level)


def _self_assessment(council):
    baseline = Round.objects.create(
        council=council, name="Baseline", kind="baseline", held_on=datetime.date(2024, 6, 1)
    )
    Round.objects.filter(pk=baseline.pk).update(status=Round.Status.CLOSED)
    _rate(baseline, "participation", [1, 2])
    _rate(baseline, "dignity", [0])
    year_one = Round.objects.create(
        council=council, name="Year one", kind="yearly", held_on=datetime.date(2025, 6, 1)
    )
    _rate(year_one, "participation", [2, 3])
    _rate(year_one, "dignity", [1, 0])
    _rate(year_one, "best-interests", [3])
    _rate(year_one, "non-discrimination", [2, 1, 1])
    # Held after the period: not in the report.
    later = Round.objects.create(
        council=council, name="Year two", kind="yearly", held_on=datetime.date(2026, 5, 1)
    )
    _rate(later, "participation", [3, 3])


def _indicator(council, slug, name, unit, better):
    return OutcomeIndicator.objects.create(
        council=council,
        slug=slug,
        name_en=name,
        name_cy=f"{name} (cy)",
        definition_en=name,
        unit=unit,
        better=better,
        frequency="yearly",
    )


def _target(council, pilot, indicator, baseline, baseline_on, target, target_on):
    return IndicatorTarget.objects.create(
        council=council,
        pilot=pilot,
        indicator=indicator,
        baseline_value=Decimal(baseline),
        baseline_on=baseline_on,
        target_value=Decimal(target),
        target_on=target_on,
    )


def _measure(council, indicator, period_end, value):
    Measurement.objects.create(
        council=council, indicator=indicator, period_end=period_end, value=Decimal(value)
    )


def _indicators(council, pilot):
    d = datetime.date
    eet = _indicator(council, "eet", "Care leavers in work or study", "percentage", "higher")
    _target(council, pilot, eet, "40", d(2025, 1, 1), "60", d(2027, 1, 1))
    _measure(council, eet, d(2025, 6, 30), "44")
    _measure(council, eet, d(2026, 1, 1), "51")  # the latest in the period
    _measure(council, eet, d(2026, 6, 30), "70")  # after the period
    Measurement.objects.create(
        council=council, indicator=eet, period_end=d(2026, 3, 31), value=5, breakdown="Aged 19"
    )  # a breakdown, not the total
    wait = _indicator(council, "wait", "Days to a first appointment", "days", "lower")
    _target(council, pilot, wait, "30", d(2025, 1, 1), "10", d(2026, 1, 1))
    _measure(council, wait, d(2025, 7, 2), "21")
    panel = _indicator(council, "panel", "Young people on the panel", "number", "higher")
    _target(council, pilot, panel, "4", d(2025, 1, 1), "12", d(2026, 1, 1))
    _measure(council, panel, d(2026, 3, 31), "12")
    score = _indicator(council, "score", "Wellbeing score", "score", "higher")
    _target(council, pilot, score, "6.5", d(2024, 4, 1), "7.5", d(2027, 4, 1))
    _measure(council, score, d(2025, 3, 31), "6.8")  # before the period
    late = _indicator(council, "late", "Started after the period", "percentage", "higher")
    _target(council, pilot, late, "10", d(2026, 6, 1), "20", d(2027, 6, 1))


def _response(consultation, moment, *, withdrawn=False):
    return Response.objects.create(
        consultation=consultation,
        council=consultation.council,
        submission_id=uuid.uuid4(),
        fingerprint="0" * 64,
        language="en",
        created_at=moment,
        withdrawn_at=moment + datetime.timedelta(days=1) if withdrawn else None,
    )


def _commitment(consultation, made, status, updates=(), *, published=True):
    commitment = Commitment.objects.create(
        consultation=consultation, text_en="Something we will do", status=status
    )
    Commitment.objects.filter(pk=commitment.pk).update(
        created_at=made, published_at=made if published else None
    )
    for made_on, update_status in updates:
        CommitmentUpdate.objects.create(
            commitment=commitment, made_on=made_on, text_en="Progress", status=update_status
        )
    return commitment


def _participation(council):
    d = datetime.date
    lead = make_user(role="safeguarding-lead", council=council)

    def consultation(opens_on, status):
        return make_consultation(
            council=council,
            questions=False,
            opens_on=opens_on,
            closes_on=opens_on + datetime.timedelta(days=30),
            status=status,
            safeguarding_lead=lead,
            safeguarding_deputy=lead,
        )

    before = consultation(d(2025, 3, 1), Consultation.Status.CLOSED)
    first = consultation(d(2025, 5, 1), Consultation.Status.CLOSED)
    second = consultation(d(2025, 9, 1), Consultation.Status.OPEN)
    consultation(d(2025, 10, 1), Consultation.Status.DRAFT)  # never opened
    after = consultation(d(2026, 4, 10), Consultation.Status.OPEN)
    _response(before, at(2025, 3, 31))
    for _ in range(5):
        _response(first, at(2025, 5, 2))
    for _ in range(6):
        _response(second, at(2025, 9, 10))
    _response(second, at(2025, 9, 11), withdrawn=True)
    _response(second, at(2026, 3, 31, 23, 30))  # the last half hour of the period
    _response(second, at(2026, 4, 1, 0, 30))  # the first hour after it
    _response(after, at(2026, 4, 12))
    _commitment(
        first, at(2025, 6, 1), Commitment.Status.DONE, [(d(2025, 12, 1), Commitment.Status.DONE)]
    )
    _commitment(
        first,
        at(2025, 6, 1),
        Commitment.Status.DONE,
        [(d(2025, 7, 1), Commitment.Status.IN_PROGRESS), (d(2026, 5, 1), Commitment.Status.DONE)],
    )
    _commitment(before, at(2024, 12, 1), Commitment.Status.DONE)
    _commitment(after, at(2026, 4, 15), Commitment.Status.DONE)
    _commitment(first, at(2025, 6, 2), Commitment.Status.DONE, published=False)  # a draft


def _version(assessment, number=1, *, signed=None, published=None):
    version, _ = AssessmentVersion.objects.get_or_create(
        assessment=assessment, number=number, defaults={"created_by": assessment.created_by}
    )
    AssessmentVersion.objects.filter(pk=version.pk).update(
        signed_off_at=signed, published_at=published, signed_off_by=assessment.created_by
    )


def _assessments(council):
    first = make_assessment(council=council)
    _version(first, signed=at(2025, 7, 1), published=at(2025, 7, 5))
    amended = make_assessment(council=council)
    _version(amended, 1, signed=at(2025, 2, 1))
    _version(amended, 2, signed=at(2025, 8, 1), published=at(2025, 8, 2))
    _version(make_assessment(council=council), signed=at(2026, 4, 2))
    make_assessment(council=council)  # a draft


def _training(council):
    d = datetime.date
    member, social = TrainingRole.ELECTED_MEMBER, TrainingRole.SOCIAL_WORKER
    RoleCount.objects.create(council=council, role=member, count=40, as_of=d(2025, 5, 1))
    RoleCount.objects.create(council=council, role=member, count=50, as_of=d(2026, 5, 1))
    RoleCount.objects.create(council=council, role=social, count=8, as_of=d(2024, 1, 1))
    members = Course.objects.create(council=council, title_en="Members", counts_for=member)
    workers = Course.objects.create(council=council, title_en="Workers", counts_for=social)

    def completed(course, name, role, on, *, left_on=None, expires=None):
        person = Trainee.objects.create(council=council, name=name, role=role, left_on=left_on)
        session, _ = TrainingSession.objects.get_or_create(course=course, held_on=on)
        Attendance.objects.create(
            session=session,
            trainee=person,
            status=Attendance.Status.COMPLETED,
            completed_on=on,
            expires_on=expires,
        )

    completed(members, "Ann", member, d(2025, 6, 1))
    completed(members, "Bob", member, d(2025, 6, 1), left_on=d(2026, 1, 1))
    completed(members, "Cat", member, d(2026, 4, 5))
    completed(workers, "Dee", social, d(2025, 9, 1), expires=d(2026, 9, 1))


def _figures(council):
    return reports.partner_figures(council=council, period_start=START, period_end=END)


def _typed(name, value):
    """A date as typed in the date boxes; what is not a date goes in the day box as typed."""
    if not value:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    try:
        return date_parts(name, value)
    except ValueError:
        return {f"{name}_day": value}


def _request(client, council, start="2025-04-01", end="2026-03-31"):
    return client.post(
        f"/councils/{council.pk}/reports/new/",
        {**_typed("period_start", start), **_typed("period_end", end)},
    )


def _done(council, start=START, end=END, **fields):
    report = Report.objects.create(
        kind="partner", council=council, period_start=start, period_end=end
    )
    tasks.report_build.call(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()
    return report

"""Progress reports: every figure checked against numbers worked out by hand, the period decided
by each record's own date, the same records giving the same figures, the background build, the
pages, the PDF, publication with disclosure control, and who may see what."""

import datetime
import io
import json
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from childrights.assessments.models import AssessmentVersion
from childrights.councils.models import Nation
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
from childrights.participation.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    Response,
)
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_partnership, make_pilot, make_user
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


@pytest.fixture
def partner(world):
    council = world.council_a
    partnership = make_partnership(council=council, slug="aberfield")
    pilot = make_pilot(
        partnership=partnership,
        focus_area_en="Care leavers",
        focus_area_cy="Pobl sy’n gadael gofal",
        target_group_en="Young people leaving care",
        target_group_cy="Pobl ifanc sy’n gadael gofal",
    )
    _self_assessment(council)
    _indicators(council, pilot)
    _participation(council)
    _assessments(council)
    _training(council)
    return partnership


def _figures(council):
    return reports.partner_figures(council=council, period_start=START, period_end=END)


# The figures, worked out by hand ------------------------------------------------------------


def test_self_assessment_means_and_change_are_worked_out_from_the_rounds_in_the_period(
    world, partner
):
    section = _figures(world.council_a)["self_assessment"]
    assert [each["name"] for each in section["rounds"]] == ["Baseline", "Year one"]
    assert section["rounds"][0] == {
        "name": "Baseline",
        "held_on": "2024-06-01",
        "kind": "baseline",
        "closed": True,
    }
    rows = {row["slug"]: row for row in section["principles"]}
    # Participation: (1+2)/2 = 1.5, then (2+3)/2 = 2.5.
    assert rows["participation"]["means"] == ["1.50", "2.50"]
    assert rows["participation"]["rated"] == [2, 2]
    assert rows["participation"]["change"] == "1.00"
    # Dignity: 0, then (1+0)/2 = 0.5.
    assert rows["dignity"]["means"] == ["0.00", "0.50"]
    assert rows["dignity"]["change"] == "0.50"
    # Not rated in the baseline: no change to show.
    assert rows["best-interests"]["means"] == [None, "3.00"]
    assert rows["best-interests"]["change"] is None
    # (2+1+1)/3 = 1.333...
    assert rows["non-discrimination"]["means"] == [None, "1.33"]
    # Every rating: (1+2+0)/3 = 1, then 13/8 = 1.625 (half up: 1.63); change 0.625 -> 0.63.
    assert section["overall"] == {
        "means": ["1.00", "1.63"],
        "rated": [3, 8],
        "change": "0.63",
    }
    assert [row["slug"] for row in section["principles"]] == list(
        Principle.objects.order_by("position").values_list("slug", flat=True)
    )


def test_only_the_last_four_rounds_by_the_end_of_the_period_are_shown(world):
    council = world.council_a
    for year in range(2019, 2026):
        Round.objects.create(
            council=council, name=f"{year}", kind="yearly", held_on=datetime.date(year, 6, 1)
        )
    section = _figures(council)["self_assessment"]
    assert [each["name"] for each in section["rounds"]] == ["2022", "2023", "2024", "2025"]


def test_indicators_show_the_latest_total_in_the_period_against_the_target(world, partner):
    rows = {row["slug"]: row for row in _figures(world.council_a)["indicators"]}
    # A baseline set after the period is not in the report.
    assert set(rows) == {"eet", "wait", "panel", "score"}
    # 40 on 1 Jan 2025 to 60 on 1 Jan 2027: halfway (365 of 730 days) is 50; 51 is on track.
    assert rows["eet"] == {
        "pilot": {"en": "Care leavers", "cy": "Pobl sy’n gadael gofal"},
        "slug": "eet",
        "name": {
            "en": "Care leavers in work or study",
            "cy": "Care leavers in work or study (cy)",
        },
        "unit": "percentage",
        "better": "higher",
        "baseline": "40",
        "baseline_on": "2025-01-01",
        "latest": "51",
        "latest_on": "2026-01-01",
        "expected": "50.00",
        "target": "60",
        "target_on": "2027-01-01",
        "status": "on-track",
    }
    # Lower is better: 30 - 20 x 182/365 = 20.027 expected on 2 July 2025; 21 is behind.
    assert rows["wait"]["expected"] == "20.03"
    assert rows["wait"]["status"] == "off-track"
    # Reached the target of 12.
    assert rows["panel"]["status"] == "met"
    assert rows["panel"]["latest"] == "12"
    # Its only value was measured before the period.
    assert rows["score"]["status"] == "no-value"
    assert rows["score"]["latest"] is None
    assert rows["score"]["baseline"] == "6.5"


def test_participation_counts_consultations_children_and_commitments(world, partner):
    assert _figures(world.council_a)["participation"] == {
        # Opened 1 May and 1 Sep 2025; not the draft, nor those before or after.
        "consultations": 2,
        # 5 + 6 + the one at 23:30 on 31 March; not the withdrawn one, nor those outside.
        "children": 12,
        # Two made on 1 June 2025; not the one still a draft.
        "commitments_made": 2,
        # Those two and the one made in December 2024.
        "commitments_to_date": 3,
        # Done by 31 March 2026: the one updated to done in December and the one never
        # updated; the other was in progress then.
        "commitments_done": 2,
    }


def test_assessments_completed_are_those_first_signed_off_in_the_period(world, partner):
    assert _figures(world.council_a)["assessments"] == {"completed": 1, "published": 2}


def test_training_coverage_is_taken_at_the_end_of_the_period(world, partner):
    assert _figures(world.council_a)["training"] == {
        "roles": [
            # Ann; Bob had left, Cat completed after the period; 40 members then. 1/40 = 2.5%.
            {"role": "elected-member", "trained": 1, "total": 40, "share": "2.5"},
            # 1 of 8 = 12.5%.
            {"role": "social-worker", "trained": 1, "total": 8, "share": "12.5"},
        ],
        "trained": 2,
        "total": 48,
        "share": "4.2",  # 2/48 = 4.17%
    }


def test_the_pilot_and_the_council_are_part_of_the_figures(world, partner):
    figures = _figures(world.council_a)
    assert figures["council"]["name"] == "Aberfield City Council"
    assert figures["period"] == {"start": "2025-04-01", "end": "2026-03-31"}
    assert figures["pilots"][0]["focus_area"] == {
        "en": "Care leavers",
        "cy": "Pobl sy’n gadael gofal",
    }


def test_the_same_records_give_the_same_figures_ready_for_json(world, partner):
    first, second = _figures(world.council_a), _figures(world.council_a)
    assert first == second
    assert json.loads(json.dumps(first)) == first


def test_records_dated_after_the_period_change_nothing(world, partner):
    council = world.council_a
    before = _figures(council)
    consultation = Consultation.objects.filter(council=council, opens_on__year=2025).first()
    _response(consultation, at(2026, 4, 2))
    Round.objects.create(
        council=council, name="Later", kind="yearly", held_on=datetime.date(2026, 4, 30)
    )
    eet = OutcomeIndicator.objects.get(slug="eet")
    _measure(council, eet, datetime.date(2026, 4, 30), "99")
    _commitment(consultation, at(2026, 4, 3), Commitment.Status.DONE)
    RoleCount.objects.create(
        council=council, role=TrainingRole.ELECTED_MEMBER, count=5, as_of=datetime.date(2026, 4, 1)
    )
    _version(make_assessment(council=council), signed=at(2026, 4, 1, 0, 5))
    assert _figures(council) == before


def test_the_day_of_a_record_is_the_councils_day_whatever_time_zone_is_active(world, partner):
    from django.utils import timezone

    before = _figures(world.council_a)
    with timezone.override(ZoneInfo("Pacific/Auckland")):
        assert _figures(world.council_a) == before


def test_the_programme_report_puts_each_partner_side_by_side(world, partner):
    other = make_partnership(council=world.council_b, slug="bramley")
    make_partnership(council=make_council(short_name="Zed"), joined_on=datetime.date(2026, 5, 1))
    figures = reports.programme_figures(period_start=START, period_end=END)
    # By short name; one that joined after the period is left out.
    assert [row["council"]["short_name"] for row in figures["partners"]] == [
        "Aberfield",
        "Bramley",
    ]
    assert figures["partners"][0]["headline"] == {
        "level": "1.63",
        "level_change": "0.63",
        "rounds": 2,
        "indicators": 4,
        "indicators_on_track": 2,  # eet on track, panel met
        "consultations": 2,
        "children": 12,
        "commitments_made": 2,
        "commitments_to_date": 3,
        "commitments_done": 2,
        "assessments_completed": 1,
        "training_share": "4.2",
    }
    assert figures["partners"][1]["status"] == other.status
    assert figures["partners"][1]["headline"]["children"] == 0
    assert figures["partners"][1]["headline"]["level"] is None


def test_rounding_is_half_up_in_both_directions():
    from fractions import Fraction

    assert reports.rounded(Fraction(1625, 1000), 2) == "1.63"
    assert reports.rounded(Fraction(-1625, 1000), 2) == "-1.63"
    assert reports.rounded(Fraction(1, 3), 2) == "0.33"
    assert reports.rounded(Fraction(-1, 1000), 2) == "0.00"
    assert reports.rounded(Fraction(125, 10), 1) == "12.5"


# Building in the background ------------------------------------------------------------------


def _request(client, council, start="2025-04-01", end="2026-03-31"):
    return client.post(
        f"/councils/{council.pk}/reports/new/", {"period_start": start, "period_end": end}
    )


def test_staff_request_a_report_built_with_its_figures_and_pdf(
    world, partner, signed_in, django_capture_on_commit_callbacks
):
    client = signed_in(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client, world.council_a)
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.finished_at is not None
    assert report.requested_by == world.member
    assert report.figures == _figures(world.council_a)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Care leavers in work or study" in page
    assert "1.63" in page
    assert "<svg" in page
    download = client.get(f"/reports/{report.pk}/report.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert "progress-report-aberfield-2025-04-01-2026-03-31.pdf" in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert "Progress report: Aberfield City Council" in text
    assert "Care leavers in work or study" in text
    assert "Commitments done by the end of the period 2 of 3" in text


def test_a_report_being_built_shows_its_progress_and_a_link_to_check_again(world, signed_in):
    client = signed_in(world.member)
    _request(client, world.council_a)  # the build waits for the request's transaction
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Check again" in page
    assert f'href="/reports/{report.pk}/"' in page
    assert client.get(f"/reports/{report.pk}/report.pdf").status_code == 404


def test_a_report_stuck_for_over_an_hour_says_so_and_can_be_asked_for_again(world, signed_in):
    client = signed_in(world.member)
    _request(client, world.council_a)
    stuck = Report.objects.get()
    Report.objects.filter(pk=stuck.pk).update(created_at=at(2026, 1, 1))
    page = client.get(f"/reports/{stuck.pk}/").content.decode()
    assert "This is taking much longer than it should." in page
    _request(client, world.council_a)
    assert Report.objects.count() == 2


def test_asking_twice_while_it_is_built_gives_one_report(world, signed_in):
    client = signed_in(world.member)
    first = _request(client, world.council_a)
    second = _request(client, world.council_a)
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1


def test_a_build_that_goes_wrong_ends_failed_with_a_message(world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks, "partner_figures", broken)
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    tasks.report_build.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.progress == 100
    assert report.finished_at is not None
    assert report.error == "Something went wrong while building the report. Request it again."
    assert not report.pdf


def test_a_pdf_that_cannot_be_drawn_fails_the_report(world, monkeypatch, signed_in):
    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr(tasks, "pdf_in_languages", broken)
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    tasks.report_build.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    page = signed_in(world.member).get(f"/reports/{report.pk}/").content.decode()
    assert "The report could not be built:" in page


def test_a_council_in_wales_gets_english_then_welsh_in_its_pdf(world):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    report = Report(kind="partner", council=world.council_a, language="en-gb")
    assert tasks.report_languages(report) == ("en-gb", "cy")
    report.council = world.council_b
    assert tasks.report_languages(report) == ("en-gb",)
    report.language = "cy"
    assert tasks.report_languages(report) == ("cy",)


def test_a_welsh_councils_pdf_has_two_parts_each_with_its_language(world, partner):
    world.council_a.nation = Nation.WALES
    world.council_a.save()
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    tasks.report_build.call(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    with report.pdf.open("rb") as handle:
        reader = PdfReader(handle)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.count("Aberfield City Council") >= 2
    assert "Pobl sy’n gadael gofal" in text


# The form -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("", "", "Enter the first day the report covers"),
        ("2026-03-31", "2025-04-01", "The last day must be on or after the first day"),
        ("2025-04-01", "2999-03-31", "The report must end today or earlier"),
        ("1 April", "2026-03-31", "Enter a real date, like 2026-03-31"),
        ("1999-12-31", "2026-03-31", "The report cannot start before 1 January 2000"),
    ],
)
def test_a_bad_period_is_explained_and_nothing_is_built(world, signed_in, start, end, message):
    response = _request(signed_in(world.member), world.council_a, start, end)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()


# Pages and permissions ------------------------------------------------------------------------


def _done(council, start=START, end=END, **fields):
    report = Report.objects.create(
        kind="partner", council=council, period_start=start, period_end=end
    )
    tasks.report_build.call(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()
    return report


def test_the_councils_reports_are_listed(world, signed_in):
    report = _done(world.council_a)
    _done(world.council_b)
    page = signed_in(world.member).get(f"/councils/{world.council_a.pk}/reports/").content
    assert f'href="/reports/{report.pk}/"'.encode() in page
    assert page.count(b'href="/reports/') == 1


@pytest.mark.parametrize("suffix", ["", "report.pdf", "publish/"])
def test_people_in_another_council_get_404(world, signed_in, suffix):
    report = _done(world.council_a)
    client = signed_in(world.outsider)
    assert client.get(f"/reports/{report.pk}/{suffix}").status_code == 404
    assert client.post(f"/reports/{report.pk}/{suffix}").status_code == 404


def test_people_without_edit_can_read_but_not_request_or_publish(world, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    report = _done(world.council_a)
    client = signed_in(councillor)
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    assert _request(client, world.council_a).status_code == 403
    assert client.post(f"/reports/{report.pk}/publish/", {"action": "publish"}).status_code == 403


def test_the_programme_report_is_only_for_the_programme_team(world, signed_in):
    report = Report.objects.create(kind="programme", period_start=START, period_end=END)
    tasks.report_build.call(report_id=report.pk)
    owner = signed_in(world.owner)
    for path in ("/programme-reports/", f"/programme-reports/{report.pk}/"):
        assert owner.get(path).status_code == 404
    assert owner.get(f"/programme-reports/{report.pk}/report.pdf").status_code == 404
    assert owner.post("/programme-reports/", {"period_start": "2025-04-01"}).status_code == 404
    assert not Report.objects.filter(kind="programme").exclude(pk=report.pk).exists()


def test_a_partner_report_is_not_reached_through_the_programme_pages(world, signed_in):
    report = _done(world.council_a)
    team = signed_in(world.programme)
    assert team.get(f"/programme-reports/{report.pk}/").status_code == 404


def test_the_programme_team_builds_the_programme_report(
    world, partner, signed_in, django_capture_on_commit_callbacks
):
    make_partnership(council=world.council_b, slug="bramley")
    client = signed_in(world.programme)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/programme-reports/", {"period_start": "2025-04-01", "period_end": "2026-03-31"}
        )
    report = Report.objects.get(kind="programme")
    assert response["Location"] == f"/programme-reports/{report.pk}/"
    assert report.status == Report.Status.DONE
    page = client.get(f"/programme-reports/{report.pk}/").content.decode()
    assert "Aberfield City Council" in page
    assert "Bramley District Council" in page
    assert "2 of 4" in page  # indicators on track
    download = client.get(f"/programme-reports/{report.pk}/report.pdf")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_demonstration_council_is_labelled_on_its_report(world, signed_in):
    world.council_a.is_demo = True
    world.council_a.save()
    report = _done(world.council_a)
    client = signed_in(world.member)
    for path in (
        f"/reports/{report.pk}/",
        f"/councils/{world.council_a.pk}/reports/",
        f"/councils/{world.council_a.pk}/reports/new/",
    ):
        assert "Demonstration data" in client.get(path).content.decode()


def test_a_demonstration_council_is_labelled_in_the_programme_report(world, signed_in):
    world.council_a.is_demo = True
    world.council_a.save()
    make_partnership(council=world.council_a)
    report = Report.objects.create(kind="programme", period_start=START, period_end=END)
    tasks.report_build.call(report_id=report.pk)
    page = signed_in(world.programme).get(f"/programme-reports/{report.pk}/").content.decode()
    assert "demonstration data" in page


# Publishing -----------------------------------------------------------------------------------


def _cell(page, label):
    """The value beside a label in a summary list."""
    after = page.split(f">{label}</dt>", 1)[1]
    return after.split('class="govuk-summary-list__value">', 1)[1].split("<", 1)[0].strip()


def test_staff_publish_a_report_as_the_public_summary_under_disclosure_control(
    world, partner, signed_in, client
):
    report = _done(world.council_a)
    assert client.get("/partners/aberfield/progress/").status_code == 200
    assert "has not published" in client.get("/partners/aberfield/progress/").content.decode()
    staff = signed_in(world.member)
    staff.post(f"/reports/{report.pk}/publish/", {"action": "publish"})
    report.refresh_from_db()
    assert report.published_at is not None
    staff.logout()
    page = client.get("/partners/aberfield/progress/").content.decode()
    # 12 children: rounded to the nearest 5.
    assert _cell(page, "Children and young people who answered") == "10"
    # 8 social workers: fewer than 10 people, so not shown; 40 members are.
    assert "Not shown: fewer than 10 people" in page
    assert "2.5%" in page
    assert "12.5%" not in page
    # A count of young people in an indicator: 4 is withheld, 12 becomes 10.
    panel = page.split("Young people on the panel", 1)[1].split("</tr>", 1)[0]
    assert "Fewer than 10" in panel
    assert ">12<" not in panel
    assert " 4 " not in panel
    # Signed-off assessments that are not published are not counted in public.
    assert "Impact assessments completed" not in page


def test_a_count_of_children_under_10_never_appears_in_public(world, signed_in, client):
    make_partnership(council=world.council_a, slug="aberfield")
    consultation = make_consultation(
        council=world.council_a, questions=False, opens_on=START, closes_on=END
    )
    for _ in range(3):
        _response(consultation, at(2025, 6, 1))
    report = _done(world.council_a, published_at=at(2026, 4, 2))
    assert report.figures["participation"]["children"] == 3
    page = client.get("/partners/aberfield/progress/").content.decode()
    assert _cell(page, "Children and young people who answered") == "Fewer than 10"


def test_a_report_not_ready_cannot_be_published(world, signed_in):
    report = Report.objects.create(
        kind="partner", council=world.council_a, period_start=START, period_end=END
    )
    signed_in(world.member).post(f"/reports/{report.pk}/publish/", {"action": "publish"})
    report.refresh_from_db()
    assert report.published_at is None


def test_a_public_summary_of_an_unknown_partner_is_404(db, client):
    assert client.get("/partners/nobody/progress/").status_code == 404


def test_a_coverage_indicator_is_worked_out_from_the_training_records_not_stored_values(
    world, partner
):
    council = world.council_a
    coverage = _indicator(council, "members-trained", "Members trained", "percentage", "higher")
    OutcomeIndicator.objects.filter(pk=coverage.pk).update(computed_from="training:elected-member")
    pilot = partner.pilots.get()
    _target(
        council, pilot, coverage, "0", datetime.date(2025, 3, 31), "80", datetime.date(2027, 3, 31)
    )
    # A stored value out of date (no training change has refreshed it since) is not used.
    _measure(council, coverage, datetime.date(2025, 12, 31), "99")
    row = next(row for row in _figures(council)["indicators"] if row["slug"] == "members-trained")
    # At 31 March 2026: Ann trained, Bob had left, Cat not yet; 1 of 40 = 2.5%.
    assert (row["latest"], row["latest_on"]) == ("2.5", "2026-03-31")
    assert row["status"] == "off-track"

"""Progress reports' figures: every figure checked against numbers worked out by hand, the period
decided by each record's own date, and the same records giving the same figures."""

import datetime
import json
from zoneinfo import ZoneInfo

from childrights.framework.models import Principle
from childrights.outcomes.models import OutcomeIndicator, RoleCount, Round, TrainingRole
from childrights.outcomes.reports import figures as reports
from childrights.outcomes.tests.reports_support import (
    END,
    START,
    _commitment,
    _figures,
    _indicator,
    _measure,
    _response,
    _target,
    _version,
    at,
)
from childrights.participation.models import Commitment, Consultation
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_partnership

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

"""The council lead's dashboard: assessments by state, reviews overdue, the share of recorded
decisions that had an assessment over the last 12 months, and projects by stage, checked
against numbers worked out by hand."""

import datetime

import pytest
from django.utils import timezone

from childrights.assessments import dashboard
from childrights.assessments.models import Assessment, DecisionRecord, Project
from childrights.testing.assessments import make_assessment, make_project

TODAY = datetime.date(2026, 11, 23)
State = Assessment.State


@pytest.fixture
def assessments(world):
    a = world.council_a

    def make(state, due=None):
        return make_assessment(council=a, author=world.member, state=state, review_due_on=due)

    made = {
        "draft": make(State.DRAFT),
        "draft_2": make(State.DRAFT),
        "awaiting": make(State.AWAITING_SIGN_OFF),
        "published_late": make(State.PUBLISHED, TODAY - datetime.timedelta(days=40)),
        "in_review_late": make(State.IN_REVIEW, TODAY - datetime.timedelta(days=1)),
        "closed_late": make(State.CLOSED, TODAY - datetime.timedelta(days=300)),
        "published_on_time": make(State.PUBLISHED, TODAY),
    }
    make_assessment(council=world.council_b, review_due_on=TODAY - datetime.timedelta(days=9))
    return made


def test_assessments_are_counted_by_state_in_order_including_none(world, assessments):
    counts = [(t.key, t.count) for t in dashboard.assessments_by_state(world.council_a)]
    assert counts == [
        ("draft", 2),
        ("awaiting_sign_off", 1),
        ("signed_off", 0),
        ("published", 2),
        ("in_review", 1),
        ("closed", 1),
    ]


def test_reviews_overdue_are_past_their_date_and_not_closed_oldest_first(world, assessments):
    overdue = dashboard.reviews_overdue(world.council_a, today=TODAY)
    assert overdue == [assessments["published_late"], assessments["in_review_late"]]


def _decide(council, day, assessment=None):
    return DecisionRecord.objects.create(
        council=council, title="A decision", decided_on=day, kind="budget", assessment=assessment
    )


def test_the_share_of_decisions_with_an_assessment_counts_the_last_twelve_months(world):
    a = world.council_a
    assessed = make_assessment(council=a, author=world.member)
    _decide(a, datetime.date(2025, 11, 23), assessed)  # a year ago to the day: outside
    _decide(a, datetime.date(2025, 11, 24), assessed)  # first day inside
    _decide(a, datetime.date(2026, 6, 1))
    _decide(a, TODAY, assessed)
    _decide(a, datetime.date(2026, 11, 24), assessed)  # tomorrow: not yet
    _decide(world.council_b, datetime.date(2026, 6, 1))
    share = dashboard.decision_share(a, today=TODAY)
    assert (share.since, share.until) == (datetime.date(2025, 11, 24), TODAY)
    assert (share.assessed, share.total) == (2, 3)
    assert share.share == pytest.approx(2 / 3)


def test_with_no_decisions_there_is_no_share(world):
    share = dashboard.decision_share(world.council_a, today=TODAY)
    assert (share.total, share.share) == (0, None)


def test_a_year_before_the_29th_of_february_is_the_28th():
    assert dashboard.year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_projects_are_counted_by_stage(world):
    for stage in ["analyse", "analyse", "plan", "closed"]:
        make_project(council=world.council_a, stage=stage)
    make_project(council=world.council_b, stage=Project.Stage.DO)
    counts = [(t.key, t.count) for t in dashboard.projects_by_stage(world.council_a)]
    assert counts == [("analyse", 2), ("plan", 1), ("do", 0), ("review", 0), ("closed", 1)]


def test_the_dashboard_page_shows_the_numbers_with_links_to_the_filtered_list(world, signed_in):
    today = timezone.localdate()
    make_assessment(
        council=world.council_a,
        author=world.member,
        state=State.PUBLISHED,
        review_due_on=today - datetime.timedelta(days=3),
        title="Library hours",
    )
    assessed = make_assessment(council=world.council_a, author=world.member)
    _decide(world.council_a, today, assessed)
    _decide(world.council_a, today - datetime.timedelta(days=10))
    _decide(world.council_a, today - datetime.timedelta(days=20))
    _decide(world.council_a, today - datetime.timedelta(days=30))
    make_project(council=world.council_a, stage="plan")
    page = signed_in(world.owner).get(
        f"/councils/{world.council_a.pk}/impact-assessments/dashboard/"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert f'/councils/{world.council_a.pk}/impact-assessments/?state=published"' in text
    assert f'/councils/{world.council_a.pk}/impact-assessments/?state=draft"' in text
    assert "Library hours" in text
    assert "25%" in text
    assert "1 of the 4 decisions recorded" in text

"""Answers are checked against the template's questions before sign-off."""

from typing import Any

from childrights.assessments.answers import (
    full_assessment_needed,
    sign_off_problems,
    unmitigated,
)
from childrights.testing.assessments import (
    COMPLETE_FULL,
    COMPLETE_SCREENING,
    current_template,
)

NEEDED: dict[str, Any] = {"full_needed": {"answer": "yes", "reasons": "Children use it"}}


def test_a_complete_assessment_has_no_problems(db):
    assert sign_off_problems(current_template(), COMPLETE_SCREENING | NEEDED | COMPLETE_FULL) == []


def test_a_negative_impact_without_mitigation_stops_sign_off(db):
    answers = COMPLETE_SCREENING | NEEDED | COMPLETE_FULL
    answers["articles"] = {
        **answers["articles"],
        "2": {**answers["articles"]["2"], "mitigation": ""},
    }
    template = current_template()
    assert [row for _, row in unmitigated(template, answers)] == ["2"]
    assert any("mitigation" in problem for problem in sign_off_problems(template, answers))


def test_a_screening_that_says_not_needed_needs_only_the_screening(db):
    answers = COMPLETE_SCREENING | {"full_needed": {"answer": "no", "reasons": "No effect"}}
    assert full_assessment_needed(answers) is False
    assert sign_off_problems(current_template(), answers) == []


def test_an_unanswered_required_question_is_named(db):
    answers = COMPLETE_SCREENING | NEEDED | COMPLETE_FULL | {"conclusion": ""}
    problems = sign_off_problems(current_template(), answers)
    assert problems == ["Answer \u201cOverall conclusion\u201d"]


def test_a_yes_or_no_needs_reasons(db):
    answers = COMPLETE_SCREENING | {"full_needed": {"answer": "no", "reasons": " "}}
    assert sign_off_problems(current_template(), answers) == [
        "Give your reasons for \u201cIs a full assessment needed?\u201d"
    ]

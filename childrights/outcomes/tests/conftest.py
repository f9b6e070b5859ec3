"""Fixtures shared by the outcomes tests: one partner council with records of every kind, for the
progress report tests, and a session of a course that counts for elected members, for the training
tests."""

from datetime import date

import pytest

from childrights.outcomes.models import TrainingSession
from childrights.outcomes.tests.reports_support import (
    _assessments,
    _indicators,
    _participation,
    _self_assessment,
    _training,
)
from childrights.outcomes.tests.training_support import _course
from childrights.testing.factories import make_partnership, make_pilot


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


@pytest.fixture
def session(world):
    course = _course(world.council_a, months=24)
    return TrainingSession.objects.create(course=course, held_on=date(2024, 1, 31))

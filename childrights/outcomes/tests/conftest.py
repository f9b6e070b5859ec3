"""Fixtures shared by the outcomes tests: one partner council with records of every kind, for the
progress report tests."""

import pytest

from childrights.outcomes.tests.reports_support import (
    _assessments,
    _indicators,
    _participation,
    _self_assessment,
    _training,
)
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

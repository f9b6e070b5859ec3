"""Fixtures shared by the participation tests: council A's consultation as ``make_consultation``
makes it, open today with its questions (a test module that needs another defines its own)."""

import pytest

from childrights.testing.participation import make_consultation


@pytest.fixture
def consultation(world):
    return make_consultation(council=world.council_a)

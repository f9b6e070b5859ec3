"""The made-up national data set (bench/national.py, bench/national_extras.py) holds, in its
first council, a record for every URL keyword the page sweep (bench/page_sweep.py) fills, and
its other records can be added to a data set filled before them."""

import pytest
from django.db import connection
from django.test import override_settings

from bench import national
from bench.national import Counts, fill
from bench.national_extras import extras_present, fill_extras
from bench.page_sweep import values_by_name, values_for
from childrights.accounts.models import User

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the data set is written in PostgreSQL's SQL"
)

# Enough of everything for each of two councils to hold every consultation status, assessment
# state and child status (they cycle within a council).
TINY = Counts(
    councils=2,
    staff=24,
    programme_team=1,
    consultations=20,
    responses=400,
    concerns=20,
    assessments=12,
    audit_events=100,
    services=40,
    care_children=20,
    statements=40,
)


def _without_a_value() -> set[str]:
    """The keywords the page sweep fills with a record (or a token) that have none."""
    lead = User.objects.get(email="staff0@council0.bench.example")
    council_id = lead.memberships.get().council_id
    assert council_id is not None
    missing = {key for key, value in values_for(council_id).items() if value is None}
    for name, values in values_by_name(council_id, lead).items():
        missing |= {f"{name}: {key}" for key, value in values.items() if value is None}
    return missing


def test_every_keyword_the_sweep_fills_has_a_record_once_the_other_records_are_added(
    db, tmp_path, monkeypatch
):
    """Filled without the other records (as data sets made before them were), then given them
    as ``make_national_data --extras-only`` gives them; ``fill`` ends with the same call."""
    added = []
    monkeypatch.setattr(national, "fill_extras", lambda cursor, seed, log: added.append(seed))
    with override_settings(MEDIA_ROOT=tmp_path), connection.cursor() as cursor:
        fill(cursor, TINY, seed=1, log=lambda line: None)
        assert added == [1]
        assert not extras_present(cursor)
        missing = _without_a_value()
        assert {"token", "invitation_id", "meeting_id", "alert_id", "run_id"} <= missing
        fill_extras(cursor, seed=1, log=lambda line: None)
        assert extras_present(cursor)
    assert _without_a_value() == set()

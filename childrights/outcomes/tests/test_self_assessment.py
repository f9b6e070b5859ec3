import pytest
from django.core.management import call_command

from childrights.core.models import AuditEvent
from childrights.framework.models import Principle
from childrights.outcomes.models import Rating, Round
from childrights.testing.dates import date_parts


@pytest.fixture
def started(world, signed_in):
    client = signed_in(world.member)
    client.post(
        f"/councils/{world.council_a.pk}/self-assessment/new/",
        {"name": "Baseline 2026", "kind": "baseline", **date_parts("held_on", "2026-11-23")},
    )
    return client, Round.objects.get()


def _ratings(principle, levels, evidence="Children sit on the panel."):
    data = {}
    for indicator, level in zip(principle.indicators.filter(is_active=True), levels, strict=False):
        data[f"level_{indicator.pk}"] = str(level)
        data[f"evidence_{indicator.pk}"] = evidence
    return data


def test_staff_start_a_round_and_rate_a_principle_with_evidence(started, world):
    client, round_ = started
    principle = Principle.objects.get(slug="participation")
    response = client.post(
        f"/self-assessment/{round_.pk}/principles/participation/", _ratings(principle, [1, 2, 3])
    )
    assert response["Location"] == f"/self-assessment/{round_.pk}/"
    assert sorted(Rating.objects.values_list("level", flat=True)) == [1, 2, 3]
    assert AuditEvent.objects.filter(object_type="outcomes.Rating", action="create").count() == 3
    page = client.get(f"/self-assessment/{round_.pk}/").content.decode()
    assert "3 of" in page


def test_changing_a_rating_is_audited_with_before_and_after(started):
    client, round_ = started
    principle = Principle.objects.get(slug="dignity")
    url = f"/self-assessment/{round_.pk}/principles/dignity/"
    client.post(url, _ratings(principle, [1]))
    client.post(url, _ratings(principle, [2]))
    event = AuditEvent.objects.get(object_type="outcomes.Rating", action="update")
    assert event.detail["changed"]["level"] == ["1", "2"]


def test_evidence_without_a_level_or_a_bad_link_is_explained_and_nothing_saved(started):
    client, round_ = started
    indicator = Principle.objects.get(slug="dignity").indicators.first()
    page = client.post(
        f"/self-assessment/{round_.pk}/principles/dignity/",
        {f"evidence_{indicator.pk}": "Some evidence", f"links_{indicator.pk}": "not a link"},
    ).content.decode()
    assert "Indicator 1: choose a level for the evidence you have given" in page
    assert "Indicator 1: “not a link” is not a web address" in page
    assert not Rating.objects.exists()


def test_a_closed_round_cannot_change(started):
    client, round_ = started
    client.post(f"/self-assessment/{round_.pk}/close/")
    round_.refresh_from_db()
    assert round_.status == Round.Status.CLOSED
    principle = Principle.objects.get(slug="dignity")
    client.post(f"/self-assessment/{round_.pk}/principles/dignity/", _ratings(principle, [3]))
    assert not Rating.objects.exists()


def test_rounds_are_compared_principle_by_principle(started, world):
    client, round_ = started
    principle = Principle.objects.get(slug="participation")
    client.post(
        f"/self-assessment/{round_.pk}/principles/participation/", _ratings(principle, [1, 3])
    )
    page = client.get(f"/councils/{world.council_a.pk}/self-assessment/").content.decode()
    assert "Baseline 2026" in page
    assert "2.0" in page  # the mean of 1 and 3
    assert "2 of" in page


def test_elected_members_read_but_cannot_rate(started, world, signed_in):
    from childrights.testing.factories import make_user

    _, round_ = started
    councillor = signed_in(make_user(role="elected-member", council=world.council_a))
    assert councillor.get(f"/self-assessment/{round_.pk}/").status_code == 200
    url = f"/self-assessment/{round_.pk}/principles/dignity/"
    assert councillor.post(url, {}).status_code == 403


def test_closing_asks_first_and_warns_about_unrated_indicators(started):
    client, round_ = started
    page = client.get(f"/self-assessment/{round_.pk}/close/").content.decode()
    assert "have not been rated" in page
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN


def test_readers_see_the_ratings_and_evidence_of_a_closed_round(started, world, signed_in):
    from childrights.testing.factories import make_user

    client, round_ = started
    principle = Principle.objects.get(slug="dignity")
    client.post(f"/self-assessment/{round_.pk}/principles/dignity/", _ratings(principle, [2]))
    client.post(f"/self-assessment/{round_.pk}/close/")
    councillor = signed_in(make_user(role="elected-member", council=world.council_a))
    page = councillor.get(f"/self-assessment/{round_.pk}/").content.decode()
    assert "Developing" in page
    assert "Children sit on the panel." in page


def test_ratings_saved_by_someone_else_meanwhile_are_not_overwritten(started, world, signed_in):
    client, round_ = started
    principle = Principle.objects.get(slug="dignity")
    url = f"/self-assessment/{round_.pk}/principles/dignity/"
    client.post(url, _ratings(principle, [1]))
    stale = {**_ratings(principle, [3]), "loaded_at": "2000-01-01T00:00:00+00:00"}
    client.post(url, stale)
    assert list(Rating.objects.values_list("level", flat=True)) == [1]


def test_retired_indicators_do_not_count_in_the_comparison(started, world):
    client, round_ = started
    principle = Principle.objects.get(slug="dignity")
    client.post(f"/self-assessment/{round_.pk}/principles/dignity/", _ratings(principle, [3, 1]))
    principle.indicators.filter(pk=Rating.objects.get(level=3).indicator_id).update(is_active=False)
    page = client.get(f"/councils/{world.council_a.pk}/self-assessment/").content.decode()
    assert "1.0" in page


def test_a_round_name_is_used_once_per_council(started, world):
    client, _ = started
    page = client.post(
        f"/councils/{world.council_a.pk}/self-assessment/new/",
        {"name": "baseline 2026", "kind": "yearly", **date_parts("held_on", "2027-01-01")},
    ).content.decode()
    assert "There is already a round with this name" in page
    assert Round.objects.count() == 1


def test_the_demo_council_has_three_rounds_showing_change(db, tmp_path, monkeypatch):
    from childrights.accounts import demo

    monkeypatch.setattr(demo, "DEMO_FILE", tmp_path / "demo-logins.txt")
    call_command("load_demo_data", verbosity=0)
    rounds = list(Round.objects.filter(council__is_demo=True))
    assert len(rounds) == 3
    means = [sum(r.ratings.values_list("level", flat=True)) / r.ratings.count() for r in rounds]
    assert means[0] < means[1] < means[2]

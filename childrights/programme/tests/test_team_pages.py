from childrights.core.models import AuditEvent
from childrights.framework.models import Theme
from childrights.programme.models import BaselineFact, Partnership
from childrights.testing.dates import date_parts
from childrights.testing.factories import make_fact, make_partnership, make_pilot


def test_the_team_changes_a_partnerships_status_and_it_is_audited(world, signed_in):
    partnership = make_partnership(council=world.council_a)
    client = signed_in(world.programme)
    response = client.post(
        f"/manage/partnerships/{partnership.pk}/",
        {
            "council": world.council_a.pk,
            "slug": partnership.slug,
            "status": "withdrawn",
            **date_parts("status_date", "2016-03-31"),
            "status_note_en": "Left at the end of the pilot.",
            "status_note_cy": "Gadawodd ar ddiwedd y cynllun peilot.",
            "source": partnership.source_id,
        },
    )
    assert response.status_code == 302, response.content.decode()
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.WITHDRAWN
    event = AuditEvent.objects.get(action="update", object_type="programme.Partnership")
    assert event.detail["changed"]["status"] == ["active", "withdrawn"]
    assert event.council_id == world.council_a.pk


def test_a_pilot_is_added_with_its_themes(world, signed_in):
    partnership = make_partnership(council=world.council_a)
    client = signed_in(world.programme)
    data: dict[str, object] = {
        f"{name}_{lang}": f"{name} {lang}"
        for name in ("focus_area", "target_group", "description", "meaning")
        for lang in ("en", "cy")
    }
    data.update(
        source=partnership.source_id,
        themes=[Theme.objects.get(slug="commissioning").pk],
    )
    response = client.post(f"/manage/partnerships/{partnership.pk}/pilots/add/", data)
    assert response.status_code == 302
    pilot = partnership.pilots.get()
    assert list(pilot.themes.values_list("slug", flat=True)) == ["commissioning"]


def test_a_pilot_needs_a_theme(world, signed_in):
    pilot = make_pilot(partnership=make_partnership(council=world.council_a))
    response = signed_in(world.programme).post(
        f"/manage/pilots/{pilot.pk}/", {"focus_area_en": "x", "source": pilot.source_id}
    )
    assert "Choose at least one theme" in response.content.decode()


def test_a_figure_that_is_not_a_number_must_be_marked_unverified(world, signed_in):
    partnership = make_partnership(council=world.council_a)
    client = signed_in(world.programme)
    url = f"/manage/partnerships/{partnership.pk}/figures/add/"
    base = {
        "kind": "child-population",
        "source_text": "179,00",
        "source": partnership.source_id,
    }
    refused = client.post(url, {**base, "status": "as-published"})
    assert "mark it unverified" in refused.content.decode()
    assert not BaselineFact.objects.exists()
    accepted = client.post(url, {**base, "status": "unverified"})
    assert accepted.status_code == 302
    assert BaselineFact.objects.get().value is None


def test_changing_a_figure_is_audited(world, signed_in):
    fact = make_fact(partnership=make_partnership(council=world.council_a))
    signed_in(world.programme).post(
        f"/manage/figures/{fact.pk}/",
        {
            "kind": fact.kind,
            "source_text": "1,200",
            "value": "1200",
            "status": "as-published",
            "source": fact.source_id,
        },
    )
    event = AuditEvent.objects.get(action="update", object_type="programme.BaselineFact")
    assert event.detail["changed"]["source_text"] == ["1,000", "1,200"]


def test_council_leads_cannot_reach_the_programme_team_pages(world, signed_in):
    partnership = make_partnership(council=world.council_a)
    client = signed_in(world.owner)
    assert client.get("/manage/").status_code == 404
    assert client.get(f"/manage/partnerships/{partnership.pk}/").status_code == 404


def test_a_council_cannot_be_added_twice(world, signed_in):
    partnership = make_partnership(council=world.council_a)
    response = signed_in(world.programme).post(
        "/manage/partnerships/add/",
        {
            "council": world.council_a.pk,
            "slug": "another",
            "status": "active",
            "source": partnership.source_id,
        },
    )
    assert "This council is already a partner" in response.content.decode()
    assert Partnership.objects.count() == 1

from childrights.core.models import AuditEvent
from childrights.framework.models import Indicator, Principle


def test_the_programme_team_edits_an_indicator_and_it_is_audited(world, signed_in):
    indicator = Indicator.objects.filter(principle__slug="participation").first()
    response = signed_in(world.programme).post(
        f"/manage/indicators/{indicator.pk}/",
        {"text_en": "Children choose the questions.", "text_cy": "Plant sy'n dewis y cwestiynau."},
    )
    assert response["Location"] == "/manage/principles/participation/"
    indicator.refresh_from_db()
    assert indicator.text_en == "Children choose the questions."
    assert indicator.is_customised
    assert not indicator.is_active  # the "in use" box was not ticked
    assert AuditEvent.objects.filter(action="update", object_type="framework.Indicator").exists()


def test_the_programme_team_adds_an_indicator(world, signed_in):
    principle = Principle.objects.get(slug="dignity")
    before = principle.indicators.count()
    signed_in(world.programme).post(
        "/manage/principles/dignity/",
        {
            "text_en": "Staff knock before entering.",
            "text_cy": "Mae staff yn curo cyn mynd i mewn.",
        },
    )
    assert principle.indicators.count() == before + 1


def test_an_indicator_needs_both_languages(world, signed_in):
    response = signed_in(world.programme).post(
        "/manage/principles/dignity/", {"text_en": "Only English.", "text_cy": ""}
    )
    assert "Enter the indicator in Welsh" in response.content.decode()


def test_retired_indicators_leave_the_public_page(client, world, signed_in):
    indicator = Indicator.objects.filter(principle__slug="dignity").first()
    Indicator.objects.filter(pk=indicator.pk).update(is_active=False)
    assert indicator.text_en not in client.get("/principles/").content.decode()


def test_council_staff_cannot_edit_indicators(world, signed_in):
    indicator = Indicator.objects.first()
    client = signed_in(world.owner)
    assert client.get(f"/manage/indicators/{indicator.pk}/").status_code == 404
    assert client.get("/manage/principles/dignity/").status_code == 404

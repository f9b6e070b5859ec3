"""The programme's records in the admin: their pages read a fixed number of rows however many
councils take part, and a record that others hang on is not deleted there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.programme.models import Phase, Programme, Source
from childrights.testing.factories import make_fact, make_partnership, make_pilot


def _partners(count: int) -> None:
    for _ in range(count):
        partnership = make_partnership()
        make_pilot(partnership=partnership)
        make_fact(partnership=partnership)


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def _pages() -> list[str]:
    partnership = make_partnership()
    pilot = make_pilot(partnership=partnership)
    fact = make_fact(partnership=partnership)
    return [
        "/admin/programme/pilot/add/",
        f"/admin/programme/pilot/{pilot.pk}/change/",
        "/admin/programme/baselinefact/add/",
        f"/admin/programme/baselinefact/{fact.pk}/change/",
        "/admin/programme/partnership/add/",
        f"/admin/programme/partnership/{partnership.pk}/change/",
        "/admin/programme/partnership/",
        "/admin/programme/pilot/",
        "/admin/programme/baselinefact/",
        "/admin/programme/phase/add/",
    ]


def test_the_programme_forms_and_lists_read_the_same_rows_for_2_or_20_partners(world, signed_in):
    client = signed_in(world.programme)
    pages = _pages()
    _partners(2)
    for path in pages:  # the first visit of a page reads what is cached after it
        _queries(client, path)
    few = {path: _queries(client, path) for path in pages}
    _partners(18)
    many = {path: _queries(client, path) for path in pages}
    assert many == few


def test_a_partnerships_choices_are_looked_up_with_their_council(world, signed_in):
    partnership = make_partnership()
    client = signed_in(world.programme)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "programme", "model_name": "pilot", "field_name": "partnership"},
    )
    assert response.status_code == 200
    assert partnership.council.short_name in response.content.decode()


@pytest.mark.parametrize("model", ["programme", "source", "phase"])
def test_a_programme_source_or_phase_others_hang_on_is_not_deleted_in_the_admin(
    world, signed_in, model
):
    partnership = make_partnership()
    phase = Phase.objects.create(
        programme=partnership.programme,
        slug="first",
        name_en="First",
        name_cy="Cyntaf",
        starts_on="2013-11-01",
        source=partnership.source,
    )
    partnership.phase = phase
    partnership.save()
    record = {"programme": partnership.programme, "source": partnership.source, "phase": phase}
    client = signed_in(world.programme)
    path = f"/admin/programme/{model}/{record[model].pk}/delete/"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 403
    assert len(captured) < 20
    assert client.post(path, {"post": "yes"}).status_code == 403
    assert type(record[model])._default_manager.filter(pk=record[model].pk).exists()
    assert "delete_selected" not in client.get(f"/admin/programme/{model}/").content.decode()


def test_a_source_or_phase_nothing_cites_may_still_be_deleted(world, signed_in):
    source = Source.objects.create(slug="unused", title="Unused", publisher="x", published="2026")
    programme = make_partnership().programme
    phase = Phase.objects.create(
        programme=programme,
        slug="later",
        name_en="Later",
        name_cy="Hwyrach",
        starts_on="2027-01-01",
        source=source,
    )
    client = signed_in(world.programme)
    assert client.get(f"/admin/programme/source/{source.pk}/delete/").status_code == 403
    assert (
        client.post(f"/admin/programme/phase/{phase.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    assert not Phase.objects.filter(pk=phase.pk).exists()
    assert (
        client.post(f"/admin/programme/source/{source.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    assert not Source.objects.filter(pk=source.pk).exists()
    assert Programme.objects.filter(pk=programme.pk).exists()

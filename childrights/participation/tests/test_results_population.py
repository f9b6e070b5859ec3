"""The council's child population by age band: entered by people who can edit, audited, and
compared on the results page with who responded."""

import pytest

from childrights.core.models import AuditEvent
from childrights.participation.models import ChildPopulation
from childrights.testing.factories import make_user
from childrights.testing.participation import make_consultation, make_response

SOURCE = "ONS mid-2024 population estimates"


@pytest.fixture
def consultation(world):
    made = make_consultation(council=world.council_a)  # age bands 8-11 and 12-15
    for _ in range(3):
        make_response(consultation=made, age_band="8-11")
    make_response(consultation=made, age_band="12-15")
    return made


def _population(council, counts):
    for band, count in counts.items():
        ChildPopulation.objects.create(council=council, age_band=band, count=count, source=SOURCE)


def test_results_compare_respondents_with_the_child_population(world, signed_in, consultation):
    _population(world.council_a, {"8-11": 6000, "12-15": 4000})
    page = signed_in(world.member).get(f"/consultations/{consultation.pk}/results/")
    context = page.context["results"].representativeness
    rows = {row.band: row for row in context.rows}
    assert rows["8-11"].share == 0.75
    assert rows["8-11"].population_share == 0.6
    assert rows["12-15"].share == 0.25
    assert rows["12-15"].population_share == 0.4
    assert rows["8-11"].difference == pytest.approx(15.0)
    html = page.content.decode()
    assert "60.0%" in html
    assert SOURCE in html


def test_a_missing_population_is_named_with_a_link_to_enter_it(world, signed_in, consultation):
    _population(world.council_a, {"8-11": 6000})
    html = signed_in(world.member).get(f"/consultations/{consultation.pk}/results/").content
    page = html.decode()
    assert "not recorded for these age bands: 12 to 15" in page
    assert f"/councils/{world.council_a.pk}/population/?consultation={consultation.pk}" in page


def test_the_population_form_saves_each_age_band_with_its_source(world, signed_in):
    client = signed_in(world.member)
    response = client.post(
        f"/councils/{world.council_a.pk}/population/",
        {"band_8-11": "6,000", "band_12-15": "4000", "source": SOURCE},
    )
    assert response.status_code == 302
    saved = {row.age_band: (row.count, row.source) for row in ChildPopulation.objects.all()}
    assert saved == {"8-11": (6000, SOURCE), "12-15": (4000, SOURCE)}


def test_saving_the_population_is_audited(world, signed_in):
    signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/population/", {"band_4-7": "3000", "source": SOURCE}
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE)
    assert event.object_type == "participation.ChildPopulation"
    assert event.council_id == world.council_a.pk
    assert event.actor_email == world.member.email


def test_changing_and_clearing_the_population_is_audited(world, signed_in):
    _population(world.council_a, {"8-11": 6000, "12-15": 4000})
    signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/population/", {"band_8-11": "6100", "source": SOURCE}
    )
    assert list(ChildPopulation.objects.values_list("age_band", "count")) == [("8-11", 6100)]
    update = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE)
    assert update.detail == {"changed": {"count": ["6000", "6100"]}}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).count() == 1


def test_a_count_that_is_not_a_whole_number_is_refused(world, signed_in):
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/population/", {"band_8-11": "lots", "source": SOURCE}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "as a whole number" in response.content.decode()
    assert not ChildPopulation.objects.exists()


def test_figures_need_a_source(world, signed_in):
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/population/", {"band_8-11": "6000", "source": " "}
    )
    assert "Enter where the figures come from" in response.content.decode()
    assert not ChildPopulation.objects.exists()


def test_coming_from_results_goes_back_to_them(world, signed_in, consultation):
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/population/?consultation={consultation.pk}",
        {"band_8-11": "6000", "band_12-15": "4000", "source": SOURCE},
    )
    assert response.headers["Location"] == f"/consultations/{consultation.pk}/results/"


def test_it_never_goes_back_to_another_councils_consultation(world, signed_in):
    elsewhere = make_consultation(council=world.council_b)
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/population/?consultation={elsewhere.pk}",
        {"band_8-11": "6000", "source": SOURCE},
    )
    assert response.headers["Location"] == f"/councils/{world.council_a.pk}/population/"


def test_the_form_shows_the_figures_already_recorded(world, signed_in):
    _population(world.council_a, {"8-11": 6000})
    page = signed_in(world.member).get(f"/councils/{world.council_a.pk}/population/")
    assert 'value="6000"' in page.content.decode()
    assert SOURCE in page.content.decode()


def test_members_who_cannot_edit_get_403(world, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    assert client.get(f"/councils/{world.council_a.pk}/population/").status_code == 403
    response = client.post(
        f"/councils/{world.council_a.pk}/population/", {"band_8-11": "1", "source": SOURCE}
    )
    assert response.status_code == 403
    assert not ChildPopulation.objects.exists()


def test_people_outside_the_council_get_404(world, signed_in):
    response = signed_in(world.outsider).get(f"/councils/{world.council_a.pk}/population/")
    assert response.status_code == 404

"""The shared needs are reference data: loaded from the data file, in English and Welsh, and a
second load changes nothing."""

import json

import pytest

from childrights.directory.models import Need, Organisation, Service, Taxonomy
from childrights.directory.services import NEEDS_FILE, needs_load

pytestmark = pytest.mark.django_db


def test_every_term_in_the_file_is_loaded_in_english_and_welsh():
    codes = {term["code"] for term in json.loads(NEEDS_FILE.read_text())["terms"]}
    needs = Need.objects.filter(taxonomy__slug="needs", council=None)
    assert set(needs.values_list("code", flat=True)) == codes
    assert len(codes) >= 18
    for need in needs:
        for field in ("name", "description", "keywords"):
            assert getattr(need, f"{field}_en"), (need.code, field)
            assert getattr(need, f"{field}_cy"), (need.code, field)


def test_care_leavers_find_leaving_care_by_the_words_they_use():
    need = Need.objects.get(code="leaving-care")
    assert "personal adviser" in need.keywords_en
    assert "care leaver" in need.keywords_en


def test_loading_again_changes_nothing_and_restores_a_changed_name():
    Need.objects.filter(code="food").update(name_en="Changed")
    before = Need.objects.count()
    needs_load()
    needs_load()
    assert Need.objects.count() == before
    assert Taxonomy.objects.filter(slug="needs").count() == 1
    assert Need.objects.get(code="food").name_en == "Food"


def test_a_term_dropped_from_the_file_goes_unless_a_service_uses_it(tmp_path, world):
    data = json.loads(NEEDS_FILE.read_text())
    data["terms"] = [t for t in data["terms"] if t["code"] not in {"food", "getting-around"}]
    shorter = tmp_path / "needs.json"
    shorter.write_text(json.dumps(data))
    organisation = Organisation.objects.create(council=world.council_a, name="Pantry")
    service = Service.objects.create(
        council=world.council_a, organisation=organisation, name_en="Pantry", description_en="x"
    )
    service.needs.add(Need.objects.get(code="food"))
    needs_load(path=shorter)
    assert Need.objects.filter(code="food").exists()
    assert not Need.objects.filter(code="getting-around").exists()


def test_a_council_s_own_term_is_left_alone(world):
    taxonomy = Taxonomy.objects.get(slug="needs")
    Need.objects.create(
        taxonomy=taxonomy, council=world.council_a, code="aberfield-bikes", name_en="Bikes"
    )
    needs_load()
    assert Need.objects.filter(code="aberfield-bikes", council=world.council_a).exists()

"""A service's search field holds its words, its needs' and its organisation's, and is kept by
the writes that change them, so the finder and the API find a service as soon as it changes."""

import json

import pytest

from childrights.directory import oruk, selectors
from childrights.directory.models import Need, Service
from childrights.directory.search_text import normalised
from childrights.directory.services import (
    NEEDS_FILE,
    needs_load,
    organisation_create,
    service_create,
    service_publish,
    service_update,
)
from childrights.testing.actors import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(world):
    actor = actor_for(world.owner)
    organisation = organisation_create(
        actor=actor, council=world.council_a, name="Aberfield Youth TRUST"
    )
    service = service_create(
        actor=actor,
        council=world.council_a,
        values={
            "organisation": organisation,
            "name_en": "Youth  club",
            "name_cy": "Clwb ieuenctid",
            "description_en": "Games and a chat.",
            "who_for_en": "Anyone in Year 7",
            "what_happens_cy": "Byddwn yn siarad",
        },
        needs=[Need.objects.get(code="things-to-do")],
    )
    return service_publish(actor=actor, service=service)


def _found(text):
    return list(selectors.services_found(text=text))


def _api_found(text):
    return list(oruk.services_matching(oruk.service_query_from({"search": text})))


def test_a_new_service_holds_its_words_its_needs_and_its_organisation(service):
    need = Need.objects.get(code="things-to-do")
    lines = service.search_text.split("\n")
    assert "youth club" in lines
    assert "clwb ieuenctid" in lines
    assert "anyone in year 7" in lines
    assert "byddwn yn siarad" in lines
    assert normalised(need.name_cy) in lines
    assert "aberfield youth trust" in lines
    for words in ("year 7", "SIARAD", "trust", need.keywords_en.split(",")[0]):
        assert _found(words) == [service], words
        assert _api_found(words) == [service], words


def test_a_search_of_only_common_or_short_words_needs_the_whole_phrase(service):
    assert _found("AND  a") == [service]
    assert not _found("a and")
    # Each field is its own line: "7" ends one and "byddwn" starts the next.
    assert "7 byddwn" not in service.search_text


def test_a_change_of_words_or_needs_is_found_at_once(world, service):
    actor = actor_for(world.owner)
    service_update(actor=actor, service=service, values={"description_en": "Table tennis."})
    assert _found("tennis") == [service]
    assert not _found("games")
    updated = service_update(
        actor=actor, service=service, values={}, needs=[Need.objects.get(code="food")]
    )
    food = Need.objects.get(code="food")
    assert _found(food.name_en) == [service]
    assert _api_found(food.name_en) == [service]
    assert Service.objects.get(pk=service.pk).search_text == updated.search_text


def test_reloading_the_needs_rewrites_the_services_that_meet_a_reworded_need(
    tmp_path, world, service
):
    data = json.loads(NEEDS_FILE.read_text())
    for term in data["terms"]:
        if term["code"] == "things-to-do":
            term["keywords"]["en"] += ", skateboarding"
    changed = tmp_path / "needs.json"
    changed.write_text(json.dumps(data))
    assert not _found("skateboarding")
    updated_at = Service.objects.get(pk=service.pk).updated_at
    needs_load(path=changed)
    assert _found("skateboarding") == [service]
    # The search field is derived: the service itself did not change.
    assert Service.objects.get(pk=service.pk).updated_at == updated_at

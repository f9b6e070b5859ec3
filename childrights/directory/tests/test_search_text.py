"""A service's search field holds its words, its needs' and its organisation's, and is kept by
the writes that change them, so the finder and the API find a service as soon as it changes."""

import json

import pytest
from django.db import connection

from childrights.directory import oruk, selectors
from childrights.directory.models import Need, Service
from childrights.directory.search_text import holding, need_key, normalised
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


# --- search keys ------------------------------------------------------------------------------


def test_a_word_finds_the_words_it_begins_and_not_the_middle_of_one(service):
    for typed in ("you", "yout", "youth", "YOUTH", "ieuenc", "trust", "games"):
        assert _found(typed) == [service], typed
        assert _api_found(typed) == [service], typed
    # The middle or end of a word is not the beginning of one.
    for typed in ("outh", "ames", "ieuenctidau"):
        assert _found(typed) == [], typed
        assert _api_found(typed) == [], typed


def test_the_keys_hold_the_beginnings_of_words_the_needs_and_the_council(world, service):
    need = Need.objects.get(code="things-to-do")
    keys = service.search_keys
    assert keys.startswith(" ")
    assert keys.endswith(" ")
    tokens = keys.split()
    assert {"you", "yout", "youth", "clu", "club", "cha", "chat"} <= set(tokens)
    assert "ga" not in tokens  # under three letters
    assert f"§t{need.pk.hex}" in tokens
    assert f"§n{need.pk.hex}" in tokens
    assert f"§c{world.council_a.pk}" in tokens


def test_a_need_finds_services_of_the_needs_under_it(world):
    actor = actor_for(world.owner)
    organisation = organisation_create(actor=actor, council=world.council_a, name="Trust")
    parent = Need.objects.get(code="feeling-down-or-worried")
    child = Need.objects.create(
        taxonomy=parent.taxonomy, code="exam-stress", name_en="Exam stress", parent=parent
    )
    made = service_create(
        actor=actor,
        council=world.council_a,
        values={"organisation": organisation, "name_en": "Calm", "description_en": "Breathe."},
        needs=[child],
    )
    service_publish(actor=actor, service=made)
    assert list(selectors.services_found(need=parent)) == [made]
    assert list(selectors.services_found(need=child)) == [made]
    # The API's term is exact: the parent's term does not find the child's services.
    by_term = oruk.service_query_from({"taxonomy_term_id": str(parent.pk)})
    assert list(oruk.services_matching(by_term)) == []
    by_term = oruk.service_query_from({"taxonomy_term_id": str(child.pk)})
    assert list(oruk.services_matching(by_term)) == [made]


def test_a_council_s_search_finds_only_its_services(world, service):
    assert list(selectors.services_found(council=world.council_a, text="youth")) == [service]
    assert list(selectors.services_found(council=world.council_b, text="youth")) == []


def test_on_postgresql_the_keys_condition_is_the_one_the_index_answers(world, service):
    """The query's expression must be the index's, or PostgreSQL reads every service."""
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index is PostgreSQL's")
    need = Need.objects.get(code="things-to-do")
    found = Service.objects.filter(holding(["youth", need_key(need)]))
    assert list(found) == [service]
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on directory_service_search_keys" in plan


def test_a_very_long_word_is_kept_and_found_by_its_beginning(world):
    actor = actor_for(world.owner)
    organisation = organisation_create(actor=actor, council=world.council_a, name="Trust")
    long_word = "a" + "b" * 3000
    made = service_create(
        actor=actor,
        council=world.council_a,
        values={"organisation": organisation, "name_en": "Odd", "description_en": long_word},
        needs=[],
    )
    service_publish(actor=actor, service=made)
    assert max(len(token) for token in made.search_keys.split()) == 60
    assert _found(long_word) == [made]
    assert _api_found(long_word) == [made]
    assert _found("a" + "c" * 3000) == []


def test_a_very_long_text_keeps_its_keys_within_what_postgresql_holds(world):
    actor = actor_for(world.owner)
    organisation = organisation_create(actor=actor, council=world.council_a, name="Trust")
    words = " ".join(f"w{number:05d}" + "x" * 50 for number in range(20_000))
    made = service_create(
        actor=actor,
        council=world.council_a,
        values={"organisation": organisation, "name_en": "Huge", "description_en": words},
        needs=[],
    )
    service_publish(actor=actor, service=made)
    assert len(made.search_keys) < 1_048_575
    assert _found("w00000") == [made]  # its first words are found

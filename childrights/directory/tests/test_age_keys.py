"""A service's ages are in its search keys, so the finder's age and the Open Referral UK API's
minimum_age and maximum_age are answered with its words from one index, and find exactly the
services they found before: the finder's age inside the service's ages where it sets them, the
API's minimum_age a youngest age of at least the value and maximum_age an oldest age of at
most it."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from childrights.directory import oruk, selectors
from childrights.directory.models import Service
from childrights.directory.search_text import (
    age_key,
    holding,
    oldest_at_most_key,
    service_keys,
    youngest_at_least_key,
)
from childrights.directory.services import service_update, services_search_refresh
from childrights.directory.tests.test_finder import make_service
from childrights.testing.actors import actor_for

pytestmark = pytest.mark.django_db

# Youngest and oldest ages (None: open-ended), as services set them.
AGES = [
    (None, None),
    (0, 0),
    (0, 5),
    (5, 11),
    (None, 18),
    (11, 16),
    (16, None),
    (16, 25),
    (25, 25),
]


@pytest.fixture
def services(world) -> dict[tuple[int | None, int | None], Service]:
    return {
        (youngest, oldest): make_service(
            council=world.council_a,
            name_en=f"Ages {youngest} to {oldest}",
            minimum_age=youngest,
            maximum_age=oldest,
        )
        for youngest, oldest in AGES
    }


def _ages(found) -> set[tuple[int | None, int | None]]:
    return {(service.minimum_age, service.maximum_age) for service in found}


def _for_age(age: int) -> set[tuple[int | None, int | None]]:
    return {
        (youngest, oldest)
        for youngest, oldest in AGES
        if (youngest is None or youngest <= age) and (oldest is None or age <= oldest)
    }


def test_each_age_key_finds_exactly_the_services_for_that_age(services):
    for age in range(26):
        key = age_key(age)
        assert key is not None
        assert _ages(Service.objects.filter(holding([key]))) == _for_age(age), age
        assert _ages(selectors.services_found(age=age)) == _for_age(age), age


def test_the_youngest_and_oldest_keys_find_what_the_api_s_ages_mean(services):
    for value in (0.5, 1, 5, 11, 12.5, 16, 24.5, 25):
        at_least = {(y, o) for y, o in AGES if y is not None and y >= value}
        at_most = {(y, o) for y, o in AGES if o is not None and o <= value}
        youngest, oldest = youngest_at_least_key(value), oldest_at_most_key(value)
        assert youngest is not None
        assert oldest is not None
        assert _ages(Service.objects.filter(holding([youngest]))) == at_least, value
        assert _ages(Service.objects.filter(holding([oldest]))) == at_most, value


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"minimum_age": "16"}, {(16, None), (16, 25), (25, 25)}),
        ({"minimum_age": "12.5"}, {(16, None), (16, 25), (25, 25)}),
        ({"minimum_age": "0"}, set(AGES)),
        ({"minimum_age": "30"}, set()),
        ({"maximum_age": "11"}, {(0, 0), (0, 5), (5, 11)}),
        ({"maximum_age": "0.5"}, {(0, 0)}),
        (
            {"maximum_age": "30"},
            {(0, 0), (0, 5), (5, 11), (None, 18), (11, 16), (16, 25), (25, 25)},
        ),
        ({"minimum_age": "5", "maximum_age": "16"}, {(5, 11), (11, 16)}),
    ],
)
def test_the_api_s_ages_find_the_same_services_as_the_profile_means(services, params, expected):
    assert _ages(oruk.services_matching(oruk.service_query_from(params))) == expected


def test_an_age_past_the_keys_is_still_compared(world):
    # Written around the services' checks, a service for ages past 25 is found as its ages say.
    older = make_service(council=world.council_a, name_en="Older", minimum_age=26, maximum_age=30)
    assert list(selectors.services_found(age=28)) == [older]
    assert list(oruk.services_matching(oruk.service_query_from({"minimum_age": "27"}))) == []
    at_least = oruk.services_matching(oruk.service_query_from({"minimum_age": "26"}))
    assert list(at_least) == [older]
    at_most = oruk.services_matching(oruk.service_query_from({"maximum_age": "30"}))
    assert list(at_most) == [older]


def test_a_change_of_ages_changes_the_keys_at_once(world):
    made = make_service(council=world.council_a, name_en="Club", minimum_age=11, maximum_age=16)
    assert list(selectors.services_found(age=18)) == []
    service_update(
        actor=actor_for(world.owner),
        service=made,
        values={"minimum_age": 16, "maximum_age": 25},
    )
    assert list(selectors.services_found(age=18)) == [made]
    assert list(selectors.services_found(age=12)) == []


def test_the_migration_gives_existing_services_the_keys_their_writes_would(services):
    # Keys as written before age keys: everything but them.
    for service in Service.objects.all():
        before = [key for key in service.search_keys.split() if key[:2] not in {"§a", "§y", "§z"}]
        Service.objects.filter(pk=service.pk).update(search_keys=f" {' '.join(before)} ")
    assert list(selectors.services_found(age=12)) == []

    migration = importlib.import_module("childrights.directory.migrations.0008_service_age_keys")
    migration.fill(apps, None)

    for service in Service.objects.prefetch_related("needs").select_related("organisation"):
        expected = service_keys(service, service.needs.all(), service.search_text)
        assert service.search_keys == expected
    assert _ages(selectors.services_found(age=12)) == _for_age(12)
    assert services_search_refresh(Service.objects.all()) == 0


def test_the_ages_are_asked_of_the_keys_with_the_words(services):
    query = oruk.service_query_from({"search": "place", "minimum_age": "21", "maximum_age": "25"})
    searches = [
        (oruk.services_matching(query), ["place", "§y21", "§z25"]),
        (selectors.services_found(text="place", age=15), ["place", "§a15"]),
    ]
    for found, keys in searches:
        _sql, params = found.query.sql_with_params()
        asked = [param for param in params if isinstance(param, str) and "§" in param]
        if connection.vendor == "postgresql":
            # One condition, which the keys' index answers.
            assert asked == [" & ".join(f"'{key}'" for key in keys)]
        else:
            assert asked == [f"% {key} %" for key in keys if key.startswith("§")]


def test_on_postgresql_the_index_answers_the_age_keys(services):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index is PostgreSQL's")
    found = Service.objects.filter(holding(["§a12", "§y11", "§z16"]))
    assert _ages(found) == {(11, 16)}
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on directory_service_search_keys" in plan

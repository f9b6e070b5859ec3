"""The newest published version of each assessment, as the register and the site search find
it at national size: one anti-join, not a subquery for each version (which PostgreSQL costed at
ten times its JIT threshold for 34,000 versions, spending 48 ms compiling a query that ran in
3), and the site search's near words asked once, not once a word."""

import json

import pytest
from django.db import connection

from childrights.assessments.register import published_matching, published_matching_any
from childrights.core.site_search import typo_ends


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return json.dumps(plan) if not isinstance(plan, str) else plan


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_the_newest_published_versions_are_found_without_a_subquery_a_version(world):
    for queryset in (
        published_matching(words=["counselling"]),
        published_matching_any(words=list(typo_ends("counselling"))),
    ):
        plan = _plan(queryset)
        assert '"SubPlan' not in plan  # never a subquery run for each row
        assert "Anti" in plan

"""A member of the owning council whose role may only read posts to every object URL and changes
nothing: the database is the same afterwards, and every URL but the pages that only show records
refuses the post.

The URLs, and the council-A record each names, come from the test that walks them as an
outsider, so a new URL is covered here too without editing this test. An outsider is stopped by
the tenancy of the fetch (404); this member gets past it, so what stops them is the capability the
action needs (403), a page that takes no posts (405), or a record that is not theirs to see even in
their own council (a safeguarding concern: 404). An empty post writes nothing through a form, so a
form page that forgot its check is caught by its answer, and a button that forgot it (delete,
close, publish) by the database.
"""

from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models

from childrights.accounts.models import Role
from childrights.conftest import World
from childrights.core.models import AuditEvent
from childrights.core.tests.test_every_object_url_is_council_scoped import (
    OBJECT_FOR_KWARG,
    _fill,
    _measure,
    _object_urls,
)
from childrights.outcomes.models import Report
from childrights.poverty.models import Run
from childrights.testing.factories import make_user

READ_ONLY_ROLE = "elected-member"
REFUSED = {403, 404, 405}

# Pages that only show records: they answer a post as they answer a get, and write nothing (the
# preview of a consultation steps through its pages without saving an answer). Every other object
# URL refuses a read-only member's post. A new page that only shows records either answers a post
# with 405 or is named here.
READ_PAGES = {
    "councils/<int:council_id>/team/",
    "councils/<int:council_id>/poverty/",
    "councils/<int:council_id>/poverty/data-dictionary/",
    "councils/<int:council_id>/poverty/children-sample.csv",
    "poverty/data/<int:dataset_id>/",
    "poverty/runs/<int:run_id>/",
    "councils/<int:council_id>/self-assessment/",
    "self-assessment/<int:round_id>/",
    "self-assessment/<int:round_id>/children/",
    "councils/<int:council_id>/indicators/",
    "councils/<int:council_id>/training/",
    "councils/<int:council_id>/training/courses/",
    "councils/<int:council_id>/training/people/",
    "training/courses/<int:course_id>/",
    "training/people/<int:trainee_id>/",
    "councils/<int:council_id>/reports/",
    "reports/<int:report_id>/",
    "councils/<int:council_id>/consultations/",
    "consultations/<int:consultation_id>/",
    "consultations/<int:consultation_id>/preview/",
    "consultations/<int:consultation_id>/results/",
    "consultations/<int:consultation_id>/feedback/",
    "codes/<int:code_id>/print/",
    "councils/<int:council_id>/impact-assessments/",
    "councils/<int:council_id>/impact-assessments/dashboard/",
    "impact-assessments/<int:assessment_id>/",
    "impact-assessments/<int:assessment_id>/history/",
    "councils/<int:council_id>/commissioning/",
    "commissioning/<int:project_id>/",
}

# A run and a report whose pages a member can open (the outsider never gets as far as drawing
# them, so the records the other test makes for them need not be whole).
OBJECTS = OBJECT_FOR_KWARG | {
    "run_id": lambda world: (
        Run.objects.create(
            council=world.council_a,
            measure=_measure(world),
            measure_name="A measure",
            definition={"k": 0.5, "dimensions": []},
            data_fingerprint="0" * 64,
            status=Run.Status.FAILED,
            error="The data could not be read.",
        ).pk
    ),
    "report_id": lambda world: (
        Report.objects.create(
            kind=Report.Kind.PARTNER,
            council=world.council_a,
            period_start="2025-04-01",
            period_end="2026-03-31",
            status=Report.Status.FAILED,
            error="The figures could not be gathered.",
        ).pk
    ),
}


def _urls(world: World) -> list[tuple[str, str]]:
    """Every object URL (its route, and the route filled with council A's records, made now,
    before anything is counted)."""
    found = []
    for route, kwargs in _object_urls():
        values = {name: OBJECTS[name](world) if name in OBJECTS else "x" for name in kwargs}
        found.append((route, _fill(route, values)))
    return found


def _rows(model: type[models.Model]) -> models.QuerySet[Any]:
    if model is AuditEvent:
        return AuditEvent.objects.exclude(action=AuditEvent.Action.ACCESS_DENIED)
    return model._default_manager.all()


def _fingerprint() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, but the sessions and the audit log's refusals (which a refused
    request writes by design)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if model is Session or meta.proxy or not meta.managed:
            continue
        tables[meta.label] = [
            tuple(map(repr, row)) for row in _rows(model).order_by("pk").values_list()
        ]
    return tables


def test_the_read_only_role_is_the_council_role_with_the_fewest_capabilities(db):
    council_roles = Role.objects.filter(scope=Role.Scope.COUNCIL)
    fewest = min(council_roles, key=lambda role: (not role.read_only, len(role.capabilities)))
    assert fewest.slug == READ_ONLY_ROLE
    assert fewest.read_only


def test_every_page_said_to_only_show_records_is_still_an_object_url():
    routes = {route for route, _ in _object_urls()}
    stale = READ_PAGES - routes
    assert not stale, f"Named as pages that only show records, but no longer URLs: {sorted(stale)}"


def test_a_read_only_member_posting_to_every_object_url_changes_nothing(world, signed_in):
    reader = make_user(role=READ_ONLY_ROLE, council=world.council_a)
    client = signed_in(reader)
    urls = _urls(world)
    before = _fingerprint()
    answered = [(route, url, client.post(url).status_code) for route, url in urls]
    after = _fingerprint()

    changed = sorted(label for label in before if before[label] != after.get(label))
    assert not changed, f"A read-only member's posts changed these tables: {changed}"
    accepted = [
        f"POST {url} -> {status}"
        for route, url, status in answered
        if status not in REFUSED and route not in READ_PAGES
    ]
    assert not accepted, "A read-only member's posts were not refused:\n" + "\n".join(accepted)

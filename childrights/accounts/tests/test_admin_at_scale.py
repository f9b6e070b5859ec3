"""The admin at national size: the list of roles reads each row's person, council and role with
the page, and a person is deactivated, never deleted, so no page walks everything they did."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.accounts.models import Membership, Role, User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.testing.factories import make_user

pytestmark = pytest.mark.django_db


def _queries(client, path: str) -> tuple[int, int]:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured)


def _memberships(count: int, *, start: int) -> None:
    role = Role.objects.get(slug="social-worker")
    councils = list(Council.objects.order_by("pk")[:count])
    for number, council in enumerate(councils):
        make_user(role=role.slug, council=council, email=f"worker{start + number}@x.example")


def test_the_list_of_roles_makes_as_many_queries_for_many_rows_as_for_few(world, signed_in):
    client = signed_in(world.programme)
    _memberships(2, start=0)
    status, few = _queries(client, "/admin/accounts/membership/")
    assert status == 200
    _memberships(25, start=100)
    assert Membership.objects.count() > 25
    status, many = _queries(client, "/admin/accounts/membership/")
    assert status == 200
    assert many == few


def test_a_person_is_not_deleted_in_the_admin_and_the_page_reads_nothing_they_did(world, signed_in):
    client = signed_in(world.programme)
    person = world.owner
    for _ in range(5):
        audit_record(action=AuditEvent.Action.LOGIN, actor=Actor(person=person))
    path = f"/admin/accounts/user/{person.pk}/delete/"
    status, queries = _queries(client, path)
    assert status == 403
    assert queries <= 8
    assert client.post(path, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=person.pk, is_active=True).exists()
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "delete_selected" not in listing


def test_a_person_is_deactivated_in_the_admin_and_it_is_audited(world, signed_in):
    client = signed_in(world.programme)
    person = world.outsider
    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {
            "email": person.email,
            "full_name": person.full_name,
            "preferred_language": person.preferred_language,
            "is_demo": "",
            "memberships-TOTAL_FORMS": str(person.memberships.count()),
            "memberships-INITIAL_FORMS": str(person.memberships.count()),
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            **{
                f"memberships-{n}-id": str(membership.pk)
                for n, membership in enumerate(person.memberships.order_by("pk"))
            },
            **{f"memberships-{n}-user": str(person.pk) for n in range(person.memberships.count())},
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert not person.is_active
    event = AuditEvent.objects.get(action="update", object_type="accounts.User")
    assert "is_active" in event.detail["changed"]

"""Roles are reference data: the admin does not delete them, even for the programme team, so
no page gathers every membership of a role."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from childrights.accounts.models import Role


def test_the_programme_team_cannot_delete_a_role_in_the_admin(world, signed_in):
    client = signed_in(world.programme)
    role = Role.objects.get(slug="social-worker")
    path = f"/admin/accounts/role/{role.pk}/delete/"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 403
    # Django's confirmation page gathered every membership holding the role.
    assert not [q for q in captured.captured_queries if '"role_id" IN' in q["sql"]]
    assert client.post(path, {"post": "yes"}).status_code == 403
    assert Role.objects.filter(pk=role.pk).exists()
    listing = client.get("/admin/accounts/role/").content.decode()
    assert "delete_selected" not in listing

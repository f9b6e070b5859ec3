import re

import pytest
from django.core import mail

from childrights.accounts.models import Invitation, Membership, Role, User
from childrights.core.models import AuditEvent


@pytest.fixture
def add_member(django_capture_on_commit_callbacks):
    """Post the add-member form; invitations queued on commit are run as the request ends."""

    def _add(client, council, **fields):
        data = {
            "full_name": "Ada Jones",
            "email": "ada@aberfield.example",
            "role": _role("council-staff"),
        }
        data.update(fields)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/councils/{council.pk}/team/add/", data)

    return _add


def _role(slug: str) -> int:
    return Role.objects.get(slug=slug).pk


def test_a_council_lead_adds_a_new_colleague_who_is_invited_by_email(world, signed_in, add_member):
    client = signed_in(world.owner)
    response = add_member(client, world.council_a)
    assert response["Location"] == f"/councils/{world.council_a.pk}/team/"
    # Nothing exists until the person accepts (accounts/tests/test_invitations.py).
    assert not User.objects.filter(email="ada@aberfield.example").exists()
    invitation = Invitation.objects.get(email="ada@aberfield.example", council=world.council_a)
    assert len(mail.outbox) == 1
    assert re.search(r"/invitations/\S+/", str(mail.outbox[0].body))
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="accounts.Invitation"
    ).exists()
    assert invitation.accepted_at is None


def test_inviting_twice_makes_one_invitation_and_sends_it_again(world, signed_in, add_member):
    client = signed_in(world.owner)
    add_member(client, world.council_a)
    add_member(client, world.council_a, email="ADA@aberfield.example")
    # One invitation, sent again when asked again.
    assert Invitation.objects.filter(email="ada@aberfield.example").count() == 1
    assert len(mail.outbox) == 2


def test_bad_input_is_explained_and_nothing_is_saved(world, signed_in, add_member):
    client = signed_in(world.owner)
    response = add_member(client, world.council_a, email="not an email", role="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in page
    assert "Choose a role" in page
    assert 'value="Ada Jones"' in page
    assert not User.objects.filter(full_name="Ada Jones").exists()


def test_national_roles_cannot_be_given_within_a_council(world, signed_in, add_member):
    client = signed_in(world.owner)
    response = add_member(client, world.council_a, role=_role("programme-team"))
    assert response.status_code == 200
    assert "Choose one of the roles listed" in response.content.decode()
    assert not User.objects.filter(email="ada@aberfield.example").exists()


def test_staff_without_the_manage_role_can_see_the_team_but_not_change_it(
    world, signed_in, add_member
):
    client = signed_in(world.member)
    assert client.get(f"/councils/{world.council_a.pk}/team/").status_code == 200
    assert add_member(client, world.council_a).status_code == 403
    membership = Membership.objects.get(user=world.owner)
    assert client.post(f"/memberships/{membership.pk}/remove/").status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_elected_members_are_read_only_even_with_a_listed_capability(
    world, signed_in, db, add_member
):
    from childrights.testing.factories import make_user

    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    assert client.get(f"/councils/{world.council_a.pk}/team/").status_code == 200
    assert add_member(client, world.council_a).status_code == 403


def test_a_lead_removes_a_role_after_confirming(world, signed_in):
    client = signed_in(world.owner)
    membership = Membership.objects.get(user=world.member)
    confirm = client.get(f"/memberships/{membership.pk}/remove/")
    assert "Remove member@aberfield.example" in confirm.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(f"/memberships/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE)
    assert event.council_id == world.council_a.pk


def test_leads_cannot_remove_their_own_role(world, signed_in):
    client = signed_in(world.owner)
    own = Membership.objects.get(user=world.owner)
    client.post(f"/memberships/{own.pk}/remove/")
    assert Membership.objects.filter(pk=own.pk).exists()


def test_the_programme_team_can_manage_any_council_team(world, signed_in, add_member):
    client = signed_in(world.programme)
    assert add_member(client, world.council_b).status_code == 302
    assert Invitation.objects.filter(
        council=world.council_b, email="ada@aberfield.example"
    ).exists()


def test_your_councils_lists_only_your_own(world, signed_in):
    page = signed_in(world.owner).get("/councils/").content.decode()
    assert "Aberfield City Council" in page
    assert "Bramley District Council" not in page

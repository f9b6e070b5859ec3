"""Adding someone to a council's team sends an invitation: nothing of an existing account (its
name, its other councils, whether it exists) is shown to the council until it is accepted."""

import re

import pytest
from django.core import mail
from django.test import Client

from childrights.accounts.models import Invitation, Membership, Role, User
from childrights.testing.auth import sign_in
from childrights.testing.factories import PASSWORD, make_user


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def _invite(client, council, **fields):
        data = {
            "full_name": "Ada Jones",
            "email": "ada@aberfield.example",
            "role": Role.objects.get(slug="council-staff").pk,
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/councils/{council.pk}/team/add/", data, follow=True)

    return _invite


def _link(message) -> str:
    found = re.search(r"http://\S+(/invitations/\S+/)", message.body)
    assert found is not None
    return found.group(1)


def test_inviting_an_existing_account_shows_nothing_of_it(world, signed_in, invite):
    other = make_user(
        role="council-staff",
        council=world.council_b,
        email="sam@bramley.example",
        full_name="Secret Stored Name",
    )
    page = invite(
        signed_in(world.owner), world.council_a, email="sam@bramley.example", full_name="Sam"
    ).content.decode()
    assert "Secret Stored Name" not in page
    assert "An invitation has been sent to sam@bramley.example" in page
    assert not Membership.objects.filter(user=other, council=world.council_a).exists()
    team = signed_in(world.owner).get(f"/councils/{world.council_a.pk}/team/").content.decode()
    assert "Secret Stored Name" not in team
    assert "Invitations not yet accepted" in team


def test_the_message_and_email_are_the_same_whether_or_not_the_address_has_an_account(
    world, signed_in, invite
):
    make_user(email="known@example.org", full_name="Known Person")
    client = signed_in(world.owner)
    known = invite(client, world.council_a, email="known@example.org", full_name="K").content
    unknown = invite(client, world.council_a, email="unknown@example.org", full_name="K").content
    first, second = (str(message.body) for message in mail.outbox)
    assert re.sub(r"/invitations/\S+/", "", first) == re.sub(r"/invitations/\S+/", "", second)
    assert "An invitation has been sent to known@example.org" in known.decode()
    assert "An invitation has been sent to unknown@example.org" in unknown.decode()
    team = client.get(f"/councils/{world.council_a.pk}/team/").content.decode()
    assert "Known Person" not in team


def test_an_existing_account_joins_when_it_signs_in_and_accepts(world, signed_in, invite):
    sam = make_user(email="sam@bramley.example")
    invite(signed_in(world.owner), world.council_a, email="sam@bramley.example")
    link = _link(mail.outbox[0])
    visitor = Client()
    assert visitor.get(link).status_code == 302  # sign in first
    sign_in(visitor, sam)
    assert "Accept and join the team" in visitor.get(link).content.decode()
    visitor.post(link)
    assert Membership.objects.filter(user=sam, council=world.council_a).exists()
    assert Invitation.objects.get().accepted_by == sam
    assert visitor.get(link).status_code == 404  # used


def test_someone_signed_in_as_another_account_cannot_accept_it(world, signed_in, invite):
    make_user(email="sam@bramley.example")
    invite(signed_in(world.owner), world.council_a, email="sam@bramley.example")
    link = _link(mail.outbox[0])
    stranger = sign_in(Client(), make_user(email="mallory@example.org"))
    assert "This invitation is for a different email address" in stranger.get(link).content.decode()
    stranger.post(link)
    assert not Membership.objects.filter(
        council=world.council_a, user__email="mallory@example.org"
    ).exists()


def test_a_new_person_chooses_a_password_and_joins(world, signed_in, invite):
    invite(signed_in(world.owner), world.council_a)
    link = _link(mail.outbox[0])
    newcomer = Client()
    page = newcomer.get(link).content.decode()
    assert "Set up your account for ada@aberfield.example" in page
    answer = newcomer.post(
        link, {"full_name": "Ada Jones", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert answer.status_code == 302
    ada = User.objects.get(email="ada@aberfield.example")
    assert ada.check_password(PASSWORD)
    assert Membership.objects.filter(user=ada, council=world.council_a).exists()


def test_inviting_someone_who_already_has_the_role_changes_nothing(world, signed_in, invite):
    page = invite(signed_in(world.owner), world.council_a, email=world.member.email).content
    assert "already has that role" in page.decode()
    assert not Invitation.objects.exists()

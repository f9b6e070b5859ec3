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


def _safeguarding() -> int:
    return Role.objects.get(slug="safeguarding-lead").pk


def test_the_programme_team_cannot_give_itself_a_safeguarding_role(world, signed_in, invite):
    team = signed_in(world.programme)
    page = invite(
        team, world.council_a, email=world.programme.email, role=_safeguarding()
    ).content.decode()
    assert "needs a second person" in page
    invitation = Invitation.objects.get()
    assert invitation.needs_confirmation
    assert mail.outbox == []  # nothing to accept yet
    team.post(f"/team-invitations/{invitation.pk}/confirm/")  # the same person: not enough
    invitation.refresh_from_db()
    assert invitation.needs_confirmation
    assert mail.outbox == []


def test_a_council_lead_confirms_and_the_invitation_goes(
    world, signed_in, invite, django_capture_on_commit_callbacks
):
    invite(
        signed_in(world.programme), world.council_a, email="dsl@example.org", role=_safeguarding()
    )
    invitation = Invitation.objects.get()
    lead = sign_in(Client(), world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        lead.post(f"/team-invitations/{invitation.pk}/confirm/")
    invitation.refresh_from_db()
    assert invitation.confirmed_by == world.owner
    assert [message.to for message in mail.outbox] == [["dsl@example.org"]]


def test_a_council_leads_own_invitation_to_a_safeguarding_role_goes_at_once(
    world, signed_in, invite
):
    invite(signed_in(world.owner), world.council_a, email="dsl@example.org", role=_safeguarding())
    assert not Invitation.objects.get().needs_confirmation
    assert len(mail.outbox) == 1


def test_the_councils_leads_hear_when_a_safeguarding_role_is_taken(
    world, signed_in, invite, django_capture_on_commit_callbacks
):
    sam = make_user(email="sam@example.org")
    invite(signed_in(world.owner), world.council_a, email=sam.email, role=_safeguarding())
    link = _link(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(Client(), sam).post(link)
    assert Membership.objects.filter(user=sam, role__slug="safeguarding-lead").exists()
    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    assert "sam@example.org" in mail.outbox[0].body


def test_the_admin_cannot_give_a_safeguarding_role_directly(world, rf):
    from django.core.exceptions import PermissionDenied

    from childrights.accounts.admin import MembershipAdmin

    admin = MembershipAdmin(Membership, None)  # type: ignore[arg-type]
    membership = Membership(
        user=world.programme,
        council=world.council_a,
        role=Role.objects.get(slug="safeguarding-lead"),
    )
    with pytest.raises(PermissionDenied):
        admin.save_model(rf.post("/"), membership, None, False)
    assert not Membership.objects.filter(user=world.programme, council=world.council_a).exists()


def test_an_unconfirmed_invitation_cannot_be_accepted(world, signed_in, invite):
    invite(
        signed_in(world.programme), world.council_a, email="dsl@example.org", role=_safeguarding()
    )
    token = Invitation.objects.get().token
    assert Client().get(f"/invitations/{token}/").status_code == 404

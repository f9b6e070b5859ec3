"""Someone always gets the alert: a consultation's safeguarding lead and deputy keep their role
while it is open, and every possible disclosure is emailed to at least one designated lead."""

import itertools

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from childrights.accounts.admin import MembershipAdmin
from childrights.accounts.models import Membership, User
from childrights.accounts.services import MembershipInUse, membership_remove
from childrights.core.actors import Actor
from childrights.participation.models import Consultation
from childrights.participation.screening import alert_recipients
from childrights.testing.factories import make_membership, make_user
from childrights.testing.participation import make_consultation, make_response


def _lead_role(user: User, council) -> Membership:
    return Membership.objects.get(user=user, council=council, role__slug="safeguarding-lead")


def test_the_named_lead_of_an_open_consultation_cannot_lose_the_role(
    consultation, world, signed_in
):
    lead = consultation.safeguarding_lead
    membership = _lead_role(lead, world.council_a)
    page = signed_in(world.owner).post(f"/memberships/{membership.pk}/remove/")
    assert page.status_code == 409
    assert "Name someone else for it first" in page.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_role_can_go_once_someone_else_is_named(consultation, world, signed_in):
    lead = consultation.safeguarding_lead
    replacement = make_user(role="safeguarding-lead", council=world.council_a)
    Consultation.objects.filter(pk=consultation.pk).update(safeguarding_lead=replacement)
    membership = _lead_role(lead, world.council_a)
    signed_in(world.owner).post(f"/memberships/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_role_can_go_once_the_consultation_has_closed(consultation, world):
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.CLOSED)
    membership = _lead_role(consultation.safeguarding_deputy, world.council_a)
    membership_remove(actor=Actor(), membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_another_role_that_keeps_the_capability_can_go(consultation, world):
    lead = consultation.safeguarding_lead
    extra = make_membership(user=lead, council=world.council_a, role="council-staff")
    membership_remove(actor=Actor(), membership=extra)
    assert not Membership.objects.filter(pk=extra.pk).exists()


def test_the_service_refuses_whatever_calls_it(consultation, world):
    membership = _lead_role(consultation.safeguarding_lead, world.council_a)
    with pytest.raises(MembershipInUse):
        membership_remove(actor=Actor(), membership=membership)


def test_the_admin_cannot_delete_it_either(consultation, world, rf):
    membership = _lead_role(consultation.safeguarding_lead, world.council_a)
    admin = MembershipAdmin(Membership, None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        admin.delete_model(rf.post("/"), membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


# Every way the people named can stop being reachable, alone and together.
CHANGES = {
    "lead deactivated": lambda c: User.objects.filter(pk=c.safeguarding_lead_id).update(
        is_active=False
    ),
    "deputy deactivated": lambda c: User.objects.filter(pk=c.safeguarding_deputy_id).update(
        is_active=False
    ),
    "lead's role gone": lambda c: Membership.objects.filter(
        user=c.safeguarding_lead_id, role__slug="safeguarding-lead"
    ).delete(),
    "deputy's role gone": lambda c: Membership.objects.filter(
        user=c.safeguarding_deputy_id, role__slug="safeguarding-lead"
    ).delete(),
    "no deputy named": lambda c: Consultation.objects.filter(pk=c.pk).update(
        safeguarding_deputy=None
    ),
}


@pytest.mark.parametrize(
    "changes",
    [combo for size in range(len(CHANGES) + 1) for combo in itertools.combinations(CHANGES, size)],
    ids=lambda combo: " + ".join(combo) or "nothing changed",
)
@pytest.mark.parametrize("other_leads", [True, False], ids=["other leads", "no other leads"])
def test_every_possible_disclosure_emails_at_least_one_person_who_can_act(
    world, django_capture_on_commit_callbacks, changes, other_leads
):
    consultation = make_consultation(council=world.council_a)
    other = make_user(role="safeguarding-lead", council=world.council_a) if other_leads else None
    for change in changes:
        CHANGES[change](consultation)
    with django_capture_on_commit_callbacks(execute=True):
        make_response(consultation=consultation, text="he hits me every night")
    told = {address for message in mail.outbox for address in message.to}
    assert told, "nobody was told"
    consultation.refresh_from_db()
    expected = {person.email for person in alert_recipients(consultation)}
    assert told == expected
    safeguarding = {
        user.email
        for user in User.objects.filter(
            is_active=True,
            memberships__council=world.council_a,
            memberships__role__slug="safeguarding-lead",
        )
    }
    if safeguarding:
        assert told <= safeguarding  # a lead is told whenever the council has one
    else:
        assert told == {world.owner.email}  # otherwise the council's lead
    named = {
        person.email
        for person in (consultation.safeguarding_lead, consultation.safeguarding_deputy)
        if person is not None
    }
    if other is not None and not told & named:
        assert other.email in told  # the named pair cannot act: the council's other lead can

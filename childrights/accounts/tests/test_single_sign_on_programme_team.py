"""The programme team sign in with their passwords and our own two-factor, never through a
council's provider (ADR 0022): a national role reaches every council and the admin, so one
council's provider, and its word for a second factor, must not open it, even for someone who also
has a role in that council at an address in its domains."""

from typing import Any

from childrights.accounts.models import SingleSignOn
from childrights.accounts.sso import refusal_message, sso_decide, sso_required_for
from childrights.core.models import AuditEvent
from childrights.testing.factories import PASSWORD, make_membership, make_user

TENANT = "11111111-2222-3333-4444-555555555555"
ENTRA = f"https://login.microsoftonline.com/{TENANT}/v2.0"


def sso(council: Any, **fields: Any) -> SingleSignOn:
    values: dict[str, Any] = {
        "issuer": ENTRA,
        "client_id": "client",
        "client_secret_variable": "SSO_SECRET_ABERFIELD",
        "email_domains": "aberfield.example",
    }
    values.update(fields)
    config = SingleSignOn(council=council, **values)
    config.full_clean()
    config.save()
    return config


def seconded(world: Any) -> Any:
    """A programme team member who also has a role in council A, at council A's address."""
    person = make_user(role="programme-team", email="seconded@aberfield.example")
    make_membership(user=person, role="council-staff", council=world.council_a)
    return person


def test_a_councils_provider_does_not_sign_in_a_member_of_the_programme_team(world):
    person = seconded(world)
    config = sso(world.council_a)
    claims = {
        "iss": ENTRA,
        "tid": TENANT,
        "sub": "abc",
        "email": person.email,
        "xms_edov": True,
        "amr": ["pwd", "mfa"],
    }

    decision = sso_decide(config=config, claims=claims)

    assert decision.user is None
    assert decision.reason == "programme_team"
    assert not decision.multi_factor
    assert "sign in with your email address and password" in refusal_message(
        decision.reason, config, decision.email
    )
    # The council's staff still sign in through it.
    member = sso_decide(config=config, claims={**claims, "email": world.member.email})
    assert member.user == world.member


def test_a_council_that_requires_its_sign_in_does_not_lock_the_programme_team_out(client, world):
    person = seconded(world)
    sso(world.council_a, require_sso=True)
    assert sso_required_for(person) is None
    assert sso_required_for(world.member) is not None

    response = client.post("/sign-in/", {"email": person.email, "password": PASSWORD})

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).exists()

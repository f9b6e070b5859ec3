"""A council's leads make, see once and revoke the council's API tokens; nobody else reaches
them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from childrights.api import tokens
from childrights.api.models import CouncilToken
from childrights.core.models import AuditEvent
from childrights.testing.api_tokens import make_api_token
from childrights.testing.factories import make_user


def _date(prefix: str, day) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def _post(client, council, **overrides):
    day = timezone.localdate() + timedelta(days=30)
    data = {"name": "Performance system", "actions": ["import_measurements"]}
    data |= _date("expires_on", day)
    data |= overrides
    return client.post(f"/councils/{council.pk}/api-tokens/new/", data)


def test_a_lead_creates_a_token_and_sees_its_secret_once(world, signed_in):
    client = signed_in(world.owner)
    response = _post(client, world.council_a, actions=["import_measurements", "read_directory"])
    assert response.status_code == 200
    token = CouncilToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("rah_")
    assert len(secret) == 44
    assert secret in response.content.decode()
    assert token.council == world.council_a
    assert token.actions == ["import_measurements", "read_directory"]
    assert token.created_by == world.owner
    # Only the hash is stored: the secret is in no column of the row.
    row = CouncilToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in row.values())
    assert token.secret_hash == tokens.secret_hash(secret)
    assert token.prefix == secret[:12]
    # Never shown again.
    listing = client.get(f"/councils/{world.council_a.pk}/api-tokens/").content.decode()
    assert "Performance system" in listing
    assert token.prefix in listing
    assert secret not in listing
    assert 'href="/api/v1/council/openapi.json"' in listing
    assert AuditEvent.objects.filter(action="create", object_id=str(token.pk)).exists()
    assert not AuditEvent.objects.filter(detail__icontains=secret[12:]).exists()


def test_the_default_expiry_is_90_days(world, signed_in):
    response = signed_in(world.owner).get(f"/councils/{world.council_a.pk}/api-tokens/new/")
    expected = timezone.localdate() + timedelta(days=90)
    assert response.context["form"]["expires_on"].value() == expected


@pytest.mark.parametrize(
    ("days", "message"),
    [(0, "must be in the future"), (-3, "must be in the future"), (367, "within a year")],
)
def test_the_expiry_must_be_within_a_year(world, signed_in, days, message):
    client = signed_in(world.owner)
    response = _post(
        client, world.council_a, **_date("expires_on", timezone.localdate() + timedelta(days))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CouncilToken.objects.exists()


def test_a_token_needs_a_name_an_action_and_an_expiry(world, signed_in):
    client = signed_in(world.owner)
    response = client.post(f"/councils/{world.council_a.pk}/api-tokens/new/", {"name": " "})
    page = response.content.decode()
    assert "Enter a name for the token" in page
    assert "Select at least one thing the token may do" in page
    assert "Enter the expiry date" in page
    response = _post(client, world.council_a, actions=["everything"])
    assert "Select at least one thing the token may do" in response.content.decode()
    assert not CouncilToken.objects.exists()


def test_sending_the_form_again_makes_no_second_token(world, signed_in):
    client = signed_in(world.owner)
    _post(client, world.council_a)
    response = _post(client, world.council_a)
    assert "already has a token called that" in response.content.decode()
    assert CouncilToken.objects.count() == 1


def test_a_lead_revokes_a_token_after_confirming(world, signed_in):
    created = make_api_token(council=world.council_a, name="Old system")
    client = signed_in(world.owner)
    url = f"/api-tokens/{created.token.pk}/revoke/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Revoke the token “Old system”?" in page.content.decode()
    created.token.refresh_from_db()
    assert created.token.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    created.token.refresh_from_db()
    assert created.token.revoked_at is not None
    assert created.token.revoked_by == world.owner
    assert AuditEvent.objects.filter(action="delete", object_id=str(created.token.pk)).exists()
    listing = client.get(f"/councils/{world.council_a.pk}/api-tokens/").content.decode()
    assert "Expired and revoked tokens" in listing
    # Its name can be used again.
    assert _post(client, world.council_a, name="Old system").status_code == 200
    assert CouncilToken.objects.filter(name="Old system").count() == 2


@pytest.mark.parametrize("role", ["council-staff", "accountable-officer", "safeguarding-lead"])
def test_other_roles_of_the_council_do_not_reach_the_tokens(world, signed_in, role):
    created = make_api_token(council=world.council_a)
    client = signed_in(make_user(role=role, council=world.council_a))
    assert client.get(f"/councils/{world.council_a.pk}/api-tokens/").status_code == 404
    assert _post(client, world.council_a, name="Mine").status_code == 404
    assert client.post(f"/api-tokens/{created.token.pk}/revoke/").status_code == 404
    created.token.refresh_from_db()
    assert created.token.revoked_at is None
    assert CouncilToken.objects.count() == 1


def test_the_programme_team_and_other_councils_do_not_reach_the_tokens(world, signed_in):
    created = make_api_token(council=world.council_a)
    for person in (world.programme, world.outsider):
        client = signed_in(person)
        assert client.get(f"/councils/{world.council_a.pk}/api-tokens/").status_code == 404
        assert client.post(f"/api-tokens/{created.token.pk}/revoke/").status_code == 404
    created.token.refresh_from_db()
    assert created.token.revoked_at is None


def test_the_council_s_page_links_the_tokens_for_leads_only(world, signed_in):
    url = f"/councils/{world.council_a.pk}/"
    link = f"/councils/{world.council_a.pk}/api-tokens/"
    assert link in signed_in(world.owner).get(url).content.decode()
    assert link not in signed_in(world.member).get(url).content.decode()


def test_two_forms_sent_at_once_make_one_token(world, signed_in, monkeypatch):
    """The second of two identical forms passes its check before the first is saved: the
    database's constraint refuses it, and the page says why."""
    client = signed_in(world.owner)
    monkeypatch.setattr("childrights.api.council.forms.tokens.name_taken", lambda **_: False)
    assert _post(client, world.council_a).context["secret"]
    response = _post(client, world.council_a)
    assert response.status_code == 200
    assert "already has a token called that" in response.content.decode()
    assert CouncilToken.objects.count() == 1

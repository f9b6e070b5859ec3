"""Recovery codes: made when two-factor is set up, shown once, each signs in once, and new ones
make the old ones useless."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken

from childrights.core.models import AuditEvent
from childrights.testing.auth import sign_in
from childrights.testing.factories import PASSWORD, make_device, make_user


@pytest.fixture
def lead(world):
    user = make_user(role="council-lead", council=world.council_a, email="lead2@a.example")
    make_device(user=user)
    return user


def _codes(client) -> list[str]:
    page = client.post("/account/recovery-codes/", follow=True).content.decode()
    block = re.search(r'data-testid="recovery-codes">(.*?)</ul>', page, re.S)
    assert block is not None
    return re.findall(r"<li>(\w+)</li>", block.group(1))


def _sign_in_with(client, user, code):
    client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    return client.post("/sign-in/code/", {"code": code})


def test_ten_codes_are_made_and_shown_once(lead):
    client = sign_in(Client(), lead)
    codes = _codes(client)
    assert len(codes) == 10
    assert (
        'data-testid="recovery-codes"'
        not in client.get("/account/recovery-codes/").content.decode()
    )
    assert AuditEvent.objects.filter(detail__change="recovery codes made").exists()


def test_a_recovery_code_signs_in_once(lead):
    codes = _codes(sign_in(Client(), lead))
    first = Client()
    assert _sign_in_with(first, lead, codes[0]).status_code == 302
    assert first.get("/councils/").status_code == 200
    again = _sign_in_with(Client(), lead, codes[0])
    assert again.status_code == 200
    assert "The code is not right" in again.content.decode()


def test_new_codes_make_the_old_ones_useless(lead):
    client = sign_in(Client(), lead)
    old = _codes(client)
    _codes(client)
    assert StaticToken.objects.count() == 10
    refused = _sign_in_with(Client(), lead, old[1])
    assert "The code is not right" in refused.content.decode()


def test_someone_without_two_factor_is_sent_to_set_it_up(world, signed_in):
    page = signed_in(world.member).get("/account/recovery-codes/")
    assert page["Location"] == "/account/two-factor/"

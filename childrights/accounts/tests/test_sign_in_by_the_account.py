"""Throttling counts the account an address finds, not the typed string: every spelling of one
address shares one count, lookalike letters never open someone else's account, and nobody can
lock a designated safeguarding lead out of the queue from somewhere else."""

import pytest

from childrights.accounts.models import User
from childrights.core.emails import normalise_email
from childrights.testing.factories import PASSWORD, make_device, make_user

SIGN_IN = "/sign-in/"
SPELLINGS = [
    "sam@aberfield.example",
    "SAM@Aberfield.example",
    "ſam@aberfield.example",  # long s: the same letter after compatibility normalisation
    "ｓａｍ@aberfield.example",  # full-width letters
    " Sam@aberfield.example ",
]


def _try(client, email, password="wrong guess", address="192.0.2.10"):
    return client.post(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def sam(world):
    return make_user(role="council-staff", council=world.council_a, email="sam@aberfield.example")


def test_every_spelling_is_one_address():
    assert {normalise_email(spelling) for spelling in SPELLINGS} == {"sam@aberfield.example"}


def test_every_spelling_of_an_address_counts_against_one_account(client, sam, settings):
    limit = settings.LOGIN_THROTTLE["PER_ACCOUNT"]
    for spelling in (SPELLINGS * 2)[:limit]:
        _try(client, spelling)
    for spelling in SPELLINGS:
        refused = _try(client, spelling, password=PASSWORD)
        assert "Too many attempts to sign in" in refused.content.decode(), spelling


def test_a_spelling_signs_in_to_the_account_it_names(client, sam):
    assert _try(client, "ſam@aberfield.example", password=PASSWORD).status_code == 302


def test_a_lookalike_letter_that_is_not_the_same_letter_opens_nothing(client, world):
    """Dotless ı upper-cases to I in PostgreSQL: it must not reach imran@ (on both databases)."""
    make_user(role="council-staff", council=world.council_a, email="imran@aberfield.example")
    refused = _try(client, "ımran@aberfield.example", password=PASSWORD)
    assert refused.status_code == 200
    assert "Enter a correct email address and password" in refused.content.decode()


def test_new_accounts_are_stored_in_the_one_spelling(db):
    user = User.objects.create_user(email="ＳＡＭ@Aberfield.example", password=PASSWORD)
    assert user.email == "sam@aberfield.example"


def test_password_reset_emails_count_every_spelling_together(client, sam, mailoutbox):
    for spelling in SPELLINGS:
        client.post("/password-reset/", {"email": spelling}, REMOTE_ADDR="192.0.2.10")
    assert len(mailoutbox) == 3  # the limit per account an hour, whatever the spelling


def test_guessing_from_elsewhere_does_not_lock_a_safeguarding_lead_out(client, world, settings):
    lead = make_user(role="safeguarding-lead", council=world.council_a, email="dsl@a.example")
    make_device(user=lead)
    for _ in range(settings.LOGIN_THROTTLE["PER_ACCOUNT"] * 2):
        _try(client, lead.email, address="203.0.113.66")
    stranger = _try(client, lead.email, password=PASSWORD, address="203.0.113.66")
    assert "Too many attempts to sign in" in stranger.content.decode()
    own_desk = _try(client, lead.email, password=PASSWORD, address="192.0.2.10")
    assert own_desk.status_code == 302
    assert own_desk["Location"].startswith("/sign-in/code/")


def test_designated_safeguarding_leads_need_two_factor(world):
    lead = make_user(role="safeguarding-lead", council=world.council_a)
    assert lead.requires_two_factor

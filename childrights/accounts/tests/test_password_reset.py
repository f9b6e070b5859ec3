import re

from django.core import mail

from childrights.core.models import AuditEvent
from childrights.testing.factories import PASSWORD


def _link(message) -> str:
    found = re.search(r"https?://[^/]+(/password-reset/\S+)", str(message.body))
    assert found, "no reset link in the email"
    return found.group(1)


def test_a_reset_link_is_emailed_and_sets_a_new_password(client, world):
    response = client.post("/password-reset/", {"email": world.member.email})
    assert response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1
    form_page = client.get(_link(mail.outbox[0]), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert done["Location"] == "/password-reset/complete/"
    world.member.refresh_from_db()
    assert world.member.check_password("a brand new passphrase")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.PASSWORD, actor_email=world.member.email
    ).exists()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db):
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_a_used_link_no_longer_works(client, world):
    client.post("/password-reset/", {"email": world.member.email})
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    again = client.get(link, follow=True)
    assert "This link has expired" in again.content.decode()


def test_new_passwords_need_eight_characters_and_must_not_be_common(client, world):
    client.post("/password-reset/", {"email": world.member.email})
    form_page = client.get(_link(mail.outbox[0]), follow=True)
    url = form_page.redirect_chain[-1][0]
    short = client.post(url, {"new_password1": "k9#Lm2", "new_password2": "k9#Lm2"})
    assert "at least 8 characters" in short.content.decode()
    common = client.post(url, {"new_password1": "password123", "new_password2": "password123"})
    assert "too common" in common.content.decode()
    world.member.refresh_from_db()
    assert world.member.check_password(PASSWORD)


def test_long_plain_passphrases_need_no_symbols_or_capitals(client, world):
    client.post("/password-reset/", {"email": world.member.email})
    form_page = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "marmalade kettle lighthouse",
            "new_password2": "marmalade kettle lighthouse",
        },
    )
    assert response.status_code == 302


def test_invited_people_whose_link_expired_can_ask_for_a_new_one(client, db):
    from childrights.testing.factories import make_user

    invited = make_user(password=None)
    assert not invited.has_usable_password()
    client.post("/password-reset/", {"email": invited.email})
    assert len(mail.outbox) == 1


def test_repeated_requests_for_one_address_stop_sending(client, world):
    for _ in range(5):
        response = client.post("/password-reset/", {"email": world.member.email})
        assert response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 3

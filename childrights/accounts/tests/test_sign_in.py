from django.urls import reverse

from childrights.core.models import AuditEvent
from childrights.testing.auth import current_code
from childrights.testing.factories import PASSWORD, make_device, make_user

SIGN_IN = "/sign-in/"


def test_staff_sign_in_with_email_and_password_reaches_their_councils(client, world):
    response = client.post(SIGN_IN, {"email": world.member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN, actor_email=world.member.email
    ).exists()


def test_email_is_matched_whatever_its_case(client, world):
    response = client.post(SIGN_IN, {"email": world.member.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_gets_one_message_that_does_not_say_which_part_was_wrong(client, world):
    response = client.post(SIGN_IN, {"email": world.member.email, "password": "not it at all"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a correct email address and password" in page
    unknown = client.post(SIGN_IN, {"email": "nobody@example.org", "password": "not it at all"})
    assert "Enter a correct email address and password" in unknown.content.decode()
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert {event.actor_email for event in failed} == {world.member.email, "nobody@example.org"}


def test_the_email_typed_is_kept_after_an_error(client, world):
    response = client.post(SIGN_IN, {"email": world.member.email, "password": "wrong password"})
    assert f'value="{world.member.email}"' in response.content.decode()


def test_empty_form_says_what_to_enter(client, db):
    page = client.post(SIGN_IN, {"email": "", "password": ""}).content.decode()
    assert "Enter your email address" in page
    assert "Enter your password" in page


def test_sign_in_goes_on_to_a_safe_next_page_only(client, world):
    safe = client.post(
        SIGN_IN + "?next=/account/", {"email": world.member.email, "password": PASSWORD}
    )
    assert safe["Location"] == "/account/"
    client.logout()
    unsafe = client.post(
        SIGN_IN + "?next=https://evil.example/", {"email": world.member.email, "password": PASSWORD}
    )
    assert unsafe["Location"] == reverse("accounts:dashboard")


def test_people_with_an_authenticator_must_enter_its_code(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait between a wrong and a right code here
    device = make_device(user=world.member)
    response = client.post(SIGN_IN, {"email": world.member.email, "password": PASSWORD})
    assert response["Location"] == reverse("accounts:sign_in_code")
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # not signed in yet

    wrong = client.post(reverse("accounts:sign_in_code"), {"code": "000000"})
    assert "The code is not right" in wrong.content.decode()

    right = client.post(reverse("accounts:sign_in_code"), {"code": current_code(device)})
    assert right["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_the_code_page_without_a_password_first_sends_people_back_to_sign_in(client, db):
    response = client.get(reverse("accounts:sign_in_code"))
    assert response["Location"] == reverse("accounts:login")


def test_signing_out_needs_a_post_and_is_audited(client, world, signed_in):
    signed_in(world.member)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).exists()


def test_sign_in_sets_the_language_the_person_chose(client, db):
    user = make_user(preferred_language="cy")
    response = client.post(SIGN_IN, {"email": user.email, "password": PASSWORD})
    assert response.cookies["language"].value == "cy"


def test_inactive_accounts_cannot_sign_in(client, db):
    user = make_user(is_active=False)
    response = client.post(SIGN_IN, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_a_language_chosen_before_signing_in_is_kept_and_saved(client, db):
    user = make_user(preferred_language="en-gb")
    client.cookies["language"] = "cy"
    response = client.post(SIGN_IN, {"email": user.email, "password": PASSWORD})
    assert "language" not in response.cookies  # the Welsh cookie stays as it is
    user.refresh_from_db()
    assert user.preferred_language == "cy"

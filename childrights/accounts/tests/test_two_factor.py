import base64
import re

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.core.models import AuditEvent
from childrights.testing.factories import PASSWORD, make_device

SETUP = "/account/two-factor/"


def _code_from_setup_page(page: str) -> str:
    found = re.search(r'data-testid="secret-key">([A-Z2-7 ]+)<', page)
    assert found, "no setup key on the page"
    key = found.group(1).replace(" ", "")
    return f"{TOTP(base64.b32decode(key)).token():06d}"


def test_council_leads_can_do_nothing_until_they_set_up_two_factor(client, world):
    client.post("/sign-in/", {"email": world.owner.email, "password": PASSWORD})
    for path in [reverse("accounts:dashboard"), f"/councils/{world.council_a.pk}/team/", "/audit/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SETUP


def test_the_programme_team_must_set_up_two_factor_too(client, world):
    client.post("/sign-in/", {"email": world.programme.email, "password": PASSWORD})
    assert client.get(reverse("accounts:dashboard"))["Location"] == SETUP


def test_setting_up_two_factor_with_a_right_code_lets_the_lead_in(client, world):
    client.post("/sign-in/", {"email": world.owner.email, "password": PASSWORD})
    page = client.get(SETUP).content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    response = client.post(SETUP, {"code": _code_from_setup_page(page)})
    # On to the recovery codes, shown once (accounts/tests/test_recovery_codes.py).
    assert response["Location"] == reverse("accounts:recovery_codes")
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert TOTPDevice.objects.get(user=world.owner).confirmed
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR).exists()


def test_a_wrong_code_leaves_two_factor_off(client, world):
    client.post("/sign-in/", {"email": world.owner.email, "password": PASSWORD})
    client.get(SETUP)
    response = client.post(SETUP, {"code": "12345"})
    assert "The code must be 6 digits" in response.content.decode()
    response = client.post(SETUP, {"code": "000000"})
    assert not TOTPDevice.objects.filter(user=world.owner, confirmed=True).exists()


def test_reloading_the_setup_page_keeps_the_same_key(client, world):
    client.post("/sign-in/", {"email": world.owner.email, "password": PASSWORD})
    first = client.get(SETUP).content.decode()
    second = client.get(SETUP).content.decode()
    assert _code_from_setup_page(first) == _code_from_setup_page(second)
    assert TOTPDevice.objects.filter(user=world.owner).count() == 1


def test_two_factor_is_optional_for_council_staff(client, world):
    client.post("/sign-in/", {"email": world.member.email, "password": PASSWORD})
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    page = client.get(SETUP).content.decode()
    assert client.post(SETUP, {"code": _code_from_setup_page(page)}).status_code == 302
    assert TOTPDevice.objects.filter(user=world.member, confirmed=True).count() == 1


def test_a_session_without_the_code_is_signed_out_once_a_device_exists(client, world):
    client.force_login(world.member)  # signed in with a password only
    make_device(user=world.member)  # ...then an authenticator is set up elsewhere
    response = client.get(reverse("accounts:dashboard"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:dashboard"))["Location"].startswith("/sign-in/")


def test_the_setup_page_cannot_replace_a_device_without_its_code(client, world):
    device = make_device(user=world.owner)
    client.force_login(world.owner)  # password only, no code
    response = client.post(SETUP, {"code": "123456"})
    assert response["Location"] == reverse("accounts:login")
    assert TOTPDevice.objects.get(user=world.owner) == device


def test_the_programme_team_needs_the_second_factor_for_team_pages(client, world):
    client.force_login(world.programme)
    assert client.get("/audit/")["Location"] == SETUP

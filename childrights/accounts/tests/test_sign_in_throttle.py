from datetime import timedelta

from django.utils import timezone

from childrights.core.models import RateEvent
from childrights.core.ratelimit import rate_limit_prune
from childrights.testing.factories import PASSWORD

SIGN_IN = "/sign-in/"


def _fail(client, email, address="192.0.2.10"):
    return client.post(SIGN_IN, {"email": email, "password": "wrong guess"}, REMOTE_ADDR=address)


def test_after_five_wrong_passwords_the_account_is_paused_even_for_the_right_one(
    client, world, settings
):
    for _ in range(settings.LOGIN_THROTTLE["PER_ACCOUNT"]):
        _fail(client, world.member.email)
    response = client.post(
        SIGN_IN, {"email": world.member.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 200
    assert "Too many attempts to sign in" in response.content.decode()


def test_the_pause_applies_from_any_address(client, world, settings):
    for _ in range(settings.LOGIN_THROTTLE["PER_ACCOUNT"]):
        _fail(client, world.member.email, address="192.0.2.10")
    response = client.post(
        SIGN_IN, {"email": world.member.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert "Too many attempts to sign in" in response.content.decode()


def test_colleagues_sharing_an_office_address_are_not_locked_out(client, world, settings):
    for _ in range(settings.LOGIN_THROTTLE["PER_ACCOUNT"]):
        _fail(client, world.member.email, address="192.0.2.10")
    response = client.post(
        SIGN_IN, {"email": world.owner.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 302


def test_one_address_guessing_across_many_accounts_is_stopped(client, world, settings):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "PER_CLIENT": 3}
    for n in range(3):
        _fail(client, f"guess{n}@example.org", address="203.0.113.5")
    response = client.post(
        SIGN_IN, {"email": world.owner.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    assert "Too many attempts to sign in" in response.content.decode()
    elsewhere = client.post(
        SIGN_IN, {"email": world.owner.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.99"
    )
    assert elsewhere.status_code == 302


def test_a_successful_sign_in_clears_the_account_count(client, world, settings):
    for _ in range(settings.LOGIN_THROTTLE["PER_ACCOUNT"] - 1):
        _fail(client, world.member.email)
    assert (
        client.post(SIGN_IN, {"email": world.member.email, "password": PASSWORD}).status_code == 302
    )
    assert not RateEvent.objects.filter(scope="sign-in:account").exists()
    assert RateEvent.objects.filter(scope="sign-in:client").exists()


def test_the_count_forgets_failures_older_than_the_window(client, world, settings):
    for _ in range(settings.LOGIN_THROTTLE["PER_ACCOUNT"]):
        _fail(client, world.member.email)
    window = timedelta(minutes=settings.LOGIN_THROTTLE["WINDOW_MINUTES"])
    RateEvent.objects.update(created_at=timezone.now() - window - timedelta(seconds=1))
    response = client.post(SIGN_IN, {"email": world.member.email, "password": PASSWORD})
    assert response.status_code == 302


def test_forwarded_addresses_are_only_believed_behind_a_configured_proxy(client, world, settings):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "PER_CLIENT": 2}
    for n in range(2):
        client.post(
            SIGN_IN,
            {"email": f"x{n}@example.org", "password": "wrong guess"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    # With no trusted proxy, the spoofable header is ignored: both failures count for 10.0.0.1.
    blocked = client.post(
        SIGN_IN, {"email": world.owner.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert "Too many attempts to sign in" in blocked.content.decode()
    settings.TRUSTED_PROXY_COUNT = 1
    allowed = client.post(
        SIGN_IN,
        {"email": world.owner.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert allowed.status_code == 302


def test_old_records_are_pruned(client, world):
    _fail(client, world.member.email)
    RateEvent.objects.update(created_at=timezone.now() - timedelta(hours=25))
    _fail(client, world.owner.email)
    assert rate_limit_prune(older_than=timedelta(hours=24)) == 2
    assert RateEvent.objects.count() == 2

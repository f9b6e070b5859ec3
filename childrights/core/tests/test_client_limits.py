"""Per-client limits for what anyone may hammer: an IPv6 client counted by its /64, and a
refused attempt leaving no row (sign-in keeps recording every attempt: ADR 0004)."""

from datetime import timedelta

from django.test import RequestFactory

from childrights.core.clients import client_key
from childrights.core.models import RateEvent
from childrights.core.ratelimit import Limit, rate_limit_allow, rate_limit_consume


def _key(address):
    return client_key(RequestFactory().get("/", REMOTE_ADDR=address))


def test_an_ipv4_client_is_its_address_and_an_ipv6_client_its_64():
    assert _key("192.0.2.1") == "192.0.2.1"
    assert _key("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert _key("2001:DB8:1:2::9") == _key("2001:db8:1:2:ffff::1")
    assert _key("2001:db8:1:3::1") != _key("2001:db8:1:2::1")
    assert _key("not an address") == "unknown"


def test_allow_refuses_past_the_limit_without_recording(db):
    limit = Limit(scope="test:allow", per_window=3, window=timedelta(minutes=1))
    answers = [rate_limit_allow(limit, "client") for _ in range(20)]
    assert [answer is None for answer in answers] == [True] * 3 + [False] * 17
    refused = answers[-1]
    assert refused is not None
    assert refused.retry_after_minutes >= 1
    assert RateEvent.objects.filter(scope="test:allow").count() == 3
    assert rate_limit_allow(limit, "another client") is None


def test_consume_still_records_every_attempt(db):
    limit = Limit(scope="test:consume", per_window=3, window=timedelta(minutes=1))
    for _ in range(5):
        rate_limit_consume(limit, "client")
    assert RateEvent.objects.filter(scope="test:consume").count() == 5

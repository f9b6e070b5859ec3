"""Sends per link or group code: counted by every app server together, one row per link, over a
sliding window."""

import datetime

import pytest

from childrights.core.ratelimit import Limit
from childrights.participation import limits
from childrights.participation.journey import sending
from childrights.participation.models import SendRate

MINUTE = datetime.timedelta(minutes=1)
START = 1_800_000_000.0 - 1_800_000_000 % 60  # the first second of a window


@pytest.fixture(autouse=True)
def _nothing_held(monkeypatch):
    monkeypatch.setattr(limits, "_held", {})


def _sends(limit: Limit, key: str, at: float, times: int) -> list[bool]:
    return [limits.send_allowed(limit, key, now=at) for _ in range(times)]


def test_sends_up_to_the_limit_pass_and_the_next_is_refused(db):
    assert _sends(Limit("test", 3, MINUTE), "a", START + 5, 4) == [True, True, True, False]


def test_a_busy_window_still_counts_early_in_the_next(db):
    limit = Limit("test", 4, MINUTE)
    assert all(_sends(limit, "a", START + 50, 4))
    # A quarter into the next window, three quarters of the last one still count: 3 of its 4.
    assert _sends(limit, "a", START + 75, 2) == [True, False]


def test_a_window_long_past_is_forgotten(db):
    limit = Limit("test", 2, MINUTE)
    _sends(limit, "a", START + 10, 3)
    assert _sends(limit, "a", START + 190, 2) == [True, True]


def test_each_link_and_code_is_counted_on_its_own_row(db):
    limit = Limit("test", 1, MINUTE)
    assert _sends(limit, "a", START, 1) == [True]
    assert _sends(limit, "b", START, 1) == [True]
    assert _sends(limit, "a", START, 1) == [False]
    assert SendRate.objects.count() == 2


def test_a_server_whose_clock_lags_counts_in_the_window_already_begun(db):
    limit = Limit("test", 2, MINUTE)
    _sends(limit, "a", START + 70, 2)
    assert _sends(limit, "a", START + 50, 1) == [False]
    row = SendRate.objects.get()
    assert (row.window, row.count) == ((START + 60) // 60, 3)


def test_the_default_limits_count_every_send_in_the_database():
    assert limits.block_size(sending.LINK_LIMIT) == 1
    assert limits.block_size(sending.CODE_LIMIT) == 1


def test_under_a_high_limit_a_process_takes_sends_in_blocks(db, django_assert_num_queries):
    limit = Limit("test", 100_000, MINUTE)  # blocks of 100
    with django_assert_num_queries(1):
        assert all(_sends(limit, "a", START, 100))
    assert SendRate.objects.get().count == 100
    with django_assert_num_queries(1):
        assert limits.send_allowed(limit, "a", now=START)
    assert SendRate.objects.get().count == 200


def test_under_a_high_limit_sends_stop_at_most_a_block_per_process_early(db, monkeypatch):
    limit = Limit("test", 2000, MINUTE)  # blocks of 2
    processes: list[dict[str, object]] = [{}, {}, {}]
    allowed = 0
    for number in range(2100):
        monkeypatch.setattr(limits, "_held", processes[number % 3])
        allowed += limits.send_allowed(limit, "a", now=START + 1)
    assert 2000 - 3 * 2 <= allowed <= 2000

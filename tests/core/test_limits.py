import datetime as dt
import threading

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError
from xianyu_desktop.core.gateway.limits import Cancelled, QuotaCounter, RateLimiter, Tier
from xianyu_desktop.core.timeutil import next_beijing_midnight


def test_tiers_match_the_seed():
    assert [(t.spec.name, t.spec.daily_calls, t.spec.per_second) for t in Tier] == [
        ("personal", 100, 1),
        ("basic", 10_000, 5),
        ("advanced", 100_000, 20),
    ]
    assert Tier.parse(" Advanced ") is Tier.ADVANCED


def test_unknown_tier_is_a_plain_config_error():
    with pytest.raises(ConfigError, match=r"未知的权限等级.*gold"):
        Tier.parse("gold")


def test_limiter_spaces_slots_so_no_second_holds_more_than_the_rate():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(20, margin=0.04, clock=clock)
    delays = [limiter.reserve() for _ in range(100)]
    sends = [clock.now + d for d in delays]
    assert delays[0] == 0
    for i in range(len(sends) - 20):
        assert sends[i + 20] - sends[i] >= 1.04 - 1e-9
    assert sends[-1] - sends[0] == pytest.approx(99 * 1.04 / 20)


def test_limiter_does_not_bank_idle_time_into_a_burst():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(5, clock=clock)
    limiter.reserve()
    clock.now += 60
    assert limiter.reserve() == 0
    assert limiter.reserve() == pytest.approx(1.04 / 5)


def test_hold_off_pushes_every_later_slot():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(20, clock=clock)
    limiter.hold_off(2.0)
    assert limiter.reserve() == pytest.approx(2.0)


def test_slots_are_unique_across_threads():
    limiter = RateLimiter(1000, margin=0.0)
    slots: list[float] = []
    lock = threading.Lock()

    def take():
        for _ in range(50):
            delay = limiter.reserve()
            with lock:
                slots.append(round(delay, 9))

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(slots) == 400


def test_acquire_is_interrupted_by_cancel():
    limiter = RateLimiter(1)
    limiter.acquire()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        limiter.acquire(cancel)


def test_quota_refuses_beyond_the_daily_limit_and_resets_at_beijing_midnight():
    now = dt.datetime(2026, 1, 1, 15, 59, 0, tzinfo=dt.UTC)  # 23:59 in Beijing
    counter = QuotaCounter(3, now=lambda: now)
    for _ in range(3):
        counter.take()
    assert counter.remaining == 0
    with pytest.raises(GatewayError) as info:
        counter.take()
    assert info.value.kind is ErrorKind.QUOTA_EXHAUSTED
    assert info.value.failure.retry_after == pytest.approx(60)
    assert counter.used == 3  # the refused call was not counted
    now = dt.datetime(2026, 1, 1, 16, 0, 1, tzinfo=dt.UTC)  # 00:00:01 next Beijing day
    assert counter.used == 0
    counter.take()
    assert counter.remaining == 2


def test_next_beijing_midnight():
    at = next_beijing_midnight(dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC))  # 01:00 Mar 2 in Beijing
    assert at.isoformat() == "2026-03-03T00:00:00+08:00"

import collections
import datetime as dt
import heapq
import itertools
import random
import threading

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError
from xianyu_desktop.core.gateway.limits import (
    BUDGET_SHARE,
    LATE_STEP,
    MAX_MARGIN,
    NARROW_AFTER,
    NARROW_FACTOR,
    PACING_MARGIN,
    Cancelled,
    QuotaCounter,
    RateLimiter,
    Tier,
)
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
    assert limiter.reserve() == pytest.approx((1 + PACING_MARGIN) / 5)


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


# --- the adaptive margin (core/gateway/limits.py's docstring gives the argument) ------------------------


def test_a_late_call_gives_up_its_slot_and_widens_the_margin():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(20, clock=clock)
    slot = limiter.claim()
    assert slot.budget == pytest.approx(BUDGET_SHARE * PACING_MARGIN)
    clock.now = slot.at + 0.002  # within 0.4 x 1%: 4 ms
    assert limiter.leave(slot) == pytest.approx(0.002)
    assert limiter.margin == PACING_MARGIN
    late = limiter.claim()
    clock.now = late.at + 0.03  # a 30 ms stall
    assert limiter.leave(late) is None
    assert limiter.margin == pytest.approx(LATE_STEP * PACING_MARGIN)
    caught = limiter.claim()  # a call caught in the same stall: its slot was claimed under the old margin
    stale = type(caught)(late.at + 0.05, late.budget)
    clock.now = stale.at + 0.03
    assert limiter.leave(stale) is None
    assert limiter.margin == pytest.approx(LATE_STEP * PACING_MARGIN)  # one stall widens once
    assert caught.at >= clock.now - 0.03 - 1e-9  # a fresh slot after the stall: the given-up ones are never used
    assert caught.budget == pytest.approx(BUDGET_SHARE * LATE_STEP * PACING_MARGIN)
    clock.now = caught.at + 0.03
    assert limiter.leave(caught) is None  # jitter that keeps passing the budget widens again
    assert limiter.margin == pytest.approx(LATE_STEP**2 * PACING_MARGIN)


def test_a_frequency_refusal_doubles_the_margin_up_to_its_ceiling():
    limiter = RateLimiter(20, clock=FakeClock())
    margins = []
    for _ in range(8):
        limiter.refused()
        margins.append(limiter.margin)
    assert margins[:5] == pytest.approx([0.02, 0.04, 0.08, 0.16, 0.32])
    assert margins[5:] == [MAX_MARGIN] * 3


def test_the_margin_narrows_slowly_back_to_its_floor_and_never_below():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(20, clock=clock)
    limiter.widen(0.2)
    margins = []
    for _ in range(1000):
        slot = limiter.claim()
        clock.now = slot.at  # every call leaves on time
        assert limiter.leave(slot) == 0
        margins.append(limiter.margin)
    assert margins[: NARROW_AFTER * 20] == [0.2] * (NARROW_AFTER * 20)
    assert margins[NARROW_AFTER * 20] == pytest.approx(0.2 * NARROW_FACTOR)
    assert all(later <= earlier for earlier, later in itertools.pairwise(margins))
    steps = [later / earlier for earlier, later in itertools.pairwise(margins) if later != earlier]
    assert min(steps) >= NARROW_FACTOR - 1e-9  # slowly: one step of 0.8 at a time ...
    changes = [i for i, (a, b) in enumerate(itertools.pairwise(margins)) if a != b]
    assert min(b - a for a, b in itertools.pairwise(changes)) >= NARROW_AFTER * 20  # ... once per 2 N claims
    assert margins[-1] == PACING_MARGIN  # back at the floor, never below it
    assert min(margins) == PACING_MARGIN


def test_the_margin_stays_wide_while_calls_still_leave_late():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(20, clock=clock)
    limiter.widen(0.1)
    for _ in range(200):
        slot = limiter.claim()
        clock.now = slot.at + 0.6 * slot.budget  # within the budget, not well within a narrower one
        assert limiter.leave(slot) is not None
    assert limiter.margin == pytest.approx(0.1)


def test_no_rolling_second_holds_more_than_the_rate_through_stalls_and_jitter():
    """40 workers hold claimed slots, as fetch_many's pool does; wake-ups are late by up to 2 ms, and
    now and then a stall (5–150 ms) makes every call due in it leave together when it ends; transit to
    the gateway varies by up to 0.4 x the floor. Counted as the sandbox counts arrivals, no second ever
    holds more than N, and the margin comes back down between stalls."""
    rng = random.Random(17)
    clock = FakeClock(0.0)
    limiter = RateLimiter(20, clock=clock)
    waiting = [(slot.at, i, slot) for i, slot in enumerate(limiter.claim() for _ in range(40))]
    heapq.heapify(waiting)
    arrivals: list[float] = []
    given_up = 0
    while len(arrivals) < 3000:
        at, _, slot = heapq.heappop(waiting)
        stall = rng.uniform(0.005, 0.15) if rng.random() < 0.01 else 0.0
        clock.now = max(clock.now, at) + rng.uniform(0, 0.002) + stall
        if limiter.leave(slot) is None:
            given_up += 1
        else:
            arrivals.append(clock.now + rng.uniform(0, BUDGET_SHARE * PACING_MARGIN))
        fresh = limiter.claim()
        heapq.heappush(waiting, (fresh.at, len(arrivals) + given_up + 40, fresh))
        assert PACING_MARGIN <= limiter.margin <= MAX_MARGIN
    arrivals.sort()
    window: collections.deque[float] = collections.deque()
    for arrival in arrivals:  # sandbox/server.py GatewayState.admit's window
        while window and window[0] <= arrival - 1.0:
            window.popleft()
        assert len(window) < 20
        window.append(arrival)
    assert given_up > 0  # the stalls did happen
    assert len(arrivals) / (arrivals[-1] - arrivals[0]) > 0.9 * 20

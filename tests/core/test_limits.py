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
    MAX_MARGIN,
    NARROW_STEP,
    PACING_MARGIN,
    REFUSED_CALM_S,
    WIDEN_STEP,
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


# --- the gate and the adaptive margin (core/gateway/limits.py's docstring gives the argument) ----------


def test_the_gate_holds_a_burst_after_a_stall_to_n_sends_per_second_and_margin():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(20, clock=clock)
    for i in range(20):
        clock.now = 1000.0 + i * 0.05
        assert limiter.leave().wait == 0
    clock.now = 1000.0 + 20 * 0.05 + 0.3  # a 300 ms stall: the calls due in it all wake now
    passed = 0
    while limiter.leave().wait == 0:
        passed += 1
    assert passed == 6  # those whose 20th send before is 1 + margin old catch up the stall's time ...
    opens = 1000.0 + 6 * 0.05 + 1 + PACING_MARGIN
    assert [limiter.leave().wait for _ in range(5)] == [pytest.approx(opens - clock.now)] * 5  # ... the rest wait
    clock.now = opens
    assert limiter.leave().wait == 0
    assert limiter.leave().wait == pytest.approx(0.05)  # from here, the pace of the sends before the stall


def judge_paced(limiter: RateLimiter, clock: FakeClock, lateness: list[float]) -> None:
    """Calls woken one slot apart, each as late as given."""
    for late in lateness:
        clock.now += limiter.interval
        limiter.judge(late)


def test_many_late_calls_widen_the_margin_a_single_stall_does_not():
    clock = FakeClock()
    limiter = RateLimiter(20, clock=clock)
    judge_paced(limiter, clock, [0.001] * 21)
    limiter.judge(0.5)  # a 500 ms stall: the calls due in it wake at its end, with it
    for _ in range(9):
        limiter.judge(0.05)
    judge_paced(limiter, clock, [0.001] * 11)
    assert limiter.margin == PACING_MARGIN
    judge_paced(limiter, clock, [0.02] * 3 + [0.001] * 18)  # three calls in 21 later than the margin (15 ms)
    assert limiter.margin == pytest.approx(WIDEN_STEP * PACING_MARGIN)


class WaitsOnTheFakeClock(RateLimiter):
    """A limiter whose waits move its fake clock (acquire's waits are real otherwise)."""

    def __init__(self, per_second: float, clock: FakeClock) -> None:
        super().__init__(per_second, clock=clock)
        self.fake = clock

    def wait_for(self, delay: float, cancel: threading.Event | None) -> None:
        self.fake.now += delay


def test_a_frequency_refusal_doubles_the_margin_once_and_holds_it():
    clock = FakeClock()
    limiter = WaitsOnTheFakeClock(20, clock)
    tickets = [limiter.acquire() for _ in range(3)]  # three calls on the wire together, all refused
    for ticket in tickets:
        limiter.refused(ticket)
    assert limiter.margin == pytest.approx(2 * PACING_MARGIN)  # one refusal episode, one doubling
    later = limiter.acquire()
    limiter.refused(later)
    assert limiter.margin == pytest.approx(4 * PACING_MARGIN)
    for _ in range(int(REFUSED_CALM_S / limiter.interval) - 21):  # calm calls: no narrowing for a while
        judge_paced(limiter, clock, [0.0])
    assert limiter.margin == pytest.approx(4 * PACING_MARGIN)
    judge_paced(limiter, clock, [0.0] * 84)
    assert 4 * PACING_MARGIN * NARROW_STEP**4 - 1e-9 <= limiter.margin < 4 * PACING_MARGIN  # then slowly back
    for _ in range(10):
        limiter.refused(limiter.acquire())
    assert limiter.margin == MAX_MARGIN


def test_the_margin_narrows_slowly_back_to_its_floor_and_never_below():
    clock = FakeClock()
    limiter = RateLimiter(20, clock=clock)
    limiter.widen(0.2)
    margins = []
    for _ in range(1000):
        judge_paced(limiter, clock, [0.0005])
        margins.append(limiter.margin)
    changes = [i for i, (a, b) in enumerate(itertools.pairwise(margins)) if a != b]
    assert min(b - a for a, b in itertools.pairwise(changes)) == 21  # one step per N + 1 calls judged ...
    steps = [margins[i + 1] / margins[i] for i in changes]
    assert min(steps) >= NARROW_STEP - 1e-9  # ... of a fifth at most
    assert margins[-1] == PACING_MARGIN
    assert min(margins) == PACING_MARGIN


def test_the_margin_stays_wide_while_calls_keep_coming_late():
    clock = FakeClock()
    limiter = RateLimiter(20, clock=clock)
    limiter.widen(0.1)
    for _ in range(10):  # two in 21 later than a narrower margin, none than this one
        judge_paced(limiter, clock, [0.09] * 2 + [0.001] * 19)
    assert limiter.margin == pytest.approx(0.1)


def test_no_rolling_second_holds_more_than_the_rate_through_stalls_and_jitter():
    """40 workers hold claimed slots, as fetch_many's pool does. Wake-ups are late by up to 2 ms, and
    now and then a stall (5–300 ms) makes every call due in it wake when it ends; transit to the
    gateway varies by up to the floor's 10 ms. Counted as the sandbox counts arrivals, no second ever
    holds more than N, and the stalls' lost time is caught up: the rate stays near the margin's."""
    rng = random.Random(17)
    clock = FakeClock(0.0)
    limiter = RateLimiter(20, clock=clock)
    events = [(limiter.reserve_slot(), i, True) for i in range(40)]  # (time, worker, woken for its slot)
    heapq.heapify(events)
    arrivals: list[float] = []
    while len(arrivals) < 3000:
        at, worker, woken = heapq.heappop(events)
        if woken:
            stall = rng.uniform(0.005, 0.3) if rng.random() < 0.02 else 0.0
            clock.now = max(clock.now, at + rng.uniform(0, 0.002) + stall)
            limiter.judge(clock.now - at)
        else:
            clock.now = max(clock.now, at)
        wait = limiter.leave().wait
        if wait > 0:
            heapq.heappush(events, (clock.now + wait, worker, False))
            continue
        arrivals.append(clock.now + rng.uniform(0, PACING_MARGIN))
        heapq.heappush(events, (limiter.reserve_slot(), worker, True))
        assert PACING_MARGIN <= limiter.margin <= MAX_MARGIN
    arrivals.sort()
    window: collections.deque[float] = collections.deque()
    for arrival in arrivals:  # sandbox/server.py GatewayState.admit's window
        while window and window[0] <= arrival - 1.0:
            window.popleft()
        assert len(window) < 20
        window.append(arrival)
    assert limiter.held_back == 0  # leave() is the gate itself: acquire counts the calls it holds back
    assert len(arrivals) / (arrivals[-1] - arrivals[0]) > 0.985 * 20 / (1 + PACING_MARGIN)  # the margin's rate

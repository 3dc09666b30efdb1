"""Per-tier limits: a paced rate limiter and a daily quota counter, both shared by every thread.

The gateway refuses a call when N calls (the tier's rate) already arrived in the second before it, the
arrival stamped after its checks. What must hold is ``arrival[k + N] - arrival[k] >= 1`` for any two
calls N apart in the order they arrive.

Arrival = send + transit. The send is when the limiter lets the call go; transit is everything after:
signing, the HTTP write, loopback or network, the gateway reading and checking the request. Transit is
never measured, but only its spread between two calls matters: a call that travels slower than the one N
before it arrives *later*, which is harmless; one that travels faster by more than the gap to spare
arrives too early.

Two mechanisms, one margin m:

- Pacing. Slots ``(1 + m) / N`` apart, unique across threads (and processes, storage/ledger.py): calls
  arrive evenly, never in the bursts that widen transit spread.
- The gate. A call woken for its slot leaves only once the N-th send before it (by any thread, or any
  process sharing the pace) is at least ``1 + m`` old; if not, it waits for that. Pacing alone cannot
  promise this: a thread wakes late for its slot (the GIL, a preempted process), and the calls a stall
  delayed all leave together when it ends, a burst after the stall. The gate turns that burst back into
  at most N per ``1 + m`` seconds, and, unlike giving the late slots up, lets the calls catch up the
  time the stall lost wherever the window has room.

So ``send[k + N] - send[k] >= 1 + m`` always, and ``arrival[k + N] - arrival[k] >= 1 + m - (transit
spread)``: no refusal while the transit spread stays under m (10 ms at the 1% floor). The margin adapts
to what the machine shows. Transit and the wake-up for a slot are delayed by the same things (the
scheduler, the GIL, the load), so the limiter measures the jitter it can see, each call's lateness for
its slot, and judges it over every N + 1 calls: if more than a tenth came late by more than m, it widens
m by half; if at most one came later than the narrower margin would allow, it narrows by a fifth. The
calls one stall delayed wake together when it ends and count once: a stall is not jitter, and the gate
already keeps its burst in bounds. A frequency refusal (code 7) means the spread beat the
margin: m doubles at once (and the ban is waited out). Narrowing is slow, widening fast; the floor and
the ceiling bound it, and the margin is shared with the pace across processes.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP
from xianyu_desktop.core.timeutil import beijing_day, next_beijing_midnight, utc_now

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TierSpec:
    name: str
    label: str
    daily_calls: int
    per_second: int


class Tier(enum.Enum):
    PERSONAL = TierSpec("personal", QT_TRANSLATE_NOOP("core", "个人测试"), 100, 1)
    BASIC = TierSpec("basic", QT_TRANSLATE_NOOP("core", "企业基础"), 10_000, 5)
    ADVANCED = TierSpec("advanced", QT_TRANSLATE_NOOP("core", "企业高级"), 100_000, 20)

    @property
    def spec(self) -> TierSpec:
        return self.value

    @classmethod
    def parse(cls, name: str) -> Tier:
        for tier in cls:
            if tier.value.name == name.strip().lower():
                return tier
        names = "、".join(t.value.name for t in cls)
        raise ConfigError(f"未知的权限等级 “{name}”，可选：{names}")


PACING_MARGIN = 0.01  # the margin's floor, where it starts: one call every (1 + margin) / N seconds
MAX_MARGIN = 0.5  # the widest it gets: a machine slower than that is stalled, not jittery
WIDEN_STEP = 1.5  # too many late calls in a judged window
NARROW_STEP = 0.8  # a calm window
LATE_SHARE = 0.1  # "too many": more than this share of a window's calls later than the margin
CALM_LATE = 1  # "calm": at most this many calls of a window later than the narrower margin


class Cancelled(Exception):
    """The wait was interrupted by a cancel event."""


@dataclass(frozen=True, slots=True)
class Pace:
    """The pace every sender shares: the next free slot and the margin in force (kept in the store by
    the shared limiter)."""

    next_slot: float = float("-inf")
    margin: float = PACING_MARGIN


class RateLimiter:
    """Hands out send slots spaced at the tier's rate plus an adaptive margin, and holds a call back
    until the N-th send before it is more than ``1 + margin`` old (the module docstring says why)."""

    def __init__(
        self,
        per_second: float,
        *,
        margin: float = PACING_MARGIN,
        max_margin: float = MAX_MARGIN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.per_second = per_second
        self.window = max(1, int(per_second))  # N: the calls the gateway admits in one rolling second
        self.floor = margin
        self.max_margin = max(margin, max_margin)
        self._clock = clock
        self._lock = threading.Lock()
        self._pace = Pace(margin=margin)
        self._sends: deque[float] = deque(maxlen=self.window)
        self._lateness: list[tuple[float, float]] = []  # the judged window: (woke, late) of this process's calls
        self.held_back = 0  # calls the gate held back, for benchmarks and tests

    # --- the state, kept here (the shared limiter keeps it in the store) -------------------------
    def _update(self, change: Callable[[Pace, float], tuple[T, Pace]]) -> T:
        with self._lock:
            result, self._pace = change(self._pace, self._clock())
            return result

    def _pass_gate(self, margin_of: Callable[[Pace], float]) -> float:
        """Record a send now and return 0, or return how long to wait before the N-th send before it
        is ``1 + margin`` old."""
        with self._lock:
            now, margin = self._clock(), margin_of(self._pace)
            return self._gate(self._sends, now, margin)

    def _gate(self, sends: deque[float], now: float, margin: float) -> float:
        if len(sends) >= self.window:
            opens = sends[-self.window] + 1.0 + margin
            if now < opens:
                return opens - now
        sends.append(now)
        return 0.0

    @property
    def margin(self) -> float:
        return self._update(lambda pace, now: (pace.margin, pace))

    @property
    def interval(self) -> float:
        return (1.0 + self.margin) / self.per_second

    # --- slots and the gate ----------------------------------------------------------------------
    def reserve_slot(self) -> float:
        """Claim the next free send slot: a time on this limiter's clock."""

        def claim(pace: Pace, now: float) -> tuple[float, Pace]:
            slot = max(now, pace.next_slot)
            return slot, Pace(slot + (1.0 + pace.margin) / self.per_second, pace.margin)

        return self._update(claim)

    def reserve(self) -> float:
        """Claim the next free slot and return how long to wait for it (seconds, >= 0).

        Only the tests call it (``acquire`` measures its wait after claiming); it stays because it is
        the pacing contract in one call, and the tests' copy of it would read the limiter's clock."""
        return max(0.0, self.reserve_slot() - self._clock())

    def wait_for(self, delay: float, cancel: threading.Event | None) -> None:
        if delay <= 0:
            return
        if cancel is None:
            time.sleep(delay)
        elif cancel.wait(delay):
            raise Cancelled

    def acquire(self, cancel: threading.Event | None = None) -> float:
        """Wait for a slot and then for the gate; return how late the call woke for its slot (seconds).

        The wait is measured to the slot's time after claiming it, so time spent claiming (a lock, a
        database transaction) does not push the send past its slot."""
        slot = self.reserve_slot()
        while (now := self._clock()) < slot:
            self.wait_for(slot - now, cancel)
        late = now - slot
        self.judge(late)
        held = False
        while (wait := self.leave()) > 0:
            held = True
            self.wait_for(wait, cancel)
        if held:
            with self._lock:
                self.held_back += 1
        return late

    def leave(self) -> float:
        """The gate: record a send now and return 0, or return how long to wait before trying again."""
        return self._pass_gate(lambda pace: pace.margin)

    # --- the margin ------------------------------------------------------------------------------
    def judge(self, late: float) -> None:
        """Count one call's lateness for its slot; every N + 1 calls, widen or narrow the margin."""
        with self._lock:
            self._lateness.append((self._clock(), late))
            if len(self._lateness) <= self.window:
                return
            judged, self._lateness = self._lateness, []
        self._update(lambda pace, now: (None, self._judged(pace, judged)))

    def _judged(self, pace: Pace, lateness: list[tuple[float, float]]) -> Pace:
        margin = pace.margin
        narrower = max(self.floor, margin * NARROW_STEP)
        if self._episodes(lateness, margin, pace) > LATE_SHARE * len(lateness):
            margin = min(self.max_margin, margin * WIDEN_STEP)
        elif self._episodes(lateness, narrower, pace) <= CALM_LATE:
            margin = narrower
        return Pace(pace.next_slot, margin)

    def _episodes(self, lateness: list[tuple[float, float]], threshold: float, pace: Pace) -> int:
        """Calls later than ``threshold``, those that woke within half a slot of each other counted once:
        the calls a stall delayed all wake when it ends, and that is one stall, not jitter."""
        interval = (1.0 + pace.margin) / self.per_second
        episodes, last = 0, float("-inf")
        for woke, late in sorted(lateness):
            if late > threshold:
                if woke - last > interval / 2:
                    episodes += 1
                last = woke
        return episodes

    def widen(self, margin: float) -> None:
        """Pace with at least ``margin`` from now on (capped at the limiter's widest)."""
        self._update(lambda pace, now: (None, Pace(pace.next_slot, max(pace.margin, min(self.max_margin, margin)))))

    def refused(self) -> None:
        """The gateway refused a call for its frequency (code 7): the transit spread beat the margin, so
        it doubles (by at least one floor) and the judged window starts afresh."""
        with self._lock:
            self._lateness = []

        def doubled(pace: Pace, now: float) -> tuple[None, Pace]:
            margin = min(self.max_margin, max(2 * pace.margin, pace.margin + self.floor))
            return None, Pace(pace.next_slot, margin)

        self._update(doubled)

    def hold_off(self, seconds: float) -> None:
        """The gateway asked us to wait: no slot is handed out for ``seconds`` from now."""
        self._update(lambda pace, now: (None, Pace(max(pace.next_slot, now + seconds), pace.margin)))


def quota_exhausted(daily_limit: int, now: dt.datetime) -> GatewayError:
    """The refusal of a call that would go past today's quota (counted by any ledger)."""
    resets = next_beijing_midnight(now)
    return GatewayError(
        GatewayFailure(
            ErrorKind.QUOTA_EXHAUSTED,
            f"今日 {daily_limit} 次调用已用完，{resets:%H:%M}（北京时间）重置",
            retry_after=(resets - now).total_seconds(),
        )
    )


class QuotaCounter:
    """Counts calls sent in the current Beijing day and refuses one that would exceed the limit."""

    def __init__(self, daily_limit: int, *, now: Callable[[], dt.datetime] = utc_now) -> None:
        self.daily_limit = daily_limit
        self._now = now
        self._lock = threading.Lock()
        self._day = beijing_day(now())
        self._used = 0

    def _roll(self) -> dt.datetime:
        now = self._now()
        day = beijing_day(now)
        if day != self._day:
            self._day, self._used = day, 0
        return now

    def take(self) -> None:
        """Count one call about to be sent, or raise quota_exhausted without counting it."""
        with self._lock:
            now = self._roll()
            if self._used >= self.daily_limit:
                raise quota_exhausted(self.daily_limit, now)
            self._used += 1

    def refund(self) -> None:
        """A counted call that was never sent (cancelled while waiting for its slot)."""
        with self._lock:
            self._roll()
            self._used = max(0, self._used - 1)

    @property
    def used(self) -> int:
        with self._lock:
            self._roll()
            return self._used

    @property
    def remaining(self) -> int:
        return max(0, self.daily_limit - self.used)

    def resets_at(self) -> dt.datetime:
        return next_beijing_midnight(self._now())

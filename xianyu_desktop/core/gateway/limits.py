"""Per-tier limits: a paced rate limiter and a daily quota counter, both shared by every thread.

The gateway refuses a call when N calls (the tier's rate) already arrived in the second before it,
so what must hold is ``arrival[k + N] - arrival[k] >= 1`` for any two admitted calls N apart.

Slots. The limiter hands out unique slots, each ``(1 + margin) / N`` after the previous one (never
less: an idle limiter starts again from now and ``hold_off`` only pushes later), so the slots of
calls k and k + N are ``sum of N intervals >= 1 + min margin`` apart, the margins being those in
force when each of the N slots was claimed.

Arrival = slot + lateness + transit. Lateness is how late the caller woke for its slot: the limiter
measures it before the request leaves. Transit is the rest, up to the moment the gateway stamps the
arrival (signing, the HTTP write, loopback or network, the gateway's own reading and checks); it is
not measured, only its spread matters. A call whose lateness exceeds its budget (``BUDGET_SHARE``
of the margin when its slot was claimed) does not go: its slot is given up, the margin widens
(by half) and the call claims a new slot. So a stall (a GIL holder, a page fault, a
preempted thread) never turns into a burst: the calls it delayed give up their slots rather than
go together.

Margin. Widening is immediate (a late call, or a frequency refusal, code 7: the transit spread was
larger than assumed, so it doubles). Narrowing is slow: by ``NARROW_FACTOR`` at most once in
``NARROW_AFTER`` N claims, and only when the lateness seen in them stayed well inside the narrower budget.
So the margin in force for the N slots after slot k is at least ``NARROW_FACTOR * margin_k`` and

    arrival[k + N] - arrival[k] >= 1 + NARROW_FACTOR * m_k - BUDGET_SHARE * m_k - transit spread
                                 = 1 + 0.4 m_k - transit spread,

which is >= 1 whenever the transit spread is under 0.4 m_k (4 ms at the 1% floor; the lateness
measured on the same machine is what the margin is widened to, so the transit spread is judged by
what the threads' wake-ups show). Several processes sharing one pace (storage/ledger.py) share the
slots *and* the margin and its claim count, so the argument holds across them unchanged: slots stay
unique and spaced by the margin in force, whichever process claimed them.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import time
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


PACING_MARGIN = 0.01  # the pacing margin's floor, where it starts: one call every (1 + margin) / N seconds
MAX_MARGIN = 0.5  # the widest it gets (1.5 / N apart): a machine slower than that is stalled, not jittery
BUDGET_SHARE = 0.4  # the lateness a call may have, as a share of the margin its slot was claimed under
NARROW_FACTOR = 0.8  # one narrowing step
NARROW_AFTER = 2  # claims between steps, in multiples of N (so at most one step within any N claims)
LATE_STEP = 1.5  # a call later than its budget widens the margin by this factor, a refusal by 2
COMFORTABLE = 0.5  # narrow only while the lateness seen stays under this share of the narrower budget


class Cancelled(Exception):
    """The wait was interrupted by a cancel event."""


@dataclass(frozen=True, slots=True)
class Slot:
    """A claimed send time on the limiter's clock and how late the call may leave for it."""

    at: float
    budget: float


@dataclass(frozen=True, slots=True)
class Pace:
    """The limiter's whole state: the next free slot, the margin in force and the slots claimed since
    the margin last changed (what the shared limiter keeps in the store)."""

    next_slot: float = float("-inf")
    margin: float = PACING_MARGIN
    claims: int = 0


class RateLimiter:
    """Hands out send slots spaced at the tier's rate plus an adaptive margin, to any number of threads."""

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
        self.floor = margin
        self.max_margin = max(margin, max_margin)
        self._clock = clock
        self._lock = threading.Lock()
        self._pace = Pace(margin=margin)
        self._worst_late = 0.0  # this process's worst on-time lateness since the margin last changed
        self._seen_margin = margin

    # --- the state, kept here (the shared limiter keeps it in the store) -------------------------
    def _update(self, change: Callable[[Pace, float], tuple[T, Pace]]) -> T:
        with self._lock:
            result, self._pace = change(self._pace, self._clock())
            return result

    @property
    def margin(self) -> float:
        return self._update(lambda pace, now: (pace.margin, pace))

    @property
    def interval(self) -> float:
        return (1.0 + self.margin) / self.per_second

    # --- the pacing maths (see the module docstring) ---------------------------------------------
    def _claim(self, pace: Pace, now: float) -> tuple[Slot, Pace]:
        if pace.margin != self._seen_margin:
            self._seen_margin, self._worst_late = pace.margin, 0.0
        margin, claims = pace.margin, pace.claims + 1
        narrower = max(self.floor, margin * NARROW_FACTOR)
        if narrower < margin and claims > NARROW_AFTER * self.per_second:
            if self._worst_late <= COMFORTABLE * BUDGET_SHARE * narrower:
                margin = narrower
                self._seen_margin = margin
            claims, self._worst_late = 1, 0.0  # narrowed, or judge the next 2 N claims afresh
        slot = max(now, pace.next_slot)
        next_slot = slot + (1.0 + margin) / self.per_second
        return Slot(slot, BUDGET_SHARE * margin), Pace(next_slot, margin, claims)

    def _widened(self, pace: Pace, margin: float) -> Pace:
        margin = min(self.max_margin, margin)
        if margin <= pace.margin:
            return pace
        self._seen_margin, self._worst_late = margin, 0.0
        return Pace(pace.next_slot, margin, 0)

    def _widened_for(self, pace: Pace, slot: Slot) -> Pace:
        """Widen by half, whatever the lateness: a stall is not jitter (the calls it delayed have given
        their slots up anyway), while jitter that keeps passing the budget widens it again. Slots claimed
        under a narrower margin than the one in force (other calls caught in the same stall) widen nothing."""
        if slot.budget < BUDGET_SHARE * pace.margin * (1 - 1e-9):
            return pace
        return self._widened(pace, LATE_STEP * pace.margin)

    def claim(self) -> Slot:
        """Claim the next free slot (unique across threads, and processes for the shared limiter)."""
        return self._update(self._claim)

    def reserve_slot(self) -> float:
        """Claim the next free send slot: a time on this limiter's clock."""
        return self.claim().at

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
        """Wait for a slot and return how late the call leaves for it (seconds, within its budget).

        The wait is measured to the slot's time after claiming it, so time spent claiming (a lock, a
        database transaction) does not push the send past its slot. A call woken later than its
        budget gives its slot up and claims another (``leave``)."""
        while True:
            slot = self.claim()
            while (now := self._clock()) < slot.at:
                self.wait_for(slot.at - now, cancel)
            late = self.leave(slot)
            if late is not None:
                return late

    def leave(self, slot: Slot) -> float | None:
        """A call is about to leave for ``slot``: how late it is, or None when that is past the slot's
        budget (the slot is given up and the margin widened to cover such lateness: claim another)."""
        late = max(0.0, self._clock() - slot.at)
        if late > slot.budget:
            self._update(lambda pace, now: (None, self._widened_for(pace, slot)))
            return None
        with self._lock:
            self._worst_late = max(self._worst_late, late)
        return late

    def widen(self, margin: float) -> None:
        """Pace with at least ``margin`` from now on (capped at the limiter's widest)."""
        self._update(lambda pace, now: (None, self._widened(pace, margin)))

    def refused(self) -> None:
        """The gateway refused a call for its frequency (code 7): the transit spread was wider than the
        margin allowed for, so the margin doubles (by at least one floor)."""
        self._update(lambda pace, now: (None, self._widened(pace, max(2 * pace.margin, pace.margin + self.floor))))

    def hold_off(self, seconds: float) -> None:
        """The gateway asked us to wait: no slot is handed out for ``seconds`` from now."""
        self._update(lambda pace, now: (None, Pace(max(pace.next_slot, now + seconds), pace.margin, pace.claims)))


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

"""Per-tier limits: a paced rate limiter and a daily quota counter, both shared by every thread.

The gateway refuses a call when N calls (the tier's rate) already arrived in the second before it, the
arrival stamped after its checks. What must hold is ``arrival[k + N] - arrival[k] >= 1`` for any two
calls N apart in the order they arrive.

Arrival = on the wire + transit. "On the wire" is when the request's last byte was written to the
connection (httpcore's trace tells the client); transit is what follows: the network, the gateway
reading and checking the request. Only the transit's *spread* matters: a call that travels slower than
the one N before it arrives later, which is harmless; one that travels faster by more than the time to
spare arrives too early. The client cannot see transit; it can see everything before the wire.

Two mechanisms, one margin m:

- Pacing. Slots ``(1 + m) / N`` apart, unique across threads (and processes, storage/ledger.py): calls
  go evenly, never in the bursts that widen the transit spread.
- The gate. A call woken for its slot goes only once the N-th latest send (by any thread, or any
  process sharing the pace) went on the wire at least ``1 + m`` ago; if not, it waits for that. A send
  is recorded when the gate lets it through and moved to when it reached the wire (one margin later
  still for a request that opened its connection: the gateway accepts it and starts a handler first).
  Pacing alone cannot promise the spacing: a thread wakes late for its slot (the GIL, a preempted
  process), and the calls a stall delayed all go together when it ends, a burst after the stall. The
  gate keeps that burst to N per ``1 + m`` seconds and, unlike giving late slots up, lets the calls
  catch up the stall's time wherever the window has room.

So ``wire[k + N] - wire[k] >= 1 + m`` always, and ``arrival[k + N] - arrival[k] >= 1 + m - transit
spread``: no frequency refusal while the transit spread stays under m (15 ms at the 1.5% floor, so
98.5% of the tier's rate at best). The margin adapts to what the client sees. Each call's jitter, its
lateness for its slot plus its time from the gate to the wire (what the gate did not ask for), is judged
over every N + 1 calls: if more than a tenth came later than m, m widens by half; if at most one came
later than a narrower m would allow, m narrows by a fifth, at most once a second however many
processes judge. The calls one stall delayed wake together when it ends and count once: a stall is not
jitter, and the gate already keeps its burst in bounds. A frequency refusal (code 7) is the only news
of the transit spread: m becomes at least double the margin the refused call went with (the calls
refused together widen it once) and does not narrow for 30 s. The floor and a ceiling bound m; the
margin, like the slots and the sends, is shared across processes.
"""

from __future__ import annotations

import dataclasses
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


PACING_MARGIN = 0.015  # the margin's floor, where it starts: one call every (1 + margin) / N seconds
MAX_MARGIN = 0.5  # the widest it gets: a machine slower than that is stalled, not jittery
WIDEN_STEP = 1.5  # too many late calls in a judged window
NARROW_STEP = 0.8  # a calm window
LATE_SHARE = 0.1  # "too many": more than this share of a window's calls later than the margin
CALM_LATE = 1  # "calm": at most this many calls of a window later than the narrower margin
NARROW_EVERY_S = 1.0  # and at most one narrowing step a second, however many processes judge
REFUSED_CALM_S = 30.0  # no narrowing for this long after a frequency refusal


class Cancelled(Exception):
    """The wait was interrupted by a cancel event."""


@dataclass(frozen=True, slots=True)
class Passage:
    """The gate's answer: wait this long and try again, or go (``record`` is the send it recorded)."""

    wait: float
    record: object
    margin: float = PACING_MARGIN  # the margin the gate let it through with


@dataclass(frozen=True, slots=True)
class Ticket:
    """A call let through: its slot, how late it woke for it, when the gate let it go, its record."""

    slot: float
    late: float
    gated: float
    record: object
    margin: float = PACING_MARGIN


@dataclass(frozen=True, slots=True)
class Pace:
    """The pace every sender shares: the next free slot and the margin in force (kept in the store by
    the shared limiter)."""

    next_slot: float = float("-inf")
    margin: float = PACING_MARGIN
    changed: float = float("-inf")  # when the margin last changed


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
        self._sends: deque[list[float]] = deque(maxlen=2 * self.window)  # [time] boxes, revised by sent()
        self._lateness: list[tuple[float, float]] = []  # the judged window: (woke, late) of this process's calls
        self.held_back = 0  # calls the gate held back, for benchmarks and tests

    # --- the state, kept here (the shared limiter keeps it in the store) -------------------------
    def _update(self, change: Callable[[Pace, float], tuple[T, Pace]]) -> T:
        with self._lock:
            result, self._pace = change(self._pace, self._clock())
            return result

    def _pass_gate(self) -> Passage:
        with self._lock:
            now = self._clock()
            wait = self._gate([box[0] for box in self._sends], now, self._pace.margin)
            if wait > 0:
                return Passage(wait, None)
            box = [now]
            self._sends.append(box)
            return Passage(0.0, box, self._pace.margin)

    def _gate(self, sends: list[float], now: float, margin: float) -> float:
        """How long until the N-th latest send is ``1 + margin`` old (0: a send may go now)."""
        if len(sends) < self.window:
            return 0.0
        opens = sorted(sends)[-self.window] + 1.0 + margin
        return max(0.0, opens - now)

    def _revise(self, record: object, written: float) -> None:
        """The send recorded at the gate went on the wire at ``written``: the gate counts from then."""
        if isinstance(record, list):
            with self._lock:
                record[0] = max(record[0], written)

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
            return slot, dataclasses.replace(pace, next_slot=slot + (1.0 + pace.margin) / self.per_second)

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

    def acquire(self, cancel: threading.Event | None = None) -> Ticket:
        """Wait for a slot and then for the gate; the ticket says how late the call woke for its slot.

        The wait is measured to the slot's time after claiming it, so time spent claiming (a lock, a
        database transaction) does not push the send past its slot. Tell ``sent`` when the request is
        on the wire."""
        slot = self.reserve_slot()
        while (now := self._clock()) < slot:
            self.wait_for(slot - now, cancel)
        late = now - slot
        held = 0.0
        while (passage := self.leave()).wait > 0:
            held += passage.wait
            self.wait_for(passage.wait, cancel)
        if held:
            with self._lock:
                self.held_back += 1
        return Ticket(slot, late, self._clock(), passage.record, passage.margin)

    def leave(self) -> Passage:
        """The gate: record a send now, or say how long to wait before trying again."""
        return self._pass_gate()

    def now(self) -> float:
        """The limiter's clock: when a request went on the wire, for ``sent``."""
        return self._clock()

    def sent(self, ticket: Ticket, at: float, *, opened_connection: bool = False) -> None:
        """The request of ``ticket`` went on the wire (its body written) ``at`` (the limiter's clock):
        the gate counts from then, and the call's jitter, lateness for its slot plus the time from the
        gate to the wire, is judged. A request that opened its connection counts one margin later still:
        the gateway accepts the connection and starts a handler for it before it reads the request, so
        that request reaches the gateway's count later than the others after the same time on the wire."""
        self._revise(ticket.record, at + (ticket.margin if opened_connection else 0.0))
        self.judge(ticket.late + max(0.0, at - ticket.gated))

    # --- the margin ------------------------------------------------------------------------------
    def judge(self, late: float) -> None:
        """Count one call's lateness for its slot; every N + 1 calls, widen or narrow the margin."""
        with self._lock:
            self._lateness.append((self._clock(), late))
            if len(self._lateness) <= self.window:
                return
            judged, self._lateness = self._lateness, []
        self._update(lambda pace, now: (None, self._judged(pace, judged, now)))

    def _judged(self, pace: Pace, lateness: list[tuple[float, float]], now: float) -> Pace:
        margin = pace.margin
        narrower = max(self.floor, margin * NARROW_STEP)
        if self._episodes(lateness, margin, pace) > LATE_SHARE * len(lateness):
            return Pace(pace.next_slot, min(self.max_margin, margin * WIDEN_STEP), now)
        calm = now - pace.changed >= NARROW_EVERY_S and self._episodes(lateness, narrower, pace) <= CALM_LATE
        return Pace(pace.next_slot, narrower, now) if calm and narrower < margin else pace

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

        def widened(pace: Pace, now: float) -> tuple[None, Pace]:
            return None, Pace(pace.next_slot, max(pace.margin, min(self.max_margin, margin)), now)

        self._update(widened)

    def refused(self, ticket: Ticket) -> None:
        """The gateway refused ``ticket``'s call for its frequency (code 7): the spread after the wire
        beat the margin it went with. The margin becomes at least double that (the calls refused
        together widen it once) and does not narrow for ``REFUSED_CALM_S``: the gateway's jitter is
        not what the client sees, the refusal is all it learns of it."""
        with self._lock:
            self._lateness = []

        def doubled(pace: Pace, now: float) -> tuple[None, Pace]:
            margin = min(self.max_margin, max(pace.margin, 2 * ticket.margin, ticket.margin + self.floor))
            return None, Pace(pace.next_slot, margin, max(pace.changed, now + REFUSED_CALM_S))

        self._update(doubled)

    def hold_off(self, seconds: float) -> None:
        """The gateway asked us to wait: no slot is handed out for ``seconds`` from now."""
        self._update(lambda pace, now: (None, dataclasses.replace(pace, next_slot=max(pace.next_slot, now + seconds))))


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

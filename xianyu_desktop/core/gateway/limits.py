"""Per-tier limits: a paced rate limiter and a daily quota counter, both shared by every thread.

The gateway refuses the (N+1)th call inside any rolling second, measured when calls arrive.
Pacing sends one call every ``(1 + margin) / N`` seconds: any N+1 consecutive calls then span
``1 + margin`` seconds, so arrival jitter up to ``margin`` seconds can never put N+1 of them in one
second, and the gateway never sees the bursts that make that jitter large.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP
from xianyu_desktop.core.timeutil import beijing_day, next_beijing_midnight, utc_now


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


PACING_MARGIN = 0.04  # the RateLimiter's default margin: one call every (1 + margin) / N seconds


class Cancelled(Exception):
    """The wait was interrupted by a cancel event."""


class RateLimiter:
    """Hands out send slots spaced evenly at the tier's rate, to any number of threads."""

    def __init__(
        self,
        per_second: float,
        *,
        margin: float = PACING_MARGIN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.interval = (1.0 + margin) / per_second
        self._clock = clock
        self._lock = threading.Lock()
        self._next_slot = float("-inf")

    def reserve_slot(self) -> float:
        """Claim the next free send slot: a time on this limiter's clock."""
        with self._lock:
            slot = max(self._clock(), self._next_slot)
            self._next_slot = slot + self.interval
            return slot

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

    def acquire(self, cancel: threading.Event | None = None) -> None:
        """Wait for a slot. The wait is measured to the slot's time after claiming it, so time spent
        claiming (a lock, a database transaction) does not push the send past its slot."""
        slot = self.reserve_slot()
        self.wait_for(slot - self._clock(), cancel)

    def hold_off(self, seconds: float) -> None:
        """The gateway asked us to wait: no slot is handed out for ``seconds`` from now."""
        with self._lock:
            self._next_slot = max(self._next_slot, self._clock() + seconds)


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

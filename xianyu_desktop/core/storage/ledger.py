"""Limits kept in the store, so every thread and every process of the app shares them: the daily
quota ledger (survives restarts, resets at Beijing midnight) and the send pacing of the rate limiter.
Two CLIs at once therefore never together exceed the tier."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from xianyu_desktop.core.gateway.limits import PACING_MARGIN, Pace, Passage, RateLimiter, quota_exhausted
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.timeutil import beijing_day, next_beijing_midnight, utc_now

# Slots further ahead than this are a clock that jumped, not a plan: start again from now.
MAX_PLANNED_AHEAD_S = 120.0

T = TypeVar("T")


class StoreQuotaLedger:
    """Counts every request actually sent (retries included) per app key and Beijing day."""

    def __init__(
        self, store: Store, app_key: str, daily_limit: int, *, now: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self.store = store
        self.app_key = app_key
        self.daily_limit = daily_limit
        self._now = now

    def take(self) -> None:
        now = self._now()
        day = beijing_day(now).isoformat()
        with self.store.db.write(user_data=False) as conn:
            row = conn.execute(
                "SELECT used FROM quota_ledger WHERE app_key = ? AND day = ?", (self.app_key, day)
            ).fetchone()
            used = 0 if row is None else int(row[0])
            if used >= self.daily_limit:
                raise quota_exhausted(self.daily_limit, now)
            conn.execute(
                "INSERT INTO quota_ledger (app_key, day, used) VALUES (?, ?, 1)"
                " ON CONFLICT (app_key, day) DO UPDATE SET used = used + 1",
                (self.app_key, day),
            )
            conn.execute("DELETE FROM quota_ledger WHERE day < date(?, '-60 days')", (day,))

    def refund(self) -> None:
        """A counted call that was never sent (cancelled while waiting for its slot)."""
        day = beijing_day(self._now()).isoformat()
        with self.store.db.write(user_data=False) as conn:
            conn.execute(
                "UPDATE quota_ledger SET used = used - 1 WHERE app_key = ? AND day = ? AND used > 0",
                (self.app_key, day),
            )

    @property
    def used(self) -> int:
        day = beijing_day(self._now()).isoformat()
        row = (
            self.store.db.connection()
            .execute("SELECT used FROM quota_ledger WHERE app_key = ? AND day = ?", (self.app_key, day))
            .fetchone()
        )
        return 0 if row is None else int(row[0])

    @property
    def remaining(self) -> int:
        return max(0, self.daily_limit - self.used)

    def resets_at(self) -> dt.datetime:
        return next_beijing_midnight(self._now())

    def set_used(self, used: int) -> None:
        """Record that ``used`` calls were made today. Only tests call it (to start from a nearly spent day);
        it stays because the table, its day key and the write's transaction are the ledger's own."""
        day = beijing_day(self._now()).isoformat()
        with self.store.db.write(user_data=False) as conn:
            conn.execute(
                "INSERT INTO quota_ledger (app_key, day, used) VALUES (?, ?, ?)"
                " ON CONFLICT (app_key, day) DO UPDATE SET used = excluded.used",
                (self.app_key, day, used),
            )


class SharedRateLimiter(RateLimiter):
    """The paced limiter with its pace (next free slot in wall-clock seconds, margin) and its gate's
    recent sends kept in the store, so that processes sharing a profile share one pace: the slots they
    claim are unique, no N + 1 of their sends fall within ``1 + margin`` seconds, and a margin one of
    them widens is widened for all."""

    def __init__(
        self,
        store: Store,
        app_key: str,
        per_second: float,
        *,
        margin: float = PACING_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(per_second, margin=margin, clock=clock)
        self.store = store
        self.app_key = app_key

    def _update(self, change: Callable[[Pace, float], tuple[T, Pace]]) -> T:
        with self.store.db.write(user_data=False) as conn:
            now = self._clock()
            result, pace = change(self._stored(conn, now), now)
            conn.execute(
                "INSERT INTO send_pacing (app_key, next_slot, margin, margin_changed) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (app_key) DO UPDATE SET next_slot = excluded.next_slot, margin = excluded.margin,"
                " margin_changed = excluded.margin_changed",
                (self.app_key, min(pace.next_slot, now + MAX_PLANNED_AHEAD_S), pace.margin, max(pace.changed, 0.0)),
            )
            return result

    def _pass_gate(self) -> Passage:
        with self.store.db.write(user_data=False) as conn:
            now = self._clock()
            margin = self._stored(conn, now).margin
            rows = conn.execute(
                "SELECT at FROM recent_sends WHERE app_key = ? ORDER BY at DESC LIMIT ?", (self.app_key, self.window)
            ).fetchall()
            wait = self._gate([float(row[0]) for row in rows], now, margin)
            if wait > 0:
                return Passage(wait, None)
            record = conn.execute("INSERT INTO recent_sends (app_key, at) VALUES (?, ?)", (self.app_key, now)).lastrowid
            conn.execute(
                "DELETE FROM recent_sends WHERE app_key = ? AND at < ?", (self.app_key, now - 2 * (1 + margin))
            )
            return Passage(0.0, record, margin)

    def _revise(self, record: object, written: float) -> None:
        if isinstance(record, int):
            with self.store.db.write(user_data=False) as conn:
                conn.execute("UPDATE recent_sends SET at = max(at, ?) WHERE rowid = ?", (written, record))

    def _stored(self, conn: sqlite3.Connection, now: float) -> Pace:
        row = conn.execute(
            "SELECT next_slot, margin, margin_changed FROM send_pacing WHERE app_key = ?", (self.app_key,)
        ).fetchone()
        if row is None:
            return Pace(now, self.floor)
        next_slot = float(row[0])
        if next_slot - now > MAX_PLANNED_AHEAD_S:
            next_slot = now  # a clock that jumped back, not a plan: start again from now
        margin = self.floor if row[1] is None else min(self.max_margin, max(self.floor, float(row[1])))
        changed = 0.0 if row[2] is None else min(now + MAX_PLANNED_AHEAD_S, float(row[2]))
        return Pace(max(now, next_slot), margin, changed)

"""Named locks in the store, shared by every process on the data folder: the window, the tray and the
scheduled ``watch poll`` take the ``poll`` lock for a round, so no item is polled twice and no alert
raised twice; deliverers take the ``deliver`` lock so no alert is sent twice.

A lock is a row (owner, pid, host, heartbeat, expiry) written in one ``BEGIN IMMEDIATE`` transaction:
taking it reads and writes under SQLite's write lock, so two processes cannot both see it free. A holder
that dies leaves a row that goes stale when ``expires`` passes (a heartbeat pushes it on); on this computer
a holder whose process is gone (killed, crashed) is stale at once, so the next round is not skipped."""

from __future__ import annotations

import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from xianyu_desktop.core.storage.store import Store

STALE_AFTER_S = 120.0
POLL_LOCK = "poll"
DELIVER_LOCK = "deliver"


@dataclass(frozen=True, slots=True)
class LockHolder:
    owner: str
    pid: int
    host: str
    taken_at: float
    heartbeat: float
    expires: float

    def describe(self) -> str:
        return f"进程 {self.pid}（{self.host}）"


class StoreLock:
    """One named lock for one owner (each instance is its own owner, even within one process)."""

    def __init__(
        self,
        store: Store,
        name: str,
        *,
        clock: Callable[[], float] = time.time,
        stale_after: float = STALE_AFTER_S,
    ) -> None:
        self.store = store
        self.name = name
        self.clock = clock
        self.stale_after = stale_after
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"

    def acquire(self) -> LockHolder | None:
        """Take the lock; None when taken (or already ours), else who holds it."""
        now = self.clock()
        with self.store.db.write(user_data=False) as conn:
            holder = self._holder(conn)
            if holder is not None and holder.owner != self.owner and holder.expires > now and _alive(holder):
                return holder
            conn.execute(
                "INSERT INTO store_locks (name, owner, pid, host, taken_at, heartbeat, expires)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
                " pid = excluded.pid, host = excluded.host, taken_at = excluded.taken_at,"
                " heartbeat = excluded.heartbeat, expires = excluded.expires",
                (self.name, self.owner, os.getpid(), socket.gethostname(), now, now, now + self.stale_after),
            )
        return None

    def heartbeat(self) -> bool:
        """Push the expiry on; False when the lock is no longer ours (it went stale and was taken)."""
        now = self.clock()
        with self.store.db.write(user_data=False) as conn:
            changed = conn.execute(
                "UPDATE store_locks SET heartbeat = ?, expires = ? WHERE name = ? AND owner = ?",
                (now, now + self.stale_after, self.name, self.owner),
            ).rowcount
        return bool(changed)

    def release(self) -> None:
        with self.store.db.write(user_data=False) as conn:
            conn.execute("DELETE FROM store_locks WHERE name = ? AND owner = ?", (self.name, self.owner))

    def holder(self) -> LockHolder | None:
        """Who holds the lock now (a stale row counts as nobody)."""
        holder = self._holder(self.store.db.connection())
        return holder if holder is not None and holder.expires > self.clock() and _alive(holder) else None

    def _holder(self, conn: sqlite3.Connection) -> LockHolder | None:
        row = conn.execute(
            "SELECT owner, pid, host, taken_at, heartbeat, expires FROM store_locks WHERE name = ?", (self.name,)
        ).fetchone()
        return None if row is None else LockHolder(*row)


def _alive(holder: LockHolder) -> bool:
    """False only when the holder ran on this computer and its process is gone. Elsewhere (another host
    sharing the folder) or on Windows (where os.kill would end the process) only the expiry tells."""
    if os.name != "posix" or holder.host != socket.gethostname():
        return True
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another account's
        return True
    return True

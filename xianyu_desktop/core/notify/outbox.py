"""The outbox: one row per alert and channel with its delivery state, so a send never delays a poll and
nothing raised is lost. Alerts are queued from a cursor (the last alert id queued), in the same
transaction that moves it: every alert is queued once, whichever process polled. States: ``pending``,
``held`` (``held_reason`` quiet / cap / cooldown), ``failed`` (retried every round, like pending, with
the last reason and the attempts), ``delivered`` (its time, and ``message_no``: rows sent together)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xianyu_desktop.core.notify.channels import Channel
from xianyu_desktop.core.notify.messages import Notice
from xianyu_desktop.core.storage.store import Store

PENDING, HELD, FAILED, DELIVERED = "pending", "held", "failed", "delivered"
QUIET, CAP, COOLDOWN = "quiet", "cap", "cooldown"
STATE_LABELS = {PENDING: "待发送", HELD: "暂存", FAILED: "发送失败（将重试）", DELIVERED: "已送达"}
HELD_LABELS = {QUIET: "免打扰时段", CAP: "已达每日上限", COOLDOWN: "同一商品冷却中"}


@dataclass(frozen=True, slots=True)
class OutboxRow:
    notice: Notice
    channel_id: int
    state: str
    held_reason: str | None
    held_until: float | None
    attempts: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where one alert went: the window's "delivered to" column and ``notify status``."""

    alert_id: int
    channel: str
    state: str
    held_reason: str | None
    attempts: int
    last_error: str | None
    delivered_at: float | None

    def describe(self) -> str:
        text = f"{self.channel}：{STATE_LABELS.get(self.state, self.state)}"
        if self.state == HELD and self.held_reason:
            text += f"（{HELD_LABELS.get(self.held_reason, self.held_reason)}）"
        if self.state == FAILED and self.last_error:
            text += f"（{self.attempts} 次：{self.last_error}）"
        return text


_OPEN = (
    "SELECT o.alert_id, a.item_id, a.kind, a.message, a.old, a.new, coalesce(a.title, w.title), a.query,"
    " w.last_status, o.channel_id, o.state, o.held_reason, o.held_until, o.attempts, o.last_error"
    " FROM notify_outbox o JOIN alerts a ON a.id = o.alert_id LEFT JOIN watch_items w ON w.item_id = a.item_id"
    " WHERE o.channel_id = ? AND o.state <> 'delivered' ORDER BY o.alert_id"
)


def _row(r: Sequence[Any]) -> OutboxRow:
    notice = Notice(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
    return OutboxRow(notice, r[9], r[10], r[11], r[12], r[13], r[14])


class Outbox:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _conn(self) -> sqlite3.Connection:
        return self.store.db.connection()

    def enqueue_new(self, channels: Sequence[Channel], now: float) -> int:
        """Queue every alert raised since the cursor for each channel that wants its kind; returns the
        rows queued. Rows whose alert was deleted (its item removed) go too."""
        queued = 0
        with self.store.db.write(user_data=False) as conn:
            cursor = int(conn.execute("SELECT alert_id FROM notify_cursor WHERE id = 1").fetchone()[0])
            alerts = conn.execute("SELECT id, item_id, kind FROM alerts WHERE id > ? ORDER BY id", (cursor,)).fetchall()
            for alert_id, item_id, kind in alerts:
                for channel in channels:
                    if channel.wants(kind):
                        queued += conn.execute(
                            "INSERT OR IGNORE INTO notify_outbox (alert_id, channel_id, item_id, queued_at)"
                            " VALUES (?, ?, ?, ?)",
                            (alert_id, channel.id, item_id, now),
                        ).rowcount
            if alerts:
                conn.execute("UPDATE notify_cursor SET alert_id = ? WHERE id = 1", (alerts[-1][0],))
            conn.execute("DELETE FROM notify_outbox WHERE alert_id NOT IN (SELECT id FROM alerts)")
        return queued

    def open_rows(self, channel_id: int) -> list[OutboxRow]:
        return [_row(r) for r in self._conn().execute(_OPEN, (channel_id,))]

    def last_delivered(self, channel_id: int, item_id: str) -> float | None:
        row = (
            self._conn()
            .execute(
                "SELECT max(delivered_at) FROM notify_outbox WHERE channel_id = ? AND item_id = ? AND state = ?",
                (channel_id, item_id, DELIVERED),
            )
            .fetchone()
        )
        return None if row is None or row[0] is None else float(row[0])

    def messages_since(self, channel_id: int, since: float) -> int:
        row = (
            self._conn()
            .execute(
                "SELECT count(DISTINCT message_no) FROM notify_outbox WHERE channel_id = ? AND state = ?"
                " AND delivered_at >= ?",
                (channel_id, DELIVERED, since),
            )
            .fetchone()
        )
        return int(row[0])

    def hold(self, channel_id: int, alert_ids: Iterable[int], reason: str, until: float | None = None) -> None:
        with self.store.db.write(user_data=False) as conn:
            conn.executemany(
                "UPDATE notify_outbox SET state = ?, held_reason = ?, held_until = ?"
                " WHERE channel_id = ? AND alert_id = ?",
                [(HELD, reason, until, channel_id, a) for a in alert_ids],
            )

    def delivered(self, channel_id: int, alert_ids: Sequence[int], at: float, attempts: int = 1) -> None:
        message_no = min(alert_ids)
        with self.store.db.write(user_data=False) as conn:
            conn.executemany(
                "UPDATE notify_outbox SET state = ?, delivered_at = ?, message_no = ?, attempts = attempts + ?,"
                " last_try = ?, last_error = NULL WHERE channel_id = ? AND alert_id = ?",
                [(DELIVERED, at, message_no, attempts, at, channel_id, a) for a in alert_ids],
            )

    def failed(self, channel_id: int, alert_ids: Iterable[int], reason: str, at: float, attempts: int) -> None:
        """Still to be sent: retried on the next round (held_reason kept, so a digest stays a digest)."""
        with self.store.db.write(user_data=False) as conn:
            conn.executemany(
                "UPDATE notify_outbox SET state = ?, last_error = ?, last_try = ?, attempts = attempts + ?"
                " WHERE channel_id = ? AND alert_id = ?",
                [(FAILED, reason, at, attempts, channel_id, a) for a in alert_ids],
            )

    def deliveries(self, alert_ids: Iterable[int]) -> dict[int, list[Delivery]]:
        """Per alert, where it was (or will be) delivered: the window's API."""
        ids = list(alert_ids)
        found: dict[int, list[Delivery]] = {a: [] for a in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn().execute(
                "SELECT o.alert_id, c.name, o.state, o.held_reason, o.attempts, o.last_error, o.delivered_at"
                f" FROM notify_outbox o JOIN notify_channels c ON c.id = o.channel_id WHERE o.alert_id IN ({marks})"
                " ORDER BY o.alert_id, c.id",
                chunk,
            )
            for r in rows:
                found[r[0]].append(Delivery(*r))
        return found

    def counts(self) -> dict[str, int]:
        """Rows by state (held split by reason: ``held:quiet``), for summaries."""
        counts: dict[str, int] = {}
        for state, reason, n in self._conn().execute(
            "SELECT state, held_reason, count(*) FROM notify_outbox WHERE state <> ? GROUP BY state, held_reason",
            (DELIVERED,),
        ):
            key = f"{state}:{reason}" if state == HELD else state
            counts[key] = counts.get(key, 0) + int(n)
        return counts

"""The watchlist in the store: watched items with their rules and last observation, the history of
changes and the alerts. Every poll result is written in one transaction."""

from __future__ import annotations

import collections
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from xianyu_desktop.core.items.item import dedup_ids
from xianyu_desktop.core.items.links import is_valid_item_id
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.alerts import AlertKind
from xianyu_desktop.core.watch.rules import HistoryPoint, Outcome, WatchState

_MONEY_COLUMNS = (
    "target_price",
    "last_price",
    "previous_price",
    "first_price",
    "lowest_price",
    "highest_price",
    "alerted_price",
)
_COLUMNS = (
    "item_id, added_at, note, target_price, threshold_pct, alert_on_rise, snoozed_until, title, last_status,"
    " last_price, previous_price, first_price, lowest_price, highest_price, alerted_price, last_checked,"
    " next_check, last_error, mine"
)


@dataclass(frozen=True, slots=True)
class Alert:
    """A stored alert: what changed (``old``, ``new``: two prices, or two status labels), the item's target
    and last price when it was raised (None in alerts stored before schema v3 that could not be filled in),
    and its Chinese sentence. alerts.alert_sentence builds it in another language from the same values."""

    id: int
    item_id: str
    at: float
    kind: AlertKind
    old: str | None
    new: str | None
    message: str
    read: bool
    target_price: Decimal | None = None
    last_price: Decimal | None = None
    query: str | None = None  # a new_listing alert's saved search (its words as saved)
    title: str | None = None  # the listing's title (new_listing), else the watched item's current title
    search_id: int | None = None  # the saved search that raised it; None once that search was removed
    competitor_id: str | None = None  # an undercut alert's competing listing (item_id is the seller's own)
    competitor_title: str | None = None


_ALERT_COLUMNS = (
    "a.id, a.item_id, a.at, a.kind, a.old, a.new, a.message, a.read, a.target_price, a.last_price, a.query,"
    " coalesce(a.title, w.title), a.search_id, a.competitor_id, a.competitor_title"
)


def _decimal(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _state(row: Sequence[Any]) -> WatchState:
    (item_id, added_at, note, target, threshold, rise, snoozed, title, status, last, previous, first, low, high,
     alerted, checked, next_check, error, mine) = row  # fmt: skip
    return WatchState(
        item_id=item_id,
        added_at=added_at,
        note=note or "",
        target_price=_decimal(target),
        threshold_pct=_decimal(threshold) or Decimal(10),
        alert_on_rise=bool(rise),
        snoozed_until=snoozed,
        title=title,
        last_status=status,
        last_price=_decimal(last),
        previous_price=_decimal(previous),
        first_price=_decimal(first),
        lowest_price=_decimal(low),
        highest_price=_decimal(high),
        alerted_price=_decimal(alerted),
        last_checked=checked,
        next_check=next_check,
        last_error=error,
        mine=bool(mine),
    )


def _alert(row: Sequence[Any]) -> Alert:
    (alert_id, item_id, at, kind, old, new, message, read, target, last, query, title, search_id, competitor,
     competitor_title) = row  # fmt: skip
    return Alert(
        alert_id,
        item_id,
        at,
        AlertKind(kind),
        old,
        new,
        message,
        bool(read),
        _decimal(target),
        _decimal(last),
        query,
        title,
        search_id,
        competitor,
        competitor_title,
    )


class Watchlist:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _conn(self) -> sqlite3.Connection:
        return self.store.db.connection()

    # --- membership -------------------------------------------------------------------------------------
    def add(self, item_ids: Iterable[str], *, now: float | None = None) -> list[str]:
        """Adds the valid ids not yet watched; returns those that were new, in order."""
        ids = [i for i in dedup_ids(list(item_ids)) if is_valid_item_id(i)]
        added: list[str] = []
        stamp = time.time() if now is None else now
        with self.store.db.write() as conn:
            for item_id in ids:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO watch_items (item_id, added_at) VALUES (?, ?)", (item_id, stamp)
                )
                if cursor.rowcount:
                    added.append(item_id)
        return added

    def remove(self, item_ids: Iterable[str]) -> int:
        return len(self.remove_each(item_ids))

    def remove_each(self, item_ids: Iterable[str]) -> list[str]:
        """Removes the given items; returns those that were watched (the others were not)."""
        ids = dedup_ids(list(item_ids))
        with self.store.db.write() as conn:
            return [i for i in ids if conn.execute("DELETE FROM watch_items WHERE item_id = ?", (i,)).rowcount]

    def item_ids(self) -> list[str]:
        rows = self._conn().execute("SELECT item_id FROM watch_items ORDER BY added_at, item_id")
        return [row[0] for row in rows]

    def items(self) -> list[WatchState]:
        rows = self._conn().execute(f"SELECT {_COLUMNS} FROM watch_items ORDER BY added_at, item_id")
        return [_state(row) for row in rows]

    def get(self, item_id: str) -> WatchState | None:
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM watch_items WHERE item_id = ?", (item_id,)).fetchone()
        return None if row is None else _state(row)

    def update_rules(
        self,
        item_id: str,
        *,
        note: str | None = None,
        target_price: Decimal | str | None = "keep",
        threshold_pct: Decimal | None = None,
        alert_on_rise: bool | None = None,
        snoozed_until: float | str | None = "keep",
    ) -> None:
        """Change what the user controls; "keep" leaves a nullable field as it is."""
        sets: list[str] = []
        values: list[Any] = []
        if note is not None:
            sets.append("note = ?")
            values.append(note)
        if target_price != "keep":
            sets.append("target_price = ?")
            values.append(_text(target_price) if isinstance(target_price, Decimal) else None)
        if threshold_pct is not None:
            sets.append("threshold_pct = ?")
            values.append(str(threshold_pct))
        if alert_on_rise is not None:
            sets.append("alert_on_rise = ?")
            values.append(int(alert_on_rise))
        if snoozed_until != "keep":
            sets.append("snoozed_until = ?")
            values.append(snoozed_until)
        if not sets:
            return
        with self.store.db.write() as conn:
            conn.execute(f"UPDATE watch_items SET {', '.join(sets)} WHERE item_id = ?", (*values, item_id))

    # --- polling ------------------------------------------------------------------------------------------
    def due(self, now: float, limit: int | None = None) -> list[str]:
        """Items never checked or whose next check has come, the longest waiting first."""
        rows = self._conn().execute(
            "SELECT item_id FROM watch_items WHERE next_check IS NULL OR next_check <= ?"
            " ORDER BY next_check IS NOT NULL, next_check, added_at LIMIT ?",
            (now, -1 if limit is None else limit),
        )
        return [row[0] for row in rows]

    def status_counts(self) -> collections.Counter[str | None]:
        rows = self._conn().execute("SELECT last_status, count(*) FROM watch_items GROUP BY last_status")
        return collections.Counter({status: count for status, count in rows})

    def record(self, outcome: Outcome, next_check: float) -> list[Alert]:
        """Write one poll's outcome (state, history point, alerts) in one transaction."""
        state = outcome.state
        with self.store.db.write() as conn:
            cursor = conn.execute(
                "UPDATE watch_items SET title = ?, last_status = ?, last_price = ?, previous_price = ?,"
                " first_price = ?, lowest_price = ?, highest_price = ?, alerted_price = ?, last_checked = ?,"
                " next_check = ?, last_error = NULL WHERE item_id = ?",
                (
                    state.title,
                    state.last_status,
                    _text(state.last_price),
                    _text(state.previous_price),
                    _text(state.first_price),
                    _text(state.lowest_price),
                    _text(state.highest_price),
                    _text(state.alerted_price),
                    state.last_checked,
                    next_check,
                    state.item_id,
                ),
            )
            if cursor.rowcount == 0:
                return []  # removed while it was being polled
            if outcome.history is not None:
                point = outcome.history
                conn.execute(
                    "INSERT INTO item_history (item_id, observed_at, price, status) VALUES (?, ?, ?, ?)",
                    (state.item_id, point.at, _text(point.price), point.status),
                )
            alerts = []
            for draft in outcome.alerts:
                at = state.last_checked or time.time()
                alert_id = conn.execute(
                    "INSERT INTO alerts (item_id, at, kind, old, new, message, target_price, last_price)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        state.item_id,
                        at,
                        draft.kind.value,
                        draft.old,
                        draft.new,
                        draft.message,
                        _text(draft.target_price),
                        _text(draft.last_price),
                    ),
                ).lastrowid
                assert alert_id is not None
                alerts.append(
                    Alert(
                        alert_id,
                        state.item_id,
                        at,
                        draft.kind,
                        draft.old,
                        draft.new,
                        draft.message,
                        False,
                        draft.target_price,
                        draft.last_price,
                        title=state.title,
                    )
                )
            return alerts

    def record_error(self, item_id: str, message: str, at: float, next_check: float) -> None:
        with self.store.db.write() as conn:
            conn.execute(
                "UPDATE watch_items SET last_error = ?, last_checked = ?, next_check = ? WHERE item_id = ?",
                (message, at, next_check, item_id),
            )

    # --- history and alerts -----------------------------------------------------------------------
    def history(self, item_id: str) -> list[HistoryPoint]:
        rows = self._conn().execute(
            "SELECT observed_at, price, status FROM item_history WHERE item_id = ? ORDER BY observed_at, id",
            (item_id,),
        )
        return [HistoryPoint(at, _decimal(price), status or "") for at, price, status in rows]

    def all_history(self) -> list[tuple[str, HistoryPoint]]:
        rows = self._conn().execute(
            "SELECT item_id, observed_at, price, status FROM item_history ORDER BY item_id, observed_at, id"
        )
        return [(item_id, HistoryPoint(at, _decimal(price), status or "")) for item_id, at, price, status in rows]

    def alerts(self, *, since: float | None = None, unread_only: bool = False, limit: int = 1000) -> list[Alert]:
        clauses, values = [], []
        if since is not None:
            clauses.append("a.at >= ?")
            values.append(since)
        if unread_only:
            clauses.append("a.read = 0")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._conn().execute(
            f"SELECT {_ALERT_COLUMNS} FROM alerts a LEFT JOIN watch_items w ON w.item_id = a.item_id"
            f" AND a.kind <> 'new_listing' {where} ORDER BY a.at DESC, a.id DESC LIMIT ?",
            (*values, limit),
        )
        return [_alert(row) for row in rows]

    def mark_read(self, alert_ids: Iterable[int] | None = None) -> None:
        with self.store.db.write() as conn:
            if alert_ids is None:
                conn.execute("UPDATE alerts SET read = 1 WHERE read = 0")
            else:
                conn.executemany("UPDATE alerts SET read = 1 WHERE id = ?", [(i,) for i in alert_ids])

"""Watched items. This issue only adds and lists them; polling, history and alerts build on it."""

from __future__ import annotations

import time
from collections.abc import Iterable

from xianyu_desktop.core.item import dedup_ids
from xianyu_desktop.core.links import is_valid_item_id
from xianyu_desktop.core.store import Store


class Watchlist:
    def __init__(self, store: Store) -> None:
        self.store = store

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

    def item_ids(self) -> list[str]:
        rows = self.store.db.connection().execute("SELECT item_id FROM watch_items ORDER BY added_at, item_id")
        return [row[0] for row in rows]

    def count(self) -> int:
        return int(self.store.db.connection().execute("SELECT count(*) FROM watch_items").fetchone()[0])

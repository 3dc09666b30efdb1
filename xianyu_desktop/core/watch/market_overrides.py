"""The seller's overrides of comparisons, kept in the user's store (migration 5): for one compared item,
a listing included or excluded by hand (the comparison's ``manual`` reason, or a listing kept in spite of
its reason); for every comparison, a blocked seller (their id, or the nickname when the listing names no
id: same_items rows carry only that) or a blocked listing (the ``blocked`` reason). ``for_item`` gives the
``Overrides`` core/market/filtering.py applies; nothing here calls the gateway."""

from __future__ import annotations

import enum
import sqlite3
import time
from dataclasses import dataclass

from xianyu_desktop.core.market.filtering import Overrides
from xianyu_desktop.core.storage.store import Store


class BlockKind(enum.StrEnum):
    SELLER = "seller"
    LISTING = "listing"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    value: str  # the seller's id or nickname, or the listing's item id
    label: str  # what the seller saw when blocking it (a nickname, a title): for listing the blocks
    at: float


class MarketOverrides:
    """Reads and writes go straight to the store (a few rows): call it off the GUI thread."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _conn(self) -> sqlite3.Connection:
        return self.store.db.connection()

    def for_item(self, item_id: str) -> Overrides:
        """What a comparison of ``item_id`` applies: its own includes and excludes, and every block."""
        include: set[str] = set()
        exclude: set[str] = set()
        rows = (
            self._conn()
            .execute("SELECT listing_id, include FROM market_overrides WHERE item_id = ?", (item_id,))
            .fetchall()
        )
        for listing_id, included in rows:
            (include if included else exclude).add(listing_id)
        sellers: set[str] = set()
        listings: set[str] = set()
        for kind, value in self._conn().execute("SELECT kind, value FROM market_blocks").fetchall():
            (sellers if kind == BlockKind.SELLER else listings).add(value)
        return Overrides(frozenset(include), frozenset(exclude), frozenset(listings), frozenset(sellers))

    def set_included(self, item_id: str, listing_id: str, include: bool | None, *, now: float | None = None) -> None:
        """``listing_id`` included (True) or excluded (False) by hand in ``item_id``'s comparison, or left
        to the filter again (None)."""
        with self.store.db.write() as conn:
            if include is None:
                conn.execute("DELETE FROM market_overrides WHERE item_id = ? AND listing_id = ?", (item_id, listing_id))
            else:
                conn.execute(
                    "INSERT INTO market_overrides (item_id, listing_id, include, at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (item_id, listing_id) DO UPDATE SET include = excluded.include, at = excluded.at",
                    (item_id, listing_id, int(include), time.time() if now is None else now),
                )

    def block(self, kind: BlockKind, value: str, label: str = "", *, now: float | None = None) -> None:
        """A seller or a listing left out of every comparison from now on."""
        if not value:
            raise ValueError("nothing to block: an empty seller or listing id")
        with self.store.db.write() as conn:
            conn.execute(
                "INSERT INTO market_blocks (kind, value, label, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (kind, value) DO UPDATE SET label = excluded.label, at = excluded.at",
                (kind.value, value, label, time.time() if now is None else now),
            )

    def unblock(self, kind: BlockKind, value: str) -> bool:
        with self.store.db.write() as conn:
            return bool(
                conn.execute("DELETE FROM market_blocks WHERE kind = ? AND value = ?", (kind.value, value)).rowcount
            )

    def blocks(self) -> list[Block]:
        rows = self._conn().execute("SELECT kind, value, label, at FROM market_blocks ORDER BY at, value")
        return [Block(BlockKind(kind), value, label, at) for kind, value, label, at in rows]

"""The disposable item cache: raw gateway answers with their fetch time.

Kept apart from the user's store so a broken cache can be thrown away without touching the
watchlist: a damaged or too-new cache file is moved aside and rebuilt, with a logged warning.
Lifetimes are the seed's: on sale 5 min, sold 1 h, offline 1 day, no data (ItemStatus.GONE) 10 min.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xianyu_desktop.core.gateway.protocol import decode_json
from xianyu_desktop.core.items.status import ItemStatus, by_status
from xianyu_desktop.core.storage.db import Database, Migration, StoreError, StoreProblem

log = logging.getLogger(__name__)

CACHE_FILE = "cache.sqlite3"
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit
KEEP_DAYS = 90  # an answer nobody asked again for this long is forgotten (unless the item is watched)

MIGRATIONS = (
    Migration(
        1,
        (
            "CREATE TABLE items (item_id TEXT PRIMARY KEY, fetched_at REAL NOT NULL, status TEXT,"
            " fields TEXT, raw TEXT) STRICT",
        ),
    ),
    # Short-link resolutions (core/web/shortlinks.py): share code → outcome, item id.
    Migration(
        2,
        (
            "CREATE TABLE short_links (code TEXT PRIMARY KEY, resolved_at REAL NOT NULL, outcome TEXT NOT NULL,"
            " item_id TEXT, detail TEXT NOT NULL) STRICT",
        ),
    ),
    # Search pages kept a couple of minutes (core/storage/search_cache.py): the query's params → the page.
    Migration(
        3,
        ("CREATE TABLE search_pages (params TEXT PRIMARY KEY, fetched_at REAL NOT NULL, page TEXT NOT NULL) STRICT",),
    ),
)


@dataclass(frozen=True, slots=True)
class CachePolicy:
    onsale: float = 5 * 60
    soldout: float = 60 * 60
    offline: float = 24 * 60 * 60
    no_data: float = 10 * 60

    def lifetime(self, status: ItemStatus | None) -> float:
        """GONE: the gateway had no data; unknown or not asked for: on sale, the shortest, to stay safe."""
        return by_status(status, onsale=self.onsale, soldout=self.soldout, offline=self.offline, gone=self.no_data)


@dataclass(frozen=True, slots=True)
class CacheHit:
    item_id: str
    fetched_at: float
    raw: dict[str, Any] | None  # None: the gateway had no data for this id


def _covers(cached_fields: str | None, raw: Mapping[str, Any] | None, wanted: str | None) -> bool:
    """Can an entry fetched with ``cached_fields`` answer a request for ``wanted``?"""
    if raw is None:
        return True  # no data is no data, whatever was asked
    if wanted is None:
        return cached_fields is None
    return all(name in raw for name in wanted.split(","))


def _project(raw: dict[str, Any] | None, wanted: str | None) -> dict[str, Any] | None:
    if raw is None or wanted is None:
        return raw
    names = ["item_id", *wanted.split(",")]
    return {k: raw[k] for k in names if k in raw}


class ItemCache:
    def __init__(
        self, cache_dir: Path, policy: CachePolicy | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.cache_dir = cache_dir
        self.policy = policy or CachePolicy()
        self._clock = clock
        self.db = Database(cache_dir / CACHE_FILE, MIGRATIONS, label="缓存文件")

    @property
    def path(self) -> Path:
        return self.db.path

    def open(self) -> ItemCache:
        try:
            self.db.open()
        except StoreError as exc:
            if exc.problem is StoreProblem.ENVIRONMENT:
                raise
            self.db.close()
            moved = self._move_aside()
            log.warning("cache %s was unusable (%s); moved to %s and rebuilt", self.path, exc, moved)
            self.db = Database(self.path, MIGRATIONS, label="缓存文件")
            self.db.open()
        return self

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{CACHE_FILE}.broken-{stamp}")
        self.path.replace(target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(CACHE_FILE + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        self.db.close()

    def get_fresh(self, item_ids: Iterable[str], fields: str | None = None) -> dict[str, CacheHit]:
        """The entries still within their lifetime that can answer ``fields``; one query per 500 ids."""
        ids = list(dict.fromkeys(item_ids))
        now = self._clock()
        hits: dict[str, CacheHit] = {}
        conn = self.db.connection()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT item_id, fetched_at, status, fields, raw FROM items WHERE item_id IN ({marks})",
                chunk,
            ).fetchall()
            for item_id, fetched_at, status, cached_fields, raw_text in rows:
                has_data = raw_text is not None
                known = ItemStatus.of(status) if has_data else ItemStatus.GONE
                if now - fetched_at > self.policy.lifetime(known) or now < fetched_at:
                    continue
                try:
                    raw = decode_json(raw_text.encode("utf-8")) if has_data else None
                except ValueError:
                    continue
                if not _covers(cached_fields, raw, fields):
                    continue
                hits[item_id] = CacheHit(item_id, fetched_at, _project(raw, fields))
        return hits

    def all_ids(self) -> list[str]:
        return [row[0] for row in self.db.connection().execute("SELECT item_id FROM items ORDER BY fetched_at")]

    def latest(self, item_ids: Iterable[str]) -> dict[str, CacheHit]:
        """The last answer for each id whatever its age (for exports and the watchlist's details)."""
        ids = list(dict.fromkeys(item_ids))
        found: dict[str, CacheHit] = {}
        conn = self.db.connection()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(f"SELECT item_id, fetched_at, raw FROM items WHERE item_id IN ({marks})", chunk)
            for item_id, fetched_at, raw_text in rows:
                if raw_text is None:
                    continue
                try:
                    found[item_id] = CacheHit(item_id, fetched_at, decode_json(raw_text.encode("utf-8")))
                except ValueError:
                    continue
        return found

    def prune(self, keep: Iterable[str], *, older_than_days: float = KEEP_DAYS) -> int:
        """Forget the answers not refreshed for ``older_than_days`` (long past every lifetime), except
        those of ``keep``: the watched items, whose last answer the details and the exports still show.
        Returns how many were removed. Without it the file grows with every item ever looked up."""
        cutoff = self._clock() - older_than_days * 86_400
        kept = set(keep)
        with self.db.write() as conn:
            old = conn.execute("SELECT item_id FROM items WHERE fetched_at < ?", (cutoff,)).fetchall()
            doomed = [item_id for (item_id,) in old if item_id not in kept]
            for start in range(0, len(doomed), _CHUNK):
                chunk = doomed[start : start + _CHUNK]
                conn.execute(f"DELETE FROM items WHERE item_id IN ({','.join('?' * len(chunk))})", chunk)
        return len(doomed)

    def put(self, item_id: str, raw: Mapping[str, Any] | None, fields: str | None) -> None:
        """Remember an answer (``raw=None``: the gateway had no data). A partial answer (``fields``) does
        not replace a whole one."""
        status = raw.get("status") if raw is not None else None
        text = None if raw is None else json.dumps(raw, ensure_ascii=False, default=str)
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO items (item_id, fetched_at, status, fields, raw) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (item_id) DO UPDATE SET fetched_at = excluded.fetched_at,"
                " status = excluded.status, fields = excluded.fields, raw = excluded.raw"
                # An answer of a few fields never replaces a whole one (the watchlist's details and the
                # exports read it); it is not kept then: the next whole answer replaces the old one.
                " WHERE excluded.fields IS NULL OR items.fields IS NOT NULL OR items.raw IS NULL",
                (item_id, self._clock(), status if isinstance(status, str) else None, fields, text),
            )

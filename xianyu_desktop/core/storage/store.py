"""The user's store: settings that are not secrets, the quota ledger, send pacing and (from the
watchlist issue on) watched items and their history. Never silently replaced: a damaged store stops
the app with a message, and backups (core.backups) are kept for restoring."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from xianyu_desktop.core.storage.backups import (
    Backup,
    BackupKind,
    RestoreOutcome,
    backup_name,
    list_backups,
    prune_backups,
    restore_backup,
)
from xianyu_desktop.core.storage.db import Database, Migration, StoreError, StoreProblem
from xianyu_desktop.core.storage.notify_schema import NOTIFY_MIGRATION
from xianyu_desktop.core.timeutil import BEIJING

log = logging.getLogger(__name__)

STORE_FILE = "store.sqlite3"
BACKUP_DIR = "backups"

MIGRATIONS = (
    Migration(
        1,
        (
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
            "CREATE TABLE quota_ledger (app_key TEXT NOT NULL, day TEXT NOT NULL, used INTEGER NOT NULL,"
            " PRIMARY KEY (app_key, day)) STRICT",
            "CREATE TABLE send_pacing (app_key TEXT PRIMARY KEY, next_slot REAL NOT NULL) STRICT",
            "CREATE TABLE watch_items (item_id TEXT PRIMARY KEY, added_at REAL NOT NULL,"
            " note TEXT NOT NULL DEFAULT '') STRICT",
            "CREATE TABLE item_history (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL REFERENCES watch_items"
            " ON DELETE CASCADE, observed_at REAL NOT NULL, price TEXT, status TEXT) STRICT",
            "CREATE INDEX item_history_by_item ON item_history (item_id, observed_at)",
        ),
    ),
    Migration(
        2,
        (
            # Watch rules and what the last polls saw; money as decimal text, times as epoch seconds.
            *(
                f"ALTER TABLE watch_items ADD COLUMN {column}"
                for column in (
                    "target_price TEXT",
                    "threshold_pct TEXT NOT NULL DEFAULT '10'",
                    "alert_on_rise INTEGER NOT NULL DEFAULT 0",
                    "snoozed_until REAL",
                    "title TEXT",
                    "last_status TEXT",
                    "last_price TEXT",
                    "previous_price TEXT",
                    "first_price TEXT",
                    "lowest_price TEXT",
                    "highest_price TEXT",
                    "alerted_price TEXT",
                    "last_checked REAL",
                    "next_check REAL",
                    "last_error TEXT",
                )
            ),
            "CREATE INDEX watch_items_due ON watch_items (next_check)",
            "CREATE TABLE alerts (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL REFERENCES watch_items"
            " ON DELETE CASCADE, at REAL NOT NULL, kind TEXT NOT NULL, old TEXT, new TEXT,"
            " message TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0) STRICT",
            "CREATE INDEX alerts_by_time ON alerts (at)",
            "CREATE INDEX alerts_by_item ON alerts (item_id)",
        ),
    ),
    Migration(
        3,
        (
            # Each alert keeps the item's target price and last price, so it can be told in any language.
            # Older alerts get the last price their item's history shows; their target was never kept.
            "ALTER TABLE alerts ADD COLUMN target_price TEXT",
            "ALTER TABLE alerts ADD COLUMN last_price TEXT",
            "UPDATE alerts SET last_price = new WHERE kind IN ('price_drop', 'price_rise', 'target_reached')",
            "UPDATE alerts SET last_price = (SELECT h.price FROM item_history h WHERE h.item_id = alerts.item_id"
            " AND h.observed_at <= alerts.at AND h.price IS NOT NULL ORDER BY h.observed_at DESC, h.id DESC LIMIT 1)"
            " WHERE kind IN ('sold', 'back_on_sale', 'offline', 'gone')",
        ),
    ),
    Migration(
        4,
        (
            # Saved searches (关键词监控) and the listing ids each has seen. Their new_listing alerts go with
            # the items' alerts: the alerts table is rebuilt without its item foreign key (a new listing is
            # not a watched item) and keeps the query and title; a trigger still drops an item's own alerts
            # when the item is removed, and a removed search's alerts stay (they keep their query).
            "CREATE TABLE saved_searches (id INTEGER PRIMARY KEY, query TEXT NOT NULL, max_price TEXT,"
            " condition TEXT, location TEXT, created_at REAL NOT NULL, last_run REAL, next_run REAL,"
            " total_results INTEGER, baseline_done INTEGER NOT NULL DEFAULT 0,"
            " new_count INTEGER NOT NULL DEFAULT 0, horizon REAL, last_error TEXT) STRICT",
            "CREATE INDEX saved_searches_due ON saved_searches (next_run)",
            "CREATE TABLE saved_search_seen (search_id INTEGER NOT NULL REFERENCES saved_searches"
            " ON DELETE CASCADE, item_id TEXT NOT NULL, last_seen REAL NOT NULL,"
            " PRIMARY KEY (search_id, item_id)) STRICT, WITHOUT ROWID",
            "CREATE TABLE alerts_v4 (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, at REAL NOT NULL,"
            " kind TEXT NOT NULL, old TEXT, new TEXT, message TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,"
            " target_price TEXT, last_price TEXT,"
            " search_id INTEGER REFERENCES saved_searches ON DELETE SET NULL, query TEXT, title TEXT) STRICT",
            "INSERT INTO alerts_v4 (id, item_id, at, kind, old, new, message, read, target_price, last_price)"
            " SELECT id, item_id, at, kind, old, new, message, read, target_price, last_price FROM alerts",
            "DROP TABLE alerts",
            "ALTER TABLE alerts_v4 RENAME TO alerts",
            "CREATE INDEX alerts_by_time ON alerts (at)",
            "CREATE INDEX alerts_by_item ON alerts (item_id)",
            "CREATE INDEX alerts_by_search ON alerts (search_id)",
            "CREATE TRIGGER watch_item_alerts_go AFTER DELETE ON watch_items BEGIN"
            " DELETE FROM alerts WHERE item_id = OLD.item_id AND kind <> 'new_listing'; END",
        ),
    ),
    Migration(
        5,
        (
            # The seller's word on a comparison's listings (core/watch/market_overrides.py): per compared
            # item, a listing included or excluded by hand; and, for every comparison, blocked sellers
            # (id or nickname) and blocked listings, each with the label it was blocked under.
            "CREATE TABLE market_overrides (item_id TEXT NOT NULL, listing_id TEXT NOT NULL,"
            " include INTEGER NOT NULL CHECK (include IN (0, 1)), at REAL NOT NULL,"
            " PRIMARY KEY (item_id, listing_id)) STRICT, WITHOUT ROWID",
            "CREATE TABLE market_blocks (kind TEXT NOT NULL CHECK (kind IN ('seller', 'listing')),"
            " value TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', at REAL NOT NULL,"
            " PRIMARY KEY (kind, value)) STRICT, WITHOUT ROWID",
        ),
    ),
    Migration(
        6,
        (
            # My listings (我的): a flag on the watched item and when its comparison is due; the last
            # comparison's summary per item; the competitor prices already alerted as undercutting it; the
            # competitor each undercut alert names. Money as decimal text, times as epoch seconds.
            "ALTER TABLE watch_items ADD COLUMN mine INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE watch_items ADD COLUMN next_compare REAL",
            "ALTER TABLE watch_items ADD COLUMN compare_error TEXT",
            "CREATE TABLE market_summaries (item_id TEXT PRIMARY KEY REFERENCES watch_items ON DELETE CASCADE,"
            " compared_at REAL NOT NULL, count INTEGER NOT NULL, sellers INTEGER NOT NULL, median TEXT, p25 TEXT,"
            " p75 TEXT, sold_median TEXT, percentile REAL, value_score REAL, quick_sale TEXT, patient TEXT,"
            " verdict TEXT NOT NULL, my_price TEXT, calls_used INTEGER NOT NULL DEFAULT 0) STRICT",
            "CREATE TABLE undercut_alerted (item_id TEXT NOT NULL REFERENCES watch_items ON DELETE CASCADE,"
            " competitor_id TEXT NOT NULL, price TEXT NOT NULL, at REAL NOT NULL,"
            " PRIMARY KEY (item_id, competitor_id, price)) STRICT, WITHOUT ROWID",
            "ALTER TABLE alerts ADD COLUMN competitor_id TEXT",
            "ALTER TABLE alerts ADD COLUMN competitor_title TEXT",
        ),
    ),
    Migration(7, NOTIFY_MIGRATION),
    Migration(
        8,
        (
            # The rate limiter's adaptive margin (NULL: the floor), when it last changed, and its gate's
            # recent sends, shared by the processes that share the pace (core/gateway/limits.py, ledger.py).
            "ALTER TABLE send_pacing ADD COLUMN margin REAL",
            "ALTER TABLE send_pacing ADD COLUMN margin_changed REAL",
            "CREATE TABLE recent_sends (app_key TEXT NOT NULL, at REAL NOT NULL) STRICT",
            "CREATE INDEX recent_sends_by_time ON recent_sends (app_key, at)",
        ),
    ),
)


def _now() -> dt.datetime:
    return dt.datetime.now(BEIJING)


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.backup_dir = data_dir / BACKUP_DIR
        self.db = Database(data_dir / STORE_FILE, MIGRATIONS, label="数据文件")

    @property
    def path(self) -> Path:
        return self.db.path

    def open(self) -> Store:
        try:
            self.db.open(before_migrate=self._backup_before_migrating)
        except StoreError as exc:
            self.db.close()
            if exc.problem is StoreProblem.CORRUPT:
                raise StoreError(exc.problem, exc.message, self.restore_hint(), kind=exc.kind) from exc
            raise
        except BaseException:
            self.db.close()
            raise
        self.backup_daily()
        return self

    def close(self, *, backup: bool = True) -> None:
        """Closes the store, first backing it up when the seller's data changed since it was opened
        (``backup=False`` when quitting in a hurry, e.g. after Ctrl+C)."""
        if backup and self.db.changes and not self.db.closed:
            self._backup(BackupKind.CLOSE)
        self.db.close()

    # --- backups ----------------------------------------------------------------------------------
    def restore_hint(self) -> str:
        backups = self.backups()
        if not backups:
            return f"程序不会覆盖它；没有找到自动备份（{self.backup_dir}）。"
        newest = backups[0]
        return (
            f"程序不会覆盖它。可以从自动备份恢复：xianyu-desktop store restore（最新备份 {newest.name}，"
            f"{newest.describe_time()}；备份文件夹 {self.backup_dir}）。"
        )

    def backups(self) -> list[Backup]:
        """Newest first."""
        return list_backups(self.backup_dir)

    def backup_daily(self) -> Path | None:
        """One backup per (Beijing) day, at its first open. A failed backup is logged, not fatal."""
        today = _now().date()
        if any(b.kind is BackupKind.DAILY and b.taken_at.date() == today for b in self.backups()):
            return None
        return self._backup(BackupKind.DAILY)

    def _backup(self, kind: BackupKind) -> Path | None:
        target = self.backup_dir / backup_name(kind, _now())
        try:
            self.db.backup_to(target)
        except (OSError, sqlite3.Error, StoreError) as exc:
            log.warning("%s backup of the store failed: %s", kind.value, exc)
            return None
        prune_backups(self.backup_dir)
        return target

    def _backup_before_migrating(self, version: int) -> None:
        """Not caught: better no migration than one without a backup."""
        target = self.backup_dir / backup_name(BackupKind.MIGRATION, _now(), version=version + 1)
        self.db.backup_to(target)
        prune_backups(self.backup_dir)
        log.info("store backed up to %s before migrating from version %d", target, version)

    def restore(self, backup: Path) -> RestoreOutcome:
        """Put a backup in place of the (closed) store; what was there is kept (see restore_backup)."""
        return restore_backup(self.path, backup, self.backup_dir, now=_now())

    # --- settings (never secrets) -------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.connection().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_settings(self, values: dict[str, str | None]) -> None:
        with self.db.write() as conn:
            for key, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM settings WHERE key = ?", (key,))
                else:
                    conn.execute(
                        "INSERT INTO settings (key, value) VALUES (?, ?)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )

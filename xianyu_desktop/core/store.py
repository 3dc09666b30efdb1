"""The user's store: settings that are not secrets, the quota ledger, send pacing and (from the
watchlist issue on) watched items and their history. Never silently replaced: a damaged store stops
the app with a message, and daily backups are kept for restoring."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import sqlite3
from pathlib import Path

from xianyu_desktop.core.db import Database, Migration, StoreError, StoreProblem
from xianyu_desktop.core.item import BEIJING

log = logging.getLogger(__name__)

STORE_FILE = "store.sqlite3"
BACKUP_DIR = "backups"
BACKUPS_KEPT = 7
_BACKUP_NAME = re.compile(r"store-(\d{4}-\d{2}-\d{2})(?:-before-v\d+)?\.sqlite3")

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
)


def _today() -> dt.date:
    return dt.datetime.now(BEIJING).date()


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
                raise StoreError(exc.problem, f"{exc}{self.restore_hint()}") from exc
            raise
        self.backup_daily()
        return self

    def close(self) -> None:
        self.db.close()

    # --- backups ----------------------------------------------------------------------------------
    def restore_hint(self) -> str:
        backups = self.backups()
        if not backups:
            return f" 程序不会覆盖它；没有找到自动备份（{self.backup_dir}）。"
        return (
            f" 程序不会覆盖它。可以从自动备份恢复：xianyu-desktop store restore（最新备份 {backups[0].name}，"
            f"备份文件夹 {self.backup_dir}）。"
        )

    def backups(self) -> list[Path]:
        """Newest first."""
        if not self.backup_dir.is_dir():
            return []
        found = [p for p in self.backup_dir.iterdir() if _BACKUP_NAME.fullmatch(p.name)]
        return sorted(found, key=lambda p: p.name, reverse=True)  # the day is in the name

    def backup_daily(self) -> Path | None:
        """One backup per (Beijing) day, the newest few kept. A failed backup is logged, not fatal."""
        target = self.backup_dir / f"store-{_today().isoformat()}.sqlite3"
        if target.exists():
            return None
        try:
            self.db.backup_to(target)
        except (OSError, sqlite3.Error) as exc:
            log.warning("daily backup of the store failed: %s", exc)
            return None
        for old in [p for p in self.backups() if "-before-v" not in p.name][BACKUPS_KEPT:]:
            old.unlink(missing_ok=True)
        return target

    def _backup_before_migrating(self, version: int) -> None:
        target = self.backup_dir / f"store-{_today().isoformat()}-before-v{version + 1}.sqlite3"
        self.db.backup_to(target)
        log.info("store backed up to %s before migrating from version %d", target, version)

    @staticmethod
    def restore(data_dir: Path, backup: Path) -> Path:
        """Put a backup in place of the store; the damaged file is kept beside it, never deleted."""
        store = data_dir / STORE_FILE
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise StoreError(StoreProblem.CORRUPT, f"备份 {backup} 也已损坏（{result}），请选择另一个备份。")
        kept = store.with_name(f"{STORE_FILE}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}")
        if store.exists():
            store.replace(kept)
        for suffix in ("-wal", "-shm"):
            side = store.with_name(STORE_FILE + suffix)
            if side.exists():
                side.replace(kept.with_name(kept.name + suffix))
        shutil.copy2(backup, store)
        return kept

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

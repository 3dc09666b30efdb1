"""Backups of the user's store, so a damaged or emptied store can be brought back.

A backup is taken at the day's first open (``daily``), at each close after the seller's data changed
(``close``), before each migration (``before-vN``) and before a restore replaces the store
(``before-restore``). The close backups are what make a restore worth having: the daily one is taken
before the day's changes, so on its own it brings back the morning's watchlist. Each kind keeps its
newest few, so the folder stays bounded and the newest state is always among them.

Names carry the Beijing time a backup was taken, so the order and the listing survive copying the folder
(file times do not). Each new backup is checked after it is written; one that does not check out is
deleted at once, so the kept ones are good ones. Backups are read with ``immutable=1``: no lock, and no
``-wal``/``-shm`` files left beside them.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from xianyu_desktop.core.errors import UserErrorKind
from xianyu_desktop.core.storage.db import StoreError, StoreProblem, sqlite_fault, write_backup
from xianyu_desktop.core.storage.private_files import private_file
from xianyu_desktop.core.timeutil import BEIJING

log = logging.getLogger(__name__)


class BackupKind(enum.StrEnum):
    DAILY = "daily"
    CLOSE = "close"
    MIGRATION = "migration"
    BEFORE_RESTORE = "before-restore"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def kept(self) -> int:
        """How many of this kind are kept (the newest)."""
        return _KEPT[self]


_LABELS = {
    BackupKind.DAILY: "当天第一次打开时",
    BackupKind.CLOSE: "关闭时",
    BackupKind.MIGRATION: "升级数据版本前",
    BackupKind.BEFORE_RESTORE: "恢复备份前",
}
_KEPT = {BackupKind.DAILY: 7, BackupKind.CLOSE: 5, BackupKind.MIGRATION: 3, BackupKind.BEFORE_RESTORE: 5}

# New names: store-2026-11-28-093015.250-close.sqlite3 (milliseconds: two commands in one second must not
# replace each other's backup). Older versions wrote store-2026-11-28.sqlite3 (daily) and
# store-2026-11-28-before-v2.sqlite3 (migration), without the time.
_NAME = re.compile(
    r"store-(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<time>\d{6}\.\d{3}))?"
    r"(?:-(?P<kind>daily|close|before-restore|before-v\d+))?\.sqlite3"
)


@dataclass(frozen=True, slots=True)
class BackupCounts:
    """The seller's rows in a backup: what a restore would bring back."""

    watched: int
    history: int
    alerts: int

    def describe(self) -> str:
        return f"关注 {self.watched} 个、价格记录 {self.history} 条、提醒 {self.alerts} 条"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    kind: BackupKind
    taken_at: dt.datetime  # Beijing time

    @property
    def name(self) -> str:
        return self.path.name

    def describe_time(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M:%S} 北京时间"


def backup_name(kind: BackupKind, at: dt.datetime, *, version: int | None = None) -> str:
    """The file name of a backup of ``kind`` taken at ``at``; a migration names the version it leads to."""
    local = at.astimezone(BEIJING)
    stamp = f"{local:%Y-%m-%d-%H%M%S}.{local.microsecond // 1000:03d}"
    suffix = f"before-v{version}" if kind is BackupKind.MIGRATION else kind.value
    return f"store-{stamp}-{suffix}.sqlite3"


def parse_backup(path: Path) -> Backup | None:
    """A backup file's kind and time from its name (None for any other file)."""
    m = _NAME.fullmatch(path.name)
    if m is None:
        return None
    kind_text = m.group("kind") or BackupKind.DAILY.value
    kind = BackupKind.MIGRATION if kind_text.startswith("before-v") else BackupKind(kind_text)
    day = dt.date.fromisoformat(m.group("date"))
    if m.group("time"):
        clock = dt.datetime.strptime(m.group("time"), "%H%M%S.%f").time()
        return Backup(path, kind, dt.datetime.combine(day, clock, BEIJING))
    # An older name without the time: the file's time, when it is from the named day.
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, BEIJING)
    except OSError:
        modified = None
    if modified is not None and modified.date() == day:
        return Backup(path, kind, modified)
    return Backup(path, kind, dt.datetime.combine(day, dt.time(), BEIJING))


def list_backups(folder: Path) -> list[Backup]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = [b for b in (parse_backup(p) for p in folder.iterdir() if p.is_file()) if b is not None]
    return sorted(found, key=lambda b: (b.taken_at, b.name), reverse=True)


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, timeout=5)


def inspect_backup(path: Path, *, full: bool = False) -> BackupCounts:
    """Check a backup and count its rows; StoreError (CORRUPT) when it cannot be used. ``full`` runs
    SQLite's integrity check (a restore), otherwise its quicker check (a listing)."""
    try:
        conn = _open_read_only(path)
        try:
            result = str(conn.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}").fetchone()[0])
            if result != "ok":
                raise StoreError(StoreProblem.CORRUPT, f"备份 {path.name} 已损坏（{result}）")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

            def count(table: str) -> int:
                return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) if table in tables else 0

            if "watch_items" not in tables:
                raise StoreError(StoreProblem.CORRUPT, f"备份 {path.name} 不是本程序的数据文件")
            return BackupCounts(count("watch_items"), count("item_history"), count("alerts"))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(StoreProblem.CORRUPT, f"备份 {path.name} 无法读取（{exc}）") from None


def prune_backups(folder: Path) -> list[Path]:
    """Delete all but the newest few of each kind; returns what was deleted."""
    seen: dict[BackupKind, int] = {}
    deleted = []
    for backup in list_backups(folder):
        seen[backup.kind] = seen.get(backup.kind, 0) + 1
        if seen[backup.kind] > backup.kind.kept:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


@dataclass(frozen=True, slots=True)
class RestoreOutcome:
    restored: BackupCounts
    kept: Backup | None  # the store as it was, now a backup itself
    damaged: Path | None  # or, when it could not be read, the store moved aside under this name


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def restore_backup(store: Path, backup: Path, folder: Path, *, now: dt.datetime) -> RestoreOutcome:
    """Put ``backup`` in place of the store, never losing what is there: a readable store becomes a
    ``before-restore`` backup first, a damaged one is moved aside. Refused (StoreError) when the backup
    does not check out or another program has the store open (a restore under a running window would
    be overwritten by it)."""
    counts = inspect_backup(backup, full=True)
    partial = store.with_name(store.name + ".restoring")
    private_file(partial)  # the copy is the seller's store: private before a byte is copied into it
    shutil.copyfile(backup, partial)  # before the store is touched: a full disk fails here, harmlessly
    try:
        kept, damaged = _set_aside(store, folder, now)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(store)
    prune_backups(folder)
    return RestoreOutcome(counts, kept, damaged)


def _set_aside(store: Path, folder: Path, now: dt.datetime) -> tuple[Backup | None, Path | None]:
    kept: Backup | None = None
    damaged: Path | None = None
    if store.exists():
        conn = sqlite3.connect(store, timeout=1.0, isolation_level=None)
        try:
            try:
                # Leaving WAL mode needs the file to itself: the one sure sign no other program has it open.
                conn.execute("PRAGMA journal_mode = DELETE").fetchone()
                healthy = str(conn.execute("PRAGMA integrity_check").fetchone()[0]) == "ok"
            except sqlite3.DatabaseError as exc:
                if sqlite_fault(exc) is UserErrorKind.BUSY:
                    raise StoreError(
                        StoreProblem.ENVIRONMENT,
                        f"数据文件 {store} 正被另一个程序使用（例如打开着的窗口或正在运行的 watch poll）。",
                        "请先关闭它，再恢复。",
                        kind=UserErrorKind.BUSY,
                    ) from None
                healthy = False
            if healthy:
                target = folder / backup_name(BackupKind.BEFORE_RESTORE, now)
                write_backup(conn, target)
                kept = parse_backup(target)
        finally:
            conn.close()
        if kept is not None:
            for path in (store, *_side_files(store)):
                path.unlink(missing_ok=True)
        else:
            damaged = store.with_name(f"{store.name}.damaged-{now.astimezone(BEIJING):%Y%m%d-%H%M%S}")
            store.replace(damaged)
            for side, moved in zip(_side_files(store), _side_files(damaged), strict=True):
                if side.exists():
                    side.replace(moved)
    return kept, damaged

"""SQLite plumbing shared by the store and the cache.

WAL, a busy timeout, one connection per thread, writes serialised (a process lock plus
``BEGIN IMMEDIATE`` across processes), schema version in ``PRAGMA user_version`` and migrations as an
ordered ladder, each step in its own explicit transaction. SQLite errors are split into the
environment's fault (disk full, read-only, locked: a calm message) and a damaged file.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from xianyu_desktop.core.storage.private_files import private_file, private_folder

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 15.0


class StoreProblem(enum.StrEnum):
    ENVIRONMENT = "environment"  # disk full, read-only folder, locked by another program
    CORRUPT = "corrupt"
    TOO_NEW = "too_new"


class StoreError(Exception):
    """A database problem explained in plain words for the seller."""

    def __init__(self, problem: StoreProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Migration:
    """One rung of the ladder: brings the schema from ``version - 1`` to ``version``."""

    version: int
    statements: tuple[str, ...]


def environment_message(exc: sqlite3.Error, path: Path) -> str | None:
    """A plain sentence for errors that are the machine's, not the program's; None for anything else."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o error" in text:
        return f"磁盘空间不足或磁盘出错，无法写入 {path}。请清理磁盘空间后重试。"
    if "readonly" in text or "read-only" in text or "unable to open database" in text:
        return (
            f"无法写入数据文件 {path}：文件夹是只读的或没有权限。"
            "请检查文件夹权限，或用 XIANYU_DESKTOP_HOME 指定另一个文件夹。"
        )
    if "locked" in text or "busy" in text:
        return f"数据文件 {path} 正被另一个程序占用，请稍后重试。"
    return None


def is_corruption(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text or "encrypted" in text
    )


class Database:
    """A SQLite file with a migration ladder; safe to use from many threads and processes."""

    def __init__(self, path: Path, migrations: Sequence[Migration], *, label: str) -> None:
        self.path = path
        self.label = label
        self.migrations = sorted(migrations, key=lambda m: m.version)
        self.latest_version = self.migrations[-1].version if self.migrations else 0
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._closed = False
        self.changes = 0  # committed write transactions that changed the user's data (see write)

    # --- connections ------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections must not be shared between threads)."""
        if self._closed:
            raise RuntimeError(f"{self.label} is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def write(self, *, user_data: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction: serialised in this process, ``BEGIN IMMEDIATE`` across processes.
        Writes that are not the user's data (the quota ledger, send pacing, a migration, which has its own
        backup) pass ``user_data=False``: they alone are no reason for a backup on close."""
        conn = self.connection()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            if user_data:
                self.changes += 1

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()

    # --- opening and migrating ----------------------------------------------------------------------
    def open(self, *, before_migrate: Callable[[int], None] | None = None) -> None:
        """Create or upgrade the schema. Raises StoreError (CORRUPT, TOO_NEW or ENVIRONMENT)."""
        try:
            private_folder(self.path.parent)
            private_file(self.path)  # before SQLite opens it: its -wal and -shm files take the same mode
        except OSError as exc:
            raise StoreError(
                StoreProblem.ENVIRONMENT,
                f"无法写入数据文件 {self.path}：{exc.strerror or exc}。"
                "请检查文件夹权限，或用 XIANYU_DESKTOP_HOME 指定另一个文件夹。",
            ) from None
        try:
            conn = self.connection()
            self._ensure_wal(conn)
            version = self.version()
            if version > self.latest_version:
                raise StoreError(
                    StoreProblem.TOO_NEW,
                    f"{self.label} {self.path} 来自更新版本的程序（数据版本 {version}，本程序只认识到 "
                    f"{self.latest_version}）。请升级程序；为保护数据，本程序不会改动它。",
                )
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreError(StoreProblem.CORRUPT, f"{self.label} {self.path} 已损坏（{check}）。")
            if version < self.latest_version:
                if before_migrate is not None and version > 0:
                    before_migrate(version)
                self._migrate()
        except sqlite3.Error as exc:
            raise self.explain(exc) from exc

    def _ensure_wal(self, conn: sqlite3.Connection) -> None:
        """Switching to WAL needs a moment alone with the file, and SQLite answers "locked" at once
        (without its busy handler) when another process is creating the same file: retry briefly."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
                if mode != "wal":
                    mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        if mode != "wal":
            log.warning("%s: journal_mode is %s, not WAL", self.label, mode)

    def version(self) -> int:
        return int(self.connection().execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        for migration in self.migrations:
            with self.write(user_data=False) as conn:
                # Re-read inside the lock: another process may have migrated meanwhile.
                current = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if migration.version <= current:
                    continue
                if migration.version != current + 1:
                    raise RuntimeError(f"migration ladder gap: {current} -> {migration.version}")
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.version}")
                log.info("%s migrated to schema version %d", self.label, migration.version)

    def explain(self, exc: sqlite3.Error) -> StoreError:
        message = environment_message(exc, self.path)
        if message is not None:
            return StoreError(StoreProblem.ENVIRONMENT, message)
        if is_corruption(exc):
            return StoreError(StoreProblem.CORRUPT, f"{self.label} {self.path} 已损坏（{exc}）。")
        return StoreError(StoreProblem.CORRUPT, f"{self.label} {self.path} 无法读取（{exc}）。")

    def backup_to(self, target: Path) -> None:
        write_backup(self.connection(), target)


def write_backup(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``conn``'s database through SQLite's online backup (safe while others write),
    checked before it takes its name; a copy that does not check out is deleted and StoreError raised."""
    private_folder(target.parent)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")  # two processes may close at once
    try:
        private_file(partial)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            result = str(dest.execute("PRAGMA quick_check").fetchone()[0])
        finally:
            dest.close()
        if result != "ok":
            raise StoreError(StoreProblem.CORRUPT, f"备份 {target.name} 写入后检查没有通过（{result}）")
        partial.replace(target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise

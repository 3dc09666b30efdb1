"""SQLite plumbing shared by the store and the cache.

WAL, a busy timeout, one connection per thread, writes serialised (a process lock plus
``BEGIN IMMEDIATE`` across processes), schema version in ``PRAGMA user_version`` and migrations as an
ordered ladder, each step in its own explicit transaction.

Every statement and every fetch goes through one connection class that turns SQLite's errors into
StoreError by their error code (``sqlite_errorcode``), never by their text: the environment's fault (disk
full, read-only, locked by another program, cannot open, a disk error) gets a calm message, a damaged file
or one that is not a database says so, and anything else (a syntax error, a broken constraint, misuse) is
a bug and is raised as it is, for the crash handler.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Self

from xianyu_desktop.core.errors import UserError, UserErrorKind
from xianyu_desktop.core.storage.private_files import private_file, private_folder

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 15.0


class StoreProblem(enum.StrEnum):
    """What the program may do about the file: nothing (the environment's fault), or treat it as damaged
    (the store refuses it and names a backup, the cache moves it aside), or leave a newer one alone."""

    ENVIRONMENT = "environment"  # disk full, read-only folder, locked by another program
    CORRUPT = "corrupt"
    TOO_NEW = "too_new"


_PROBLEM_OF = {
    UserErrorKind.CORRUPT: StoreProblem.CORRUPT,
    UserErrorKind.TOO_NEW: StoreProblem.TOO_NEW,
}
_DEFAULT_KIND = {
    StoreProblem.ENVIRONMENT: UserErrorKind.CANT_OPEN,
    StoreProblem.CORRUPT: UserErrorKind.CORRUPT,
    StoreProblem.TOO_NEW: UserErrorKind.TOO_NEW,
}


class StoreError(UserError):
    """A database problem explained in plain words for the seller."""

    def __init__(
        self, problem: StoreProblem, message: str, remedy: str = "", *, kind: UserErrorKind | None = None
    ) -> None:
        self._store_kind = kind or _DEFAULT_KIND[problem]
        super().__init__(message, remedy, kind=self._store_kind)
        self.problem = problem

    @property
    def kind(self) -> UserErrorKind:
        return self._store_kind


# SQLite's primary result codes (the low byte of an extended code) that are the machine's, not the program's.
_FAULTS = {
    sqlite3.SQLITE_FULL: UserErrorKind.DISK_FULL,
    sqlite3.SQLITE_READONLY: UserErrorKind.READ_ONLY,
    sqlite3.SQLITE_PERM: UserErrorKind.READ_ONLY,
    sqlite3.SQLITE_BUSY: UserErrorKind.BUSY,
    sqlite3.SQLITE_LOCKED: UserErrorKind.BUSY,
    sqlite3.SQLITE_CANTOPEN: UserErrorKind.CANT_OPEN,
    sqlite3.SQLITE_IOERR: UserErrorKind.DISK_IO,
    sqlite3.SQLITE_CORRUPT: UserErrorKind.CORRUPT,
    sqlite3.SQLITE_NOTADB: UserErrorKind.CORRUPT,
}


def sqlite_fault(exc: sqlite3.Error) -> UserErrorKind | None:
    """The kind of trouble an SQLite error is, from its error code; None: not the machine's fault (a bug)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else _FAULTS.get(code & 0xFF)


def explain_fault(exc: sqlite3.Error, path: Path, label: str) -> StoreError | None:
    """A StoreError in plain words for an error that is the machine's or the file's; None for a bug."""
    kind = sqlite_fault(exc)
    if kind is None:
        return None
    problem = _PROBLEM_OF.get(kind, StoreProblem.ENVIRONMENT)
    if kind is UserErrorKind.DISK_FULL:
        return StoreError(problem, f"磁盘空间不足，无法写入 {path}。", "请清理磁盘空间后重试。", kind=kind)
    if kind is UserErrorKind.READ_ONLY or kind is UserErrorKind.CANT_OPEN:
        return StoreError(
            problem,
            f"无法写入数据文件 {path}：文件夹是只读的或没有权限。",
            "请检查文件夹权限，或用 XIANYU_DESKTOP_HOME 指定另一个文件夹。",
            kind=kind,
        )
    if kind is UserErrorKind.BUSY:
        return StoreError(problem, f"数据文件 {path} 正被另一个程序占用。", "请稍后重试。", kind=kind)
    if kind is UserErrorKind.DISK_IO:
        return StoreError(
            problem,
            f"读写 {path} 时磁盘出错（磁盘可能已满、已拔出或损坏）。",
            "请检查磁盘空间和连接后重试。",
            kind=kind,
        )
    return StoreError(problem, f"{label} {path} 已损坏（{exc}）。", kind=kind)


def _raise_explained(exc: sqlite3.Error, explain: Callable[[sqlite3.Error], StoreError | None]) -> NoReturn:
    error = explain(exc)
    if error is None:
        raise exc
    raise error from exc


class _Cursor(sqlite3.Cursor):
    """A cursor whose statements and fetches raise StoreError for the machine's faults (see _Connection)."""

    def _explain(self, exc: sqlite3.Error) -> NoReturn:
        connection = self.connection
        assert isinstance(connection, _Connection)
        _raise_explained(exc, connection.explain)

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            self._explain(exc)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Self:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as exc:
            self._explain(exc)

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            self._explain(exc)

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as exc:
            self._explain(exc)

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            self._explain(exc)

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            self._explain(exc)


class _Connection(sqlite3.Connection):
    """The one place SQLite errors are classified: every statement runs through a _Cursor (the
    connection's own ``execute`` shortcuts included), so a full disk met by the hundredth write of a
    session is explained as well as one met at open."""

    explain: Callable[[sqlite3.Error], StoreError | None]

    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        cursor: _Cursor = self.cursor()
        return cursor.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        cursor: _Cursor = self.cursor()
        return cursor.executemany(sql, parameters)


@dataclass(frozen=True, slots=True)
class Migration:
    """One rung of the ladder: brings the schema from ``version - 1`` to ``version``."""

    version: int
    statements: tuple[str, ...]


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
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, factory=_Connection
            )
        except sqlite3.Error as exc:
            _raise_explained(exc, self.explain)
        conn.explain = self.explain
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
        if getattr(self._local, "batch", False):
            # Inside this thread's batch: a savepoint, undone alone when it fails.
            conn.execute("SAVEPOINT write")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO write")
                    conn.execute("RELEASE write")
                raise
            conn.execute("RELEASE write")
            if user_data:
                self.changes += 1
            return
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

    @contextmanager
    def batch(self) -> Iterator[None]:
        """This thread's writes inside it share one transaction, committed at its end (one commit for
        many small writes). Each ``write`` in it is a savepoint: one that fails is undone alone, and what
        the writes before it did is committed all the same before the failure goes on. Keep a batch short
        (no waiting on the network inside): it holds the file's write lock throughout."""
        if getattr(self._local, "batch", False):
            yield  # already in this thread's batch
            return
        conn = self.connection()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            self._local.batch = True
            try:
                yield
            finally:
                self._local.batch = False
                if conn.in_transaction:
                    conn.execute("COMMIT")

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
        """Create or upgrade the schema. Raises StoreError (CORRUPT, TOO_NEW or ENVIRONMENT); an SQLite
        error that is not the machine's or the file's fault is a bug and raised as it is."""
        try:
            private_folder(self.path.parent)
            private_file(self.path)  # before SQLite opens it: its -wal and -shm files take the same mode
        except OSError as exc:
            raise StoreError(
                StoreProblem.ENVIRONMENT,
                f"无法写入数据文件 {self.path}：{exc.strerror or exc}。",
                "请检查文件夹权限，或用 XIANYU_DESKTOP_HOME 指定另一个文件夹。",
                kind=UserErrorKind.READ_ONLY,
            ) from None
        conn = self.connection()
        self._ensure_wal(conn)
        version = self.version()
        if version > self.latest_version:
            raise StoreError(
                StoreProblem.TOO_NEW,
                f"{self.label} {self.path} 来自更新版本的程序（数据版本 {version}，本程序只认识到 "
                f"{self.latest_version}）。",
                "请升级程序；为保护数据，本程序不会改动它。",
            )
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StoreError(StoreProblem.CORRUPT, f"{self.label} {self.path} 已损坏（{check}）。")
        if version < self.latest_version:
            if before_migrate is not None and version > 0:
                before_migrate(version)
            self._migrate()

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
            except StoreError as exc:
                if exc.kind is not UserErrorKind.BUSY or time.monotonic() > deadline:
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

    def explain(self, exc: sqlite3.Error) -> StoreError | None:
        """This file's StoreError for an SQLite error that is the machine's or the file's; None: a bug."""
        return explain_fault(exc, self.path, self.label)

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

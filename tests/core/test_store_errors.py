"""SQLite errors on every store call, classified by their error code against real files: a full database
(``PRAGMA max_page_count``, the same SQLITE_FULL a full disk gives), a file made read-only while the store
is open, a file another program holds in a write transaction, a damaged page, a file that is not a
database; anything else is a bug and comes out as the sqlite3 error it is."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from xianyu_desktop.core.errors import UserError, UserErrorKind
from xianyu_desktop.core.storage import db as db_module
from xianyu_desktop.core.storage.db import Database, StoreError, StoreProblem
from xianyu_desktop.core.storage.store import MIGRATIONS, STORE_FILE, Store
from xianyu_desktop.core.watch.watchlist import Watchlist

IDS = [f"6{n:017d}" for n in range(1, 4)]


def in_new_thread(work: Callable[[], Any]) -> Any:
    """Runs ``work`` on a fresh thread: a new SQLite connection to the file, as a pool thread of the
    window gets; returns its result or raises its exception."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` read-only for everyone: its mode, and for root (whom modes do not stop) the immutable flag."""
    path.chmod(0o444)
    as_root = os.geteuid() == 0
    if as_root:
        subprocess.run([shutil.which("chattr") or "chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o600)


def test_a_full_database_is_a_calm_message_on_a_later_write_and_nothing_stored_is_lost(tmp_path):
    store = Store(tmp_path).open()
    watchlist = Watchlist(store)
    watchlist.add(IDS[:1])
    conn = store.db.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL, as on a full disk
    with pytest.raises(StoreError) as info:
        store.set_settings({"note.big": "满" * 200_000})
    error = info.value
    assert isinstance(error, UserError) and error.kind is UserErrorKind.DISK_FULL
    assert error.problem is StoreProblem.ENVIRONMENT
    assert "磁盘空间不足" in str(error) and error.remedy == "请清理磁盘空间后重试。"
    assert isinstance(error.__cause__, sqlite3.Error)
    assert error.__cause__.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL
    assert watchlist.item_ids() == IDS[:1] and store.get_setting("note.big") is None  # rolled back, kept
    store.close(backup=False)


def test_a_store_made_read_only_while_open_refuses_writes_plainly_and_still_reads(tmp_path):
    store = Store(tmp_path).open()
    Watchlist(store).add(IDS[:1])
    with read_only(tmp_path / STORE_FILE):
        # A pool thread opens its own connection: SQLite can only open the file for reading now.
        assert in_new_thread(lambda: Watchlist(store).item_ids()) == IDS[:1]
        with pytest.raises(StoreError) as info:
            in_new_thread(lambda: Watchlist(store).add(IDS[1:2]))
    assert info.value.kind is UserErrorKind.READ_ONLY and info.value.problem is StoreProblem.ENVIRONMENT
    assert "只读" in str(info.value) and "XIANYU_DESKTOP_HOME" in info.value.remedy
    assert Watchlist(store).item_ids() == IDS[:1]
    store.close(backup=False)


def test_a_store_another_program_is_writing_is_busy_not_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
    store = Store(tmp_path).open()
    other = sqlite3.connect(tmp_path / STORE_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings VALUES ('other', 'program')")
    try:
        with pytest.raises(StoreError) as info:
            Watchlist(store).add(IDS[:1])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert info.value.kind is UserErrorKind.BUSY and info.value.problem is StoreProblem.ENVIRONMENT
    assert "占用" in str(info.value)
    assert Watchlist(store).add(IDS[:1]) == IDS[:1]  # once the other program lets go, it works
    store.close(backup=False)


def test_a_page_damaged_while_open_is_reported_as_damage_on_the_next_read(tmp_path):
    store = Store(tmp_path).open()
    Watchlist(store).add(IDS)
    conn = store.db.connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'watch_items'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(tmp_path / STORE_FILE, "r+b") as handle:  # the table's first page: its b-tree header, garbled
        handle.seek((root - 1) * size)
        handle.write(b"\xff" * 64)
    with pytest.raises(StoreError) as info:
        in_new_thread(lambda: Watchlist(store).item_ids())
    assert info.value.kind is UserErrorKind.CORRUPT and info.value.problem is StoreProblem.CORRUPT
    assert "已损坏" in str(info.value)
    store.close(backup=False)


def test_a_file_that_is_not_a_database_is_damage(tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"just some text, not SQLite " * 200)
    db = Database(path, MIGRATIONS, label="数据文件")
    with pytest.raises(StoreError) as info:
        db.open()
    db.close()
    assert info.value.kind is UserErrorKind.CORRUPT and info.value.problem is StoreProblem.CORRUPT
    assert info.value.__cause__.sqlite_errorcode == sqlite3.SQLITE_NOTADB


def test_a_database_that_cannot_be_opened_says_so(tmp_path):
    db = Database(tmp_path / "no such folder" / "x.sqlite3", MIGRATIONS, label="数据文件")
    with pytest.raises(StoreError) as info:
        db.connection()
    assert info.value.kind is UserErrorKind.CANT_OPEN and info.value.problem is StoreProblem.ENVIRONMENT


def test_anything_else_is_a_bug_raised_as_it_is(tmp_path):
    store = Store(tmp_path).open()
    with pytest.raises(sqlite3.OperationalError) as syntax:
        store.db.connection().execute("SELEC 1")
    assert not isinstance(syntax.value, StoreError)
    with pytest.raises(sqlite3.IntegrityError), store.db.write() as conn:
        conn.execute("INSERT INTO watch_items (item_id, added_at) VALUES (NULL, 1)")
    assert Watchlist(store).item_ids() == []
    store.close(backup=False)

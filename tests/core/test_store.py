"""The user's store: migrations, refusing damaged or newer files, backups, many threads."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from xianyu_desktop.core.db import Database, Migration, StoreError, StoreProblem
from xianyu_desktop.core.store import MIGRATIONS, STORE_FILE, Store

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_new_store_is_wal_at_the_latest_version(tmp_path):
    store = Store(tmp_path).open()
    conn = store.db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.version() == MIGRATIONS[-1].version
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
    store.close()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("store-v*.sqlite3")), ids=lambda p: p.name)
def test_every_released_schema_upgrades_with_its_rows(tmp_path, fixture):
    shutil.copy(fixture, tmp_path / STORE_FILE)
    store = Store(tmp_path).open()
    assert store.db.version() == MIGRATIONS[-1].version
    conn = store.db.connection()
    assert conn.execute("SELECT note FROM watch_items").fetchone()[0] == "对手的 iPhone"
    assert conn.execute("SELECT count(*) FROM item_history").fetchone()[0] == 2
    assert conn.execute("SELECT used FROM quota_ledger").fetchone()[0] == 42
    assert store.get_setting("credentials.app_key") == "sandbox-basic"
    assert store.db.integrity_check() == "ok"
    store.close()


def test_a_migration_step_runs_in_one_transaction_and_backs_up_first(tmp_path):
    path = tmp_path / "db.sqlite3"
    Database(path, [Migration(1, ("CREATE TABLE a (x)",))], label="t").open()
    ladder = [
        Migration(1, ("CREATE TABLE a (x)",)),
        Migration(2, ("CREATE TABLE b (y)", "INSERT INTO nope VALUES (1)")),
    ]
    db = Database(path, ladder, label="t")
    backed_up: list[int] = []
    with pytest.raises(StoreError):
        db.open(before_migrate=backed_up.append)
    assert backed_up == [1]
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    assert check.execute("SELECT name FROM sqlite_master WHERE name = 'b'").fetchone() is None  # rolled back
    check.close()
    db.close()


def test_migrating_an_old_store_keeps_a_backup(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "store-v1.sqlite3", tmp_path / STORE_FILE)
    ladder = (*MIGRATIONS, Migration(MIGRATIONS[-1].version + 1, ("CREATE TABLE later (x)",)))
    monkeypatch.setattr("xianyu_desktop.core.store.MIGRATIONS", ladder)
    store = Store(tmp_path).open()
    assert store.db.version() == ladder[-1].version
    assert any("-before-v" in p.name for p in store.backups())
    store.close()


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path):
    store = Store(tmp_path).open()
    store.db.connection().execute("PRAGMA user_version = 99")
    store.close()
    before = (tmp_path / STORE_FILE).read_bytes()
    with pytest.raises(StoreError) as info:
        Store(tmp_path).open()
    assert info.value.problem is StoreProblem.TOO_NEW
    assert "更新版本" in str(info.value)
    assert (tmp_path / STORE_FILE).read_bytes() == before


def test_a_damaged_store_is_refused_never_replaced_and_names_the_backup(tmp_path):
    Store(tmp_path).open().close()  # creates the store and today's backup
    (tmp_path / STORE_FILE).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as info:
        Store(tmp_path).open()
    assert info.value.problem is StoreProblem.CORRUPT
    assert "store restore" in str(info.value)
    assert (tmp_path / STORE_FILE).read_bytes().startswith(b"this is not")
    kept = Store.restore(tmp_path, Store(tmp_path).backups()[0])
    assert kept.read_bytes().startswith(b"this is not")
    assert Store(tmp_path).open().db.integrity_check() == "ok"


def test_one_backup_a_day_and_only_a_few_kept(tmp_path):
    store = Store(tmp_path).open()
    (today,) = store.backups()
    assert store.backup_daily() is None  # already done today
    for day in range(1, 12):
        (store.backup_dir / f"store-2026-01-{day:02d}.sqlite3").write_bytes(b"")
    today.unlink()
    assert store.backup_daily() == today
    kept = [p.name for p in store.backups()]
    assert kept == [today.name] + [f"store-2026-01-{day:02d}.sqlite3" for day in range(11, 5, -1)]
    store.close()


def test_many_threads_read_and_write_without_locking_errors(tmp_path):
    store = Store(tmp_path).open()
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(100):
                with store.db.write() as conn:
                    conn.execute("INSERT INTO watch_items (item_id, added_at) VALUES (?, ?)", (f"{n:03d}{i:09d}", i))
                store.db.connection().execute("SELECT count(*) FROM watch_items").fetchone()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.db.connection().execute("SELECT count(*) FROM watch_items").fetchone()[0] == 800
    store.close()


def test_settings_round_trip(tmp_path):
    store = Store(tmp_path).open()
    store.set_settings({"a": "1", "b": "二"})
    store.set_settings({"a": None, "b": "三"})
    assert (store.get_setting("a"), store.get_setting("b")) == (None, "三")
    store.close()


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("database or disk is full", "磁盘空间不足"),
        ("attempt to write a readonly database", "只读"),
        ("unable to open database file", "只读"),
        ("database is locked", "占用"),
    ],
)
def test_environment_errors_get_calm_messages(tmp_path, message, words):
    db = Database(tmp_path / "x.sqlite3", MIGRATIONS, label="数据文件")
    error = db.explain(sqlite3.OperationalError(message))
    assert error.problem is StoreProblem.ENVIRONMENT
    assert words in str(error)

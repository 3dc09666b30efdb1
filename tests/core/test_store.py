"""The user's store: migrations, refusing damaged or newer files, backups, many threads."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from xianyu_desktop.core.storage.backups import BackupCounts, BackupKind, backup_name, inspect_backup, parse_backup
from xianyu_desktop.core.storage.db import Database, Migration, StoreError, StoreProblem
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.storage.store import MIGRATIONS, STORE_FILE, Store
from xianyu_desktop.core.timeutil import BEIJING

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
    iphone = "698765432109876543"
    assert conn.execute("SELECT note FROM watch_items WHERE item_id = ?", (iphone,)).fetchone()[0] == "对手的 iPhone"
    assert conn.execute("SELECT count(*) FROM item_history WHERE item_id = ?", (iphone,)).fetchone()[0] == 2
    assert conn.execute("SELECT used FROM quota_ledger").fetchone()[0] == 42
    assert store.get_setting("credentials.app_key") == "sandbox-basic"
    assert store.db.connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
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
    with pytest.raises(sqlite3.OperationalError):  # a statement that cannot run is a bug, not the file's fault
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
    monkeypatch.setattr("xianyu_desktop.core.storage.store.MIGRATIONS", ladder)
    store = Store(tmp_path).open()
    assert store.db.version() == ladder[-1].version
    (migration,) = [b for b in store.backups() if b.kind is BackupKind.MIGRATION]
    assert migration.name.endswith("-before-v2.sqlite3")  # taken once, before the first step (from v1)
    assert inspect_backup(migration.path).watched == 1  # the rows as they were before the step
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
    outcome = Store(tmp_path).restore(Store(tmp_path).backups()[0].path)
    assert outcome.kept is None and outcome.damaged is not None
    assert outcome.damaged.read_bytes().startswith(b"this is not")
    assert Store(tmp_path).open().db.connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_one_backup_a_day_and_only_a_few_of_each_kind_kept(tmp_path):
    store = Store(tmp_path).open()
    (today,) = store.backups()
    assert today.kind is BackupKind.DAILY
    assert store.backup_daily() is None  # already done today
    folder = store.backup_dir
    for day in range(1, 12):
        (folder / f"store-2026-01-{day:02d}.sqlite3").write_bytes(b"")  # an older version's daily name
        (folder / f"store-2026-02-{day:02d}-120000.000-close.sqlite3").write_bytes(b"")
    (folder / "store-2026-01-05-before-v2.sqlite3").write_bytes(b"")
    (folder / "notes.txt").write_text("not a backup")
    today.path.unlink()
    made = store.backup_daily()
    assert made is not None and made.name.endswith("-daily.sqlite3")
    kept = [b.name for b in store.backups()]
    dailies = [n for n in kept if "close" not in n and "before" not in n]
    assert dailies[0].endswith("-daily.sqlite3") and dailies[1:] == [
        f"store-2026-01-{day:02d}.sqlite3" for day in range(11, 5, -1)
    ]
    assert [n for n in kept if "close" in n] == [
        f"store-2026-02-{day:02d}-120000.000-close.sqlite3" for day in range(11, 6, -1)
    ]
    assert "store-2026-01-05-before-v2.sqlite3" in kept and (folder / "notes.txt").exists()
    store.close()


def test_an_older_backup_name_takes_its_time_from_the_file(tmp_path):
    path = tmp_path / "store-2026-03-04.sqlite3"
    path.write_bytes(b"")
    at = dt.datetime(2026, 3, 4, 9, 30, tzinfo=BEIJING)
    os.utime(path, (at.timestamp(), at.timestamp()))
    backup = parse_backup(path)
    assert backup is not None and backup.kind is BackupKind.DAILY and backup.taken_at == at
    named = parse_backup(tmp_path / backup_name(BackupKind.CLOSE, at.replace(microsecond=250_000)))
    assert named is not None and named.kind is BackupKind.CLOSE
    assert named.describe_time() == "2026-03-04 09:30:00 北京时间"
    assert parse_backup(tmp_path / "store.sqlite3") is None


def _watch(store: Store, *ids: str) -> None:
    with store.db.write() as conn:
        conn.executemany("INSERT INTO watch_items (item_id, added_at) VALUES (?, 0)", [(i,) for i in ids])
        conn.executemany(
            "INSERT INTO item_history (item_id, observed_at, price, status) VALUES (?, 1, '9.00', 'onsale')",
            [(i,) for i in ids],
        )


def test_a_close_backs_up_only_when_the_sellers_data_changed(tmp_path):
    store = Store(tmp_path).open()
    StoreQuotaLedger(store, "k", 100).take()  # bookkeeping alone is no reason for a backup
    store.close()
    assert [b.kind for b in Store(tmp_path).backups()] == [BackupKind.DAILY]

    store = Store(tmp_path).open()
    _watch(store, "111111111111", "222222222222")
    store.close()
    newest = Store(tmp_path).backups()[0]
    assert newest.kind is BackupKind.CLOSE
    assert inspect_backup(newest.path) == BackupCounts(watched=2, history=2, alerts=0)
    assert not list(newest.path.parent.glob("*.partial*"))  # nothing left of the writing

    store = Store(tmp_path).open()
    _watch(store, "333333333333")
    store.close(backup=False)  # quitting in a hurry
    assert len([b for b in Store(tmp_path).backups() if b.kind is BackupKind.CLOSE]) == 1


def test_a_restore_keeps_a_healthy_store_as_a_backup_and_brings_the_rows_back(tmp_path):
    store = Store(tmp_path).open()
    _watch(store, "111111111111", "222222222222")
    store.close()
    good = Store(tmp_path).backups()[0]
    store = Store(tmp_path).open()
    with store.db.write() as conn:
        conn.execute("DELETE FROM watch_items")
        conn.execute("INSERT INTO watch_items (item_id, added_at) VALUES ('999999999999', 0)")
    store.db.close()  # no close backup: the emptied state lives only in the store itself

    outcome = Store(tmp_path).restore(good.path)
    assert outcome.restored.watched == 2 and outcome.damaged is None
    assert outcome.kept is not None and outcome.kept.kind is BackupKind.BEFORE_RESTORE
    assert inspect_backup(outcome.kept.path, full=True).watched == 1  # what was replaced, kept
    reopened = Store(tmp_path).open()
    ids = [r[0] for r in reopened.db.connection().execute("SELECT item_id FROM watch_items ORDER BY item_id")]
    assert ids == ["111111111111", "222222222222"]
    reopened.close()


def test_a_damaged_backup_is_refused_and_the_store_left_alone(tmp_path):
    store = Store(tmp_path).open()
    _watch(store, "111111111111")
    store.close()
    bad = tmp_path / "store-2026-01-01-000000.000-close.sqlite3"
    bad.write_bytes(b"not a database" * 200)
    before = (tmp_path / STORE_FILE).read_bytes()
    with pytest.raises(StoreError, match=r"无法读取|已损坏"):
        Store(tmp_path).restore(bad)
    assert (tmp_path / STORE_FILE).read_bytes() == before
    assert not list(tmp_path.glob("*.restoring"))


HOLDER = """
import sys, time
from pathlib import Path
from xianyu_desktop.core.storage.store import Store
store = Store(Path(sys.argv[1])).open()
store.get_setting("x")
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_restore_is_refused_while_another_program_has_the_store_open(tmp_path):
    store = Store(tmp_path).open()
    _watch(store, "111111111111")
    store.close()
    backup = Store(tmp_path).backups()[0]
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="正被另一个程序使用") as info:
            Store(tmp_path).restore(backup.path)
        assert info.value.problem is StoreProblem.ENVIRONMENT
        holder.communicate("\n", timeout=30)
    assert Store(tmp_path).restore(backup.path).kept is not None  # once it has closed


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


def test_v3_keeps_each_alerts_target_and_last_price_and_fills_in_the_older_ones(tmp_path):
    """The v2 fixture holds an alert of every kind as v2 stored it: after the upgrade each has the last
    price its item's history shows (targets were never kept), and its sentence is left as written."""
    from decimal import Decimal

    from xianyu_desktop.core.watch.alerts import AlertKind
    from xianyu_desktop.core.watch.rules import Observation, observe
    from xianyu_desktop.core.watch.watchlist import Watchlist

    shutil.copy(FIXTURES / "store-v2-alerts.sqlite3", tmp_path / STORE_FILE)
    before = sqlite3.connect(FIXTURES / "store-v2-alerts.sqlite3")
    messages = dict(before.execute("SELECT id, message FROM alerts"))
    before.close()
    store = Store(tmp_path).open()
    assert store.db.version() == MIGRATIONS[-1].version
    watchlist = Watchlist(store)
    upgraded = {alert.kind: alert for alert in watchlist.alerts()}
    assert {kind: alert.last_price for kind, alert in upgraded.items()} == {
        AlertKind.PRICE_DROP: Decimal("850.00"),
        AlertKind.PRICE_RISE: Decimal("950.00"),
        AlertKind.TARGET_REACHED: Decimal("780.00"),
        AlertKind.SOLD: Decimal("780.00"),
        AlertKind.BACK_ON_SALE: Decimal("790.00"),
        AlertKind.OFFLINE: Decimal("790.00"),
        AlertKind.GONE: Decimal("790.00"),
    }
    assert all(alert.target_price is None for alert in upgraded.values())
    assert {alert.id: alert.message for alert in upgraded.values()} == messages

    item_id = "612345678901234567"
    watchlist.update_rules(item_id, target_price=Decimal("700"))
    state = watchlist.get(item_id)
    assert state is not None
    watchlist.record(observe(state, Observation(1795100000.0, "onsale", Decimal("690"))), 1795100300.0)
    new = watchlist.alerts(limit=1)[0]
    assert (new.kind, new.target_price, new.last_price) == (AlertKind.BACK_ON_SALE, Decimal("700"), Decimal("690"))
    store.close(backup=False)

"""Issue 12 item 9: the data folders are the seller's alone. Through the real CLI (a real process, the
sandbox over loopback) under a permissive umask: every folder 0700, every file 0600; a profile an older
version left 0755/0644 is fixed when it is opened. The window's half is tests/ui/test_private_window.py."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_cli import run, sandbox_env
from xianyu_desktop.core.storage.audit import AuditLog
from xianyu_desktop.core.storage.private_files import PRIVATE_FILE, PRIVATE_FOLDER
from xianyu_desktop.core.storage.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows uses ACLs")]
ID = "698765432109876543"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """What most desktops have: files 0644 and folders 0755 unless the app says otherwise."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def home() -> Path:
    return Path(os.environ["XIANYU_DESKTOP_HOME"])


def modes_not_private(root: Path) -> list[str]:
    """Every folder and file under ``root`` whose mode is not 0700 / 0600 (links are not followed)."""
    wrong = []
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        mode = stat.S_IMODE(info.st_mode)
        wanted = PRIVATE_FOLDER if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE if stat.S_ISREG(info.st_mode) else mode
        if mode != wanted:
            wrong.append(f"{path.relative_to(root)} {mode:o}")
    return wrong


def test_a_profile_made_by_the_cli_is_private(sandbox, open_umask):
    env = sandbox_env(sandbox)
    ids = sandbox.state.catalogue.demo_ids(3)
    assert run("fetch", *ids, env=env).returncode == 0
    assert run("watch", "add", *ids, env=env).returncode == 0
    assert run("watch", "poll", "--all", env=env).returncode == 0
    assert run("fetch", "https://m.tb.cn/h.AbCd12?tk=x", "--resolve",
               env={**env, "XIANYU_SHORT_LINK_SERVER": sandbox.base_url}).returncode == 0  # fmt: skip
    files = {p.name for p in home().rglob("*") if p.is_file()}
    assert {"store.sqlite3", "cache.sqlite3", "xianyu-desktop.log"} <= files
    assert any(n.startswith("audit-") for n in files) and any(n.endswith("-daily.sqlite3") for n in files)
    assert any(n.endswith("-close.sqlite3") for n in files)  # watch add changed the seller's data
    assert modes_not_private(home()) == []
    # A plain file made beside the profile by the same process is not private: the umask was permissive.
    (home() / "witness").write_text("x")
    assert stat.S_IMODE((home() / "witness").stat().st_mode) == 0o644


def test_sqlite_side_files_take_the_private_mode(tmp_path, open_umask):
    """SQLite makes -wal and -shm itself, with the database file's mode: made 0600 before SQLite opens it."""
    store = Store(tmp_path / "data").open()
    try:
        with store.db.write() as conn:
            conn.execute("INSERT INTO watch_items (item_id, added_at) VALUES (?, 0)", (ID,))
        sides = [tmp_path / "data" / f"store.sqlite3{s}" for s in ("-wal", "-shm")]
        assert all(p.exists() for p in sides)  # open, so not yet checkpointed away
        assert modes_not_private(tmp_path / "data") == []
    finally:
        store.close()


def test_an_old_profile_readable_by_others_is_fixed_when_opened(tmp_path, open_umask):
    """As an older version left it: folders 0755, store, its WAL, backups, cache, logs, audit, pictures 0644."""
    data, cache, logs = home() / "data", home() / "cache", home() / "logs"
    store = Store(data).open()
    with store.db.write() as conn:
        conn.execute("INSERT INTO watch_items (item_id, added_at) VALUES (?, 0)", (ID,))
    store.close()
    (cache / "images").mkdir(parents=True)
    (cache / "images" / "0123.img").write_bytes(b"\x89PNG\r\n\x1a\n")
    conn = sqlite3.connect(cache / "cache.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    AuditLog(logs).record_cache_hit(ID, None)
    (logs / "xianyu-desktop.log").write_text("old log\n")
    (logs / "crash-20250101-000000-000000.log").write_text("old report\n")
    (home() / "config").mkdir(exist_ok=True)
    writer = sqlite3.connect(data / "store.sqlite3")  # held open: its -wal and -shm stay on disk
    try:
        writer.execute("UPDATE watch_items SET note = 'x'")
        writer.commit()
        for path in home().rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        before = modes_not_private(home())
        assert len(before) >= 12 and any("backups" in line for line in before)
        assert any("store.sqlite3-wal" in line for line in before)

        result = run("watch", "list")
        assert result.returncode == 0 and ID in result.stdout.decode()
        assert modes_not_private(home()) == []
    finally:
        writer.close()

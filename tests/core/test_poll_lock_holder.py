"""The store's poll lock and a holder that died: on this computer a killed poller does not hold the lock
until it expires (the next round would be skipped for two minutes); a live one does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from xianyu_desktop.core.storage.locks import POLL_LOCK, StoreLock
from xianyu_desktop.core.storage.store import Store

TAKE_AND_DIE = """
import os, sys
from pathlib import Path
from xianyu_desktop.core.storage.locks import StoreLock
from xianyu_desktop.core.storage.store import Store
store = Store(Path(sys.argv[1])).open()
assert StoreLock(store, "poll").acquire() is None
os._exit(9)  # killed mid-round: nothing released, nothing closed
"""


@pytest.mark.skipif(os.name != "posix", reason="a process's liveness is checked on POSIX only")
def test_a_lock_left_by_a_dead_process_is_taken_at_once(tmp_path):
    Store(tmp_path).open().close(backup=False)
    died = subprocess.run([sys.executable, "-c", TAKE_AND_DIE, str(tmp_path)], capture_output=True, check=False)
    assert died.returncode == 9, died.stderr.decode()
    store = Store(tmp_path).open()
    try:
        lock = StoreLock(store, POLL_LOCK)
        row = store.db.connection().execute("SELECT pid FROM store_locks WHERE name = 'poll'").fetchone()
        assert row is not None and row[0] != os.getpid()  # the dead process's row is still there
        assert lock.holder() is None and lock.acquire() is None
        other = StoreLock(store, POLL_LOCK)  # a live holder (this process) is respected
        holder = other.acquire()
        assert holder is not None and holder.pid == os.getpid()
        lock.release()
        assert other.acquire() is None
    finally:
        store.close(backup=False)

"""The watchlist's export in a child process (core/export/process.py), on real store and cache files: the
same workbook as the export in the caller's thread, progress, cancel (asked for, or the parent gone),
plain-word errors, a child that dies or cannot start."""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xianyu_desktop.core.background.child import ChildUnavailable
from xianyu_desktop.core.export.process import (
    ExportJob,
    export_in_child,
    serve,
)
from xianyu_desktop.core.export.sources import watchlist_rows
from xianyu_desktop.core.export.writer import ExportCancelled, ExportError, ExportMeta, columns_for, write_export
from xianyu_desktop.core.items.item import normalize_item
from xianyu_desktop.core.market.vocabulary import load_vocabulary
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.sandbox.catalogue import Catalogue

META = ExportMeta("关注列表", "http://127.0.0.1:1/router/rest", "企业基础", "0.1.0")
ITEMS = 1200  # past the writer's 500-row progress step and the sources' 500-row cancel check


@pytest.fixture
def profile(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A store with ITEMS watched items (two history rows each) and a cache with their answers; closed,
    as the window's files are to the child (another process)."""
    data, cache_dir = tmp_path / "data", tmp_path / "cache"
    store, cache = Store(data).open(), ItemCache(cache_dir).open()
    catalogue = Catalogue(0, start=1_795_000_000.0, clock=lambda: 1_795_000_000.0)
    ids: list[str] = []
    n = 100_000_000_000
    while len(ids) < ITEMS:
        n += 7919
        raw = catalogue.item(str(n), "http://127.0.0.1:1")
        if raw is None:
            continue
        ids.append(str(n))
        cache.put(str(n), raw, None)
    Watchlist(store).add(ids, now=1_795_000_000.0)
    with store.db.write() as conn:
        for item_id in ids:
            price = normalize_item(catalogue.item(item_id, "http://127.0.0.1:1") or {}, item_id).price
            conn.executemany(
                "INSERT INTO item_history (item_id, observed_at, price, status) VALUES (?, ?, ?, 'onsale')",
                [(item_id, 1_795_000_000.0 + k * 600, str((price or Decimal(1)) + k)) for k in range(2)],
            )
    store.close(backup=False)
    cache.close()
    return data, cache_dir, ids


def job(profile: tuple[Path, Path, list[str]], target: Path) -> ExportJob:
    data, cache_dir, _ = profile
    vocabulary = load_vocabulary()
    return ExportJob(data, cache_dir, target, tuple(c.key for c in columns_for(None)), META, vocabulary)


def values(path: Path, sheet: str) -> list[list[object]]:
    return [[c.value for c in row] for row in load_workbook(path)[sheet].iter_rows()]


def test_the_child_writes_the_workbook_the_thread_writes(profile, tmp_path):
    target = tmp_path / "关注.xlsx"
    seen: list[tuple[int, int]] = []
    outcome = export_in_child(job(profile, target), progress=lambda done, total: seen.append((done, total)))
    assert (outcome.path, outcome.rows, outcome.history) == (target, ITEMS, 2 * ITEMS)
    assert seen[-1] == (3 * ITEMS, 3 * ITEMS) and len(seen) > 2

    data, cache_dir, ids = profile
    store, cache = Store(data).open(), ItemCache(cache_dir).open()
    try:
        rows, history = watchlist_rows(Watchlist(store), cache, load_vocabulary())
    finally:
        store.close(backup=False)
        cache.close()
    here = write_export(tmp_path / "here.xlsx", rows, columns_for(None), history, META)
    for sheet in ("商品", "价格历史"):
        assert values(target, sheet) == values(here, sheet)
    assert values(target, "说明")[1:] == values(here, "说明")[1:]  # all but the export's time
    items = values(target, "商品")
    assert sorted(r[0] for r in items[1:]) == sorted(ids) and all(r[1] for r in items[1:])
    assert isinstance(items[1][2], float | int)  # prices are numbers, as in the thread's file
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_a_cancel_stops_the_child_and_leaves_no_file(profile, tmp_path):
    target = tmp_path / "关注.xlsx"
    cancel = threading.Event()
    with pytest.raises(ExportCancelled):
        export_in_child(job(profile, target), progress=lambda done, total: cancel.set(), cancel=cancel)
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".part"]

    cancel = threading.Event()
    cancel.set()  # before the child has even read the store
    with pytest.raises(ExportCancelled):
        export_in_child(job(profile, target), cancel=cancel)
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_the_end_of_the_childs_input_is_a_cancel(profile, tmp_path):
    """The window closed or crashed: the child's stdin ends, it stops and removes what it began."""
    target = tmp_path / "关注.xlsx"
    out = io.BytesIO()
    assert serve(io.BytesIO(pickle.dumps(job(profile, target))), out) == 0
    said = [json.loads(line) for line in out.getvalue().splitlines()]
    assert said[0] == {"ready": True} and said[-1] == {"cancelled": True}
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_errors_in_the_child_come_back_in_plain_words(profile, tmp_path):
    with pytest.raises(ExportError, match="保存位置不存在"):
        export_in_child(job(profile, tmp_path / "missing-folder" / "x.xlsx"))
    cache_dir = profile[1]
    gone = ExportJob(tmp_path / "no-such-profile", cache_dir, tmp_path / "x.xlsx", ("item_id",), META)
    with pytest.raises(ExportError, match="找不到数据文件"):
        export_in_child(gone)
    assert not (tmp_path / "no-such-profile").exists()  # the child never creates a store


def test_a_bug_in_the_child_is_a_plain_error_and_its_traceback_goes_to_the_log(profile, tmp_path, caplog):
    """The real child with one fault put in: the writer raises as a bug would."""
    faulty = [
        sys.executable,
        "-c",
        "import sys\n"
        "from xianyu_desktop.core.export import process\n"
        "def boom(*args, **kwargs): raise KeyError('a bug')\n"
        "process.write_export = boom\n"
        "sys.exit(process.serve(sys.stdin.buffer, sys.stdout.buffer))\n",
    ]
    with caplog.at_level(logging.ERROR), pytest.raises(ExportError, match="导出进程出了意外的错误"):
        export_in_child(job(profile, tmp_path / "x.xlsx"), command=faulty)
    assert "KeyError: 'a bug'" in caplog.text
    assert not (tmp_path / "x.xlsx").exists()


def test_a_child_that_dies_mid_file_leaves_no_file(tmp_path):
    """It said where its temporary file is, then ended without an answer: the parent removes the file."""
    partial = tmp_path / ".x.1234.part"
    dying = [
        sys.executable,
        "-c",
        "import json, pathlib, sys\n"
        "sys.stdin.buffer.read(1)\n"
        f"pathlib.Path({str(partial)!r}).write_bytes(b'PK half a file')\n"
        "for message in ({'ready': True}, {'partial': " + repr(str(partial)) + "}, {'progress': [1, 9]}):\n"
        "    print(json.dumps(message), flush=True)\n"
        "sys.exit(3)\n",
    ]
    dummy = ExportJob(tmp_path, tmp_path, tmp_path / "x.xlsx", ("item_id",), META)
    with pytest.raises(ExportError, match="导出进程意外结束（退出码 3）"):
        export_in_child(dummy, command=dying)
    assert not partial.exists()


def test_a_child_that_cannot_start_or_says_nothing_leaves_the_export_to_the_caller(tmp_path):
    dummy = ExportJob(tmp_path, tmp_path, tmp_path / "x.xlsx", ("item_id",), META)
    with pytest.raises(ChildUnavailable):
        export_in_child(dummy, command=[str(tmp_path / "no-such-program")])
    with pytest.raises(ChildUnavailable):
        export_in_child(dummy, command=[sys.executable, "-c", "raise SystemExit(1)"])


@pytest.mark.skipif(os.name != "posix", reason="sessions and nice are POSIX's; Windows gets the below-normal class")
def test_the_child_runs_below_the_window_in_a_session_of_its_own(tmp_path):
    """What the child sees once it has its job (the parent lowers it before sending the job)."""
    reporting = [
        sys.executable,
        "-c",
        "import json, os, pickle, sys\n"
        "pickle.load(sys.stdin.buffer)\n"
        "policy = os.sched_getscheduler(0) == os.SCHED_IDLE if hasattr(os, 'SCHED_IDLE') else None\n"
        "seen = [policy, os.getpriority(os.PRIO_PROCESS, 0), os.getsid(0) == os.getpid()]\n"
        "print(json.dumps({'ready': True}), flush=True)\n"
        "print(json.dumps({'error': [json.dumps(seen), '']}), flush=True)\n",
    ]
    dummy = ExportJob(tmp_path, tmp_path, tmp_path / "x.xlsx", ("item_id",), META)
    with pytest.raises(ExportError) as raised:
        export_in_child(dummy, command=reporting)
    idle, nice, own_session = json.loads(str(raised.value))
    assert own_session and nice >= min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10)
    assert idle is (True if hasattr(os, "SCHED_IDLE") else None)

"""Resident memory of the real main window opened on a profile with 10,000 watched items, 30 price
points each (300,000 history rows) and their cached answers, beside a bare QMainWindow's, each in a fresh
process: VmRSS (resident now) and VmHWM (the peak) from /proc/self/status once the 关注 tab shows all
10,000 rows and the first item's chart. The store is filled directly (SQLite, as bench_export.py does).
Target: the window under 300 MB resident. BENCH_TRACEMALLOC=1 adds the top Python allocations.

Run: .venv/bin/python bench/bench_memory.py
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = 10_000
POINTS = 30  # price points per item
TARGET_MB = 300


def status_mb() -> dict[str, float]:
    """VmRSS and VmHWM of this process, in MB (Linux)."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def fill_profile() -> None:
    """10,000 watched items with their last check, POINTS history rows each, and their cached answers."""
    from bench.bench_export import build_rows
    from xianyu_desktop.core.profile import Profile
    from xianyu_desktop.paths import app_paths

    rows, _ = build_rows()
    profile = Profile.open(app_paths())
    try:
        with profile.store.db.write() as conn:
            conn.executemany(
                "INSERT INTO watch_items (item_id, added_at, title, last_status, last_price, first_price,"
                " lowest_price, last_checked) VALUES (?, ?, ?, 'onsale', ?, ?, ?, ?)",
                [(r.item_id, 0.0, r.watch.title, str(r.watch.last_price), str(r.watch.first_price),
                  str(r.watch.lowest_price), r.fetched_at) for r in rows],
            )  # fmt: skip
            conn.executemany(
                "INSERT INTO item_history (item_id, observed_at, price, status) VALUES (?, ?, ?, 'onsale')",
                [
                    (r.item_id, r.fetched_at - 3600 * k, str(r.watch.last_price + k))
                    for r in rows
                    for k in range(POINTS)
                ],
            )
        with profile.cache.db.write() as conn:
            conn.executemany(
                "INSERT INTO items (item_id, fetched_at, status, fields, raw) VALUES (?, ?, 'onsale', NULL, ?)",
                [(r.item_id, r.fetched_at, json.dumps(r.item.to_json_dict(), ensure_ascii=False)) for r in rows],
            )
    finally:
        profile.close(backup=False)


def run_bare() -> dict[str, Any]:
    from PySide6.QtWidgets import QMainWindow

    from bench.heartbeat import run_events_for
    from xianyu_desktop.app import ensure_application

    ensure_application()
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    run_events_for(1000)
    result: dict[str, Any] = status_mb()
    window.close()
    return result


def run_fill() -> dict[str, Any]:
    started = time.perf_counter()
    fill_profile()
    return {"seconds": time.perf_counter() - started}


def run_window() -> dict[str, Any]:
    tracing = bool(os.environ.get("BENCH_TRACEMALLOC"))
    if tracing:
        import tracemalloc

        tracemalloc.start(5)
    from bench.heartbeat import Heartbeat, run_events_for
    from xianyu_desktop.app import create_main_window, wait_until_ready

    started = time.perf_counter()
    window = wait_until_ready(create_main_window([]))
    tab = window.watch_tab
    window.tabs.setCurrentWidget(tab)
    loading = Heartbeat(label="watch-load")  # the GUI thread while the 10,000 rows are read, made and shown
    loading.start()
    deadline = time.monotonic() + 120
    while tab.model.rowCount() < ITEMS and time.monotonic() < deadline:
        run_events_for(50)
    loading.stop()
    shown = tab.model.rowCount()
    tab.table.selectRow(0)
    run_events_for(2000)
    result: dict[str, Any] = {**status_mb(), "rows": shown, "seconds": time.perf_counter() - started}
    result.update(load_gap_ms=loading.longest_ms, load_p99_ms=loading.percentile_ms(0.99))
    if tracing:
        snapshot = tracemalloc.take_snapshot()
        result["top"] = [str(stat) for stat in snapshot.statistics("lineno")[:12]]
    window.close()
    return result


def main() -> None:
    if len(sys.argv) == 2:  # a child run, in a fresh process, on the profile the parent named
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        for key in ("XIANYU_GATEWAY", "XIANYU_APP_KEY", "XIANYU_TIER", "XIANYU_APP_SECRET"):
            os.environ.pop(key, None)  # no credentials: nothing polls while we measure
        print(json.dumps({"bare": run_bare, "fill": run_fill, "window": run_window}[sys.argv[1]]()))
        return
    results = {}
    with tempfile.TemporaryDirectory(prefix="xianyu-bench-") as home:
        env = {**os.environ, "XIANYU_DESKTOP_HOME": home}
        for mode in ("bare", "fill", "window"):  # the profile is filled by a process of its own
            out = subprocess.run([sys.executable, __file__, mode], capture_output=True, text=True, env=env, check=False)
            if out.returncode != 0 or not out.stdout.strip():
                raise SystemExit(f"the {mode} run failed (exit status {out.returncode}):\n{out.stderr[-3000:]}")
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    bare, window = results["bare"], results["window"]
    print(f"# Resident memory: the window with {ITEMS:,} watched items and {ITEMS * POINTS:,} history rows")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| process | resident (VmRSS) | peak resident (VmHWM) |")
    print("|---|---|---|")
    print(f"| bare QMainWindow (baseline) | {bare['VmRSS']:.0f} MB | {bare['VmHWM']:.0f} MB |")
    label = f"the window, {window['rows']:,} rows in 关注 + a chart"
    print(f"| {label} | {window['VmRSS']:.0f} MB | {window['VmHWM']:.0f} MB |")
    print()
    print(f"above the bare window: {window['VmRSS'] - bare['VmRSS']:.0f} MB resident; the window opened and showed "
          f"the rows in {window['seconds']:.1f} s")  # fmt: skip
    print(f"target (resident under {TARGET_MB} MB): {'PASS' if window['VmRSS'] < TARGET_MB else 'FAIL'}")
    print(f"the window's longest heartbeat gap (10 ms timer) while the rows arrived: {window['load_gap_ms']:.1f} ms "
          f"(99th percentile {window['load_p99_ms']:.1f} ms)")  # fmt: skip
    if window.get("top"):
        print("\nTop Python allocations (tracemalloc):\n" + "\n".join(f"- {line}" for line in window["top"]))


if __name__ == "__main__":
    main()

"""Exporting 10,000 watched items with 50,000 price-history rows: time and peak memory of our writer
(openpyxl write-only, typed cells) side by side with pandas.DataFrame.to_excel on the same rows (the
seed's way), each in a fresh process; then the GUI heartbeat while the real window exports them, beside
the same window sitting idle in the same run. Target for the heartbeat: the exporting window's longest gap
within 8 ms of the idle one and under 25 ms (medians of 3 window runs, each in a fresh process).

Run: .venv/bin/python bench/bench_export.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = 10_000
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
HISTORY = 50_000


def build_rows():  # type: ignore[no-untyped-def]
    from xianyu_desktop.core.export.writer import ExportRow, HistoryRow
    from xianyu_desktop.core.items.item import normalize_item
    from xianyu_desktop.core.watch.rules import HistoryPoint, WatchState
    from xianyu_desktop.sandbox.catalogue import Catalogue

    catalogue = Catalogue(0, start=1_795_000_000.0, clock=lambda: 1_795_000_000.0)
    rows, history = [], []
    base = 1_795_000_000.0
    n = 100_000_000_000
    while len(rows) < ITEMS:
        n += 7919
        raw = catalogue.item(str(n), "http://127.0.0.1:1")
        if raw is None:
            continue
        item = normalize_item(raw, str(n))
        price = item.price or Decimal(100)
        watch = WatchState(
            str(n), base, note="对手", target_price=price * Decimal("0.8"), last_price=price,
            previous_price=price * Decimal("1.1"), first_price=price * Decimal("1.2"), lowest_price=price,
            last_checked=base + 3600, title=item.title,
        )  # fmt: skip
        rows.append(ExportRow(str(n), item, base + 3600, watch))
        for k in range(HISTORY // ITEMS):
            history.append(HistoryRow(str(n), item.title, HistoryPoint(base + 600 * k, price + k, "onsale")))
    return rows, history


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(target: Path) -> dict[str, float]:
    from xianyu_desktop.core.export.writer import ExportMeta, columns_for, write_export

    rows, history = build_rows()
    before = peak_mb()
    started = time.perf_counter()
    write_export(target, rows, columns_for(None), history, ExportMeta("关注列表", "bench", "企业高级", "bench"))
    return {"seconds": time.perf_counter() - started, "extra_peak_mb": peak_mb() - before}


def run_pandas(target: Path) -> dict[str, float]:
    import pandas as pd

    from xianyu_desktop.core.export.writer import COLUMNS, value_of

    rows, history = build_rows()
    before = peak_mb()
    started = time.perf_counter()
    items = pd.DataFrame([{c.header: value_of(r, c.key) for c in COLUMNS} for r in rows])
    prices = pd.DataFrame(
        [{"商品ID": h.item_id, "商品标题": h.title, "时间": dt.datetime.fromtimestamp(h.point.at),
          "价格": h.point.price, "状态": h.point.status} for h in history]
    )  # fmt: skip
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        items.to_excel(writer, sheet_name="商品", index=False)
        prices.to_excel(writer, sheet_name="价格历史", index=False)
    return {"seconds": time.perf_counter() - started, "extra_peak_mb": peak_mb() - before}


def run_gui(folder: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XIANYU_DESKTOP_HOME"] = str(folder / "home")
    from bench.heartbeat import Heartbeat, phase, run_events_for
    from xianyu_desktop.app import create_main_window, wait_until_ready

    rows, history = build_rows()
    window = wait_until_ready(create_main_window(["--demo"]))
    services = window.session
    with services.profile.store.db.write() as conn:
        conn.executemany(
            "INSERT INTO watch_items (item_id, added_at, title, last_status, last_price, last_checked)"
            " VALUES (?, ?, ?, 'onsale', ?, ?)",
            [(r.item_id, 0.0, r.watch.title, str(r.watch.last_price), r.fetched_at) for r in rows],
        )
        conn.executemany(
            "INSERT INTO item_history (item_id, observed_at, price, status) VALUES (?, ?, ?, ?)",
            [(h.item_id, h.point.at, str(h.point.price), h.point.status) for h in history],
        )
    with services.profile.cache.db.write() as conn:
        conn.executemany(
            "INSERT INTO items (item_id, fetched_at, status, fields, raw) VALUES (?, ?, 'onsale', NULL, ?)",
            [(r.item_id, r.fetched_at, json.dumps(r.item.to_json_dict(), ensure_ascii=False)) for r in rows],
        )
    tab = window.export_tab
    window.tabs.setCurrentWidget(tab)
    tab.path.setText(str(folder / "gui.xlsx"))
    run_events_for(500)
    idle = Heartbeat(label="export-idle")
    idle.start()
    run_events_for(3000)
    idle.stop()
    beat = Heartbeat(label="export-busy")
    beat.start()
    started = time.perf_counter()
    tab.start_export()
    while tab.task is None or tab.task.running:
        run_events_for(20)
    seconds = time.perf_counter() - started
    beat.stop()
    ok = "已导出 10000 个商品" in tab.result.text()
    window.close()
    return {"seconds": seconds, "ok": ok, "idle": phase(idle), "busy": phase(beat)}


def main() -> None:
    if len(sys.argv) == 3:  # a child run
        mode, target = sys.argv[1], Path(sys.argv[2])
        runner = {"ours": run_ours, "pandas": run_pandas, "gui": lambda t: run_gui(t.parent)}[mode]
        print(json.dumps(runner(target)))
        return
    with tempfile.TemporaryDirectory() as folder:
        results: dict[str, Any] = {}
        for mode in ("ours", "pandas", *(f"gui{n}" for n in range(RUNS))):
            target = Path(folder) / f"{mode}.xlsx"
            out = subprocess.run(
                [sys.executable, __file__, mode.rstrip("0123456789"), str(target)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
            if not mode.startswith("gui"):
                results[mode]["file_mb"] = target.stat().st_size / 1e6
    from bench.heartbeat import verdict_lines

    ours, pandas_ = results["ours"], results["pandas"]
    guis = [results[f"gui{n}"] for n in range(RUNS)]
    print(f"# Export: {ITEMS:,} items + {HISTORY:,} price-history rows to .xlsx (each in a fresh process)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| writer | time | extra peak memory | file |")
    print("|---|---|---|---|")
    print(f"| ours (openpyxl write-only, typed) | {ours['seconds']:.1f} s | {ours['extra_peak_mb']:.0f} MB "
          f"| {ours['file_mb']:.1f} MB |")  # fmt: skip
    print(f"| pandas DataFrame.to_excel | {pandas_['seconds']:.1f} s | {pandas_['extra_peak_mb']:.0f} MB "
          f"| {pandas_['file_mb']:.1f} MB |")  # fmt: skip
    print()
    print(f"time: {pandas_['seconds'] / ours['seconds']:.2f}x faster; memory: "
          f"{pandas_['extra_peak_mb'] / max(ours['extra_peak_mb'], 1):.1f}x less than pandas")  # fmt: skip
    print()
    times = ", ".join(f"{g['seconds']:.1f} s" for g in guis)
    print(f"GUI export of the same watchlist: {times}; completed: {all(g['ok'] for g in guis)}")
    print()
    print("\n".join(verdict_lines(guis, f"exporting {ITEMS:,} items")))


if __name__ == "__main__":
    main()

"""GUI responsiveness: the longest gap of a 10 ms GUI-thread heartbeat while the real main window looks
up 50 items against the sandbox at 100 ms latency (advanced tier), and then shows the first item's
detail (pictures, description). Target: under 50 ms. Baseline: the same window sitting idle.

Run: .venv/bin/python bench/bench_gui_heartbeat.py
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XIANYU_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="xianyu-bench-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.heartbeat import Heartbeat, run_events_for  # noqa: E402
from xianyu_desktop.app import create_main_window, wait_until_ready  # noqa: E402
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway, SandboxOptions  # noqa: E402

ITEMS = 50
LATENCY_MS = 100


def main() -> None:
    with SandboxGateway(SandboxOptions(latency_ms=LATENCY_MS)) as gateway:
        os.environ.update(
            XIANYU_GATEWAY=gateway.url,
            XIANYU_APP_KEY="sandbox-advanced",
            XIANYU_TIER="advanced",
            XIANYU_APP_SECRET=SANDBOX_SECRET,
        )
        window = wait_until_ready(create_main_window([]))
        tab = window.lookup_tab
        run_events_for(500)
        idle = Heartbeat()
        idle.start()
        run_events_for(3000)
        idle.stop()

        busy = Heartbeat()
        busy.start()
        tab.input.setPlainText("\n".join(gateway.state.catalogue.demo_ids(ITEMS)))
        run_events_for(400)
        tab.start_lookup(force=False)
        while tab.fetch_task is None or tab.fetch_task.running:
            run_events_for(50)
        tab.table.selectRow(0)
        run_events_for(1000)
        busy.stop()
        rows = tab.model.rowCount()
        window.close()

    print(f"# GUI heartbeat: {ITEMS}-item lookup, sandbox latency {LATENCY_MS} ms, 10 ms timer")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| window | ticks | longest gap | 99th percentile gap |")
    print("|---|---|---|---|")
    print(idle.table_row("idle (baseline)"))
    print(busy.table_row(f"looking up {rows} items + detail"))
    print()
    print(f"target (longest gap under 50 ms): {'PASS' if busy.longest_ms < 50 else 'FAIL'}")


if __name__ == "__main__":
    main()

"""Start-up: from a fresh process to the demo window shown, side by side with a bare PySide6
QMainWindow shown the same way. Target: at most 1.5x the bare window. Median of 5 runs each.

Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

BARE = """
import time, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

OURS = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from xianyu_desktop.app import create_main_window
window = create_main_window(["--demo"])
from PySide6.QtWidgets import QApplication
app = QApplication.instance()
QTimer.singleShot(0, lambda: (print("shown", flush=True), window.close()))
app.exec()
"""


def time_process(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as proc:  # fmt: skip
        assert proc.stdout is not None
        line = proc.stdout.readline()
        shown = time.perf_counter() - started
        proc.wait(timeout=60)
    if "shown" not in line:
        raise RuntimeError("the window was not shown")
    return shown


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bare, ours = [], []
    for _ in range(RUNS):
        bare.append(time_process(BARE, env))
        with tempfile.TemporaryDirectory() as home:
            ours.append(time_process(OURS.format(root=str(ROOT)), {**env, "XIANYU_DESKTOP_HOME": home}))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"# Start-up to a shown window (offscreen, median of {RUNS} fresh processes, first run on an empty profile)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| program | time to window shown |")
    print("|---|---|")
    print(f"| bare PySide6 QMainWindow (baseline) | {b * 1000:.0f} ms |")
    print(f"| Xianyu Desk demo window (profile, embedded sandbox, three tabs) | {o * 1000:.0f} ms |")
    print()
    print(f"ratio: {o / b:.2f}x the bare window; target (at most 1.5x): {'PASS' if o / b <= 1.5 else 'FAIL'}")


if __name__ == "__main__":
    main()

"""The window paints on its own thread: Qt's raster engine would otherwise split large fills across a
thread pool and wait for it, which on a busy machine made painting 2-4 times slower (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys

PAINT_AND_LIST_THREADS = """
import os
from xianyu_desktop.app import ensure_application
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
app = ensure_application()
table = QTableWidget(200, 7)
for row in range(200):
    for column in range(7):
        table.setItem(row, column, QTableWidgetItem(f"标题 {row} {column}"))
table.resize(1200, 900)
table.show()
app.processEvents()
for _ in range(5):
    table.repaint()
print(sorted({open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")}))
"""


def test_painting_a_large_table_starts_no_helper_threads():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_NO_GUI_THREADPOOL", None)
    out = subprocess.run([sys.executable, "-c", PAINT_AND_LIST_THREADS], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    threads = out.stdout.strip()
    assert threads.startswith("[") and "Thread (pooled)" not in threads, threads

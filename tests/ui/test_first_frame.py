"""What the window's first frame waits for: `xianyu-desktop --demo` in a fresh process, the modules
loaded when its first frame is painted. The heavy parts (HTTP, Excel, Apprise, QtCharts, the store, the
Qt namespace that ui.plain imports, the tray) load after it, on the loader's thread or when the tabs are built
(bench/bench_startup.py times the difference)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from xianyu_desktop.ui.main_window import MainWindow

class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__()
        window.installEventFilter(self)
        self.window = window
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(json.dumps(sorted(sys.modules)), flush=True)  # before the loader starts
            QTimer.singleShot(0, self.window.close)
        return False

def probed(window):
    window._probe = FirstPaint(window)

MainWindow.start_loading = probed
from xianyu_desktop.cli import main
sys.exit(main(["--demo"]))
"""

HEAVY = (
    "apprise", "httpx", "openpyxl", "sqlite3", "keyring", "PySide6.QtCharts", "xianyu_desktop.ui.plain",
    "xianyu_desktop.ui.tray",
)  # fmt: skip


def test_the_first_frame_is_painted_before_the_heavy_modules_load(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "XIANYU_DESKTOP_HOME" and not k.startswith("XDG_")}
    env.update(HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = set(json.loads(result.stdout.splitlines()[0]))
    assert "xianyu_desktop.ui.main_window" in loaded
    assert [name for name in HEAVY if name in loaded] == []

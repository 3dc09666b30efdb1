"""What the window's first frame waits for: `xianyu-desktop --demo` in a fresh process, the modules
loaded when its first frame is painted. The heavy parts (HTTP, Excel, Apprise, QtCharts, the store, the
Qt namespace that ui.plain imports, the tray) load after it, on the loader's thread or when the tabs are built
(bench/bench_startup.py times the difference)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import weakref
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
    "xianyu_desktop.ui.tray", "ctypes",  # ctypes: only Windows and macOS lower a thread's priority through it
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


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_the_first_frame_left_uncollected_is_freed_once_the_window_is_ready(open_window, qtbot):
    # The command line turns the collector off until the first frame (cli._run); the first frame then freezes
    # what was allocated meanwhile instead of walking it all in one go, and ready frees its garbage.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        garbage = _Cycle()
        freed = weakref.ref(garbage)
        del garbage
        window = open_window("--demo")
        assert gc.isenabled()
        qtbot.waitUntil(lambda: freed() is None, timeout=5_000)  # app.py's turn after ready
        assert gc.get_freeze_count() > 0  # what lives on is out of the collector's way
        assert window.is_ready
    finally:
        gc.enable() if was_enabled else gc.disable()

"""A bug in a slot or a worker: a report (scrubbed) in the log folder, a dialog, and the app lives on."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from xianyu_desktop.crash import CrashHandler

SIGN = "a518e395849ebe26f830ffd6926b72899cf317f07e76663f88fc887cd59baed9"


def test_a_bug_is_reported_scrubbed_and_shown(qtbot, demo_window, monkeypatch):
    log_dir = Path(os.environ["XIANYU_DESKTOP_HOME"]) / "logs"
    handler = CrashHandler(log_dir, secrets=("hunter2-secret",))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handler.install()
    try:
        raise ValueError(f"boom with sign={SIGN} and hunter2-secret")
    except ValueError:
        handler.handle(*sys.exc_info())
    (report,) = handler.reports
    text = report.read_text(encoding="utf-8")
    assert "ValueError" in text and "test_a_bug_is_reported_scrubbed_and_shown" in text
    assert SIGN not in text and "hunter2-secret" not in text
    dialog = handler.dialog
    assert isinstance(dialog, QMessageBox) and dialog.isVisible()
    assert str(report) in dialog.informativeText() and "继续运行" in dialog.informativeText()
    dialog.close()

    def worker() -> None:
        raise RuntimeError("worker bug")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(
        lambda: len(handler.reports) == 2 and "worker bug" in handler.dialog.informativeText(), timeout=5000
    )
    assert demo_window.isVisible()  # the app keeps running


def test_doctor_menu_item_shows_the_checks(qtbot, demo_window):
    demo_window.doctor_action.trigger()
    qtbot.waitUntil(lambda: getattr(demo_window, "doctor_dialog", None) is not None, timeout=10_000)
    text = demo_window.doctor_dialog.text()
    assert "✓ 版本" in text and "✓ 网关" in text and "接受了签名" in text and "时钟" in text

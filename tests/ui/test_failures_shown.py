"""No background call ends in silence: a failure the seller can act on is shown in plain words in the
window (status bar and the message bar, neither blocking it), a bug goes to the crash handler."""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.core.storage.db import StoreError, StoreProblem


def crash_reports() -> list[Path]:
    return sorted(Path(os.environ["XIANYU_DESKTOP_HOME"]).rglob("crash-*.log"))


def make_read_only(monkeypatch, db) -> None:
    """The store refuses every write from now on, as a read-only or full disk would (SQLITE_READONLY):
    each thread's open connection, and any opened later."""
    for conn in list(db._connections):
        conn.execute("PRAGMA query_only = ON")
    connect = db._connect

    def read_only_connect():
        conn = connect()
        conn.execute("PRAGMA query_only = ON")
        return conn

    monkeypatch.setattr(db, "_connect", read_only_connect)


def test_a_store_gone_read_only_is_explained_and_nothing_stored_is_lost(qtbot, demo_window, monkeypatch):
    window = demo_window
    session = window.session
    ids = session.demo_gateway.state.catalogue.demo_ids(5)
    session.watchlist.add(ids[:2])
    lookup_and_wait(qtbot, window, "\n".join(ids))
    make_read_only(monkeypatch, session.profile.store.db)

    tab = window.lookup_tab
    tab.table.selectAll()
    qtbot.mouseClick(tab.watch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.message_bar is not None and window.message_bar.isVisible(), timeout=5000)
    shown = window.message_bar.text()
    assert "无法写入数据文件" in shown and "只读" in shown  # the store's own words for SQLITE_READONLY
    assert shown in window.statusBar().currentMessage()
    words = shown.replace(str(session.profile.store.path), "")  # the file's own name ends in .sqlite3
    assert "readonly" not in words and "Traceback" not in words and "sqlite" not in words.lower()
    assert crash_reports() == []  # the machine's fault, not a bug

    # The app keeps running: the next lookup (cache and gateway, no store write needed) still works.
    assert window.isVisible() and not window.message_bar.isWindow()
    qtbot.mouseClick(window.message_bar.close_button, Qt.MouseButton.LeftButton)
    assert window.message_bar.isHidden()
    with sqlite3.connect(session.profile.store.path) as conn:  # what was stored before is all there
        stored = sorted(row[0] for row in conn.execute("SELECT item_id FROM watch_items"))
    assert stored == sorted(ids[:2])


@pytest.mark.parametrize("failure", ["user", "bug"])
def test_a_doctor_check_that_raises_ends_with_its_failure_shown(failure, qtbot, demo_window, monkeypatch):
    from xianyu_desktop.core import doctor

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the window installed the crash handler
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def broken(*args, **kwargs):
        if failure == "user":
            raise StoreError(StoreProblem.ENVIRONMENT, "数据文件正被另一个程序占用，请稍后重试。")
        raise RuntimeError("a check with a bug")

    monkeypatch.setattr(doctor, "local_checks", broken)
    demo_window.doctor_action.trigger()
    label = demo_window.activity_label
    qtbot.waitUntil(lambda: label.text().startswith("自检没有完成"), timeout=10_000)
    assert demo_window.doctor_dialog is None
    if failure == "user":
        assert "正被另一个程序占用" in label.text()
        assert "正被另一个程序占用" in demo_window.message_bar.text()
        assert crash_reports() == []
    else:
        assert "错误报告" in label.text()
        qtbot.waitUntil(lambda: len(crash_reports()) == 1, timeout=5000)
        assert "a check with a bug" in crash_reports()[0].read_text(encoding="utf-8")

"""The settings' 通知 page in the real window: the tray and start-at-login switches (the start-at-login
entry written and removed for real in a temporary XDG_CONFIG_HOME)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from xianyu_desktop.ui.tray import KEEP_KEY

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG autostart entry is Linux's")


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "autostart" / "xianyu-desktop.desktop"


def save(qtbot, window, dialog) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.is_ready, timeout=5000)


def open_page(qtbot, window):
    dialog = window.open_settings()
    page = dialog.notify_page
    assert page is not None and dialog.pages.tabText(1) == "通知"
    qtbot.waitUntil(lambda: page.autostart.isEnabled(), timeout=5000)  # read off the GUI thread
    return dialog, page


def test_without_a_tray_the_switch_says_why_and_start_at_login_is_written_and_removed(qtbot, demo_window, xdg):
    dialog, page = open_page(qtbot, demo_window)
    assert not page.keep_in_tray.isEnabled() and not page.keep_in_tray.isChecked()
    assert "没有系统托盘" in page.tray_note.text() and "watch schedule install" in page.tray_note.text()
    assert not page.autostart.isChecked() and str(xdg) in page.autostart_note.text()
    page.autostart.setChecked(True)
    save(qtbot, demo_window, dialog)
    entry = xdg.read_text(encoding="utf-8")
    assert "--minimized" in entry and "--home" in entry  # the tests' profile is a portable one
    assert demo_window.state.value(KEEP_KEY) is None  # nothing to decide without a tray

    dialog, page = open_page(qtbot, demo_window)
    assert page.autostart.isChecked()
    page.autostart.setChecked(False)
    save(qtbot, demo_window, dialog)
    assert not xdg.exists()


def test_an_autostart_folder_that_cannot_be_written_is_said_plainly(qtbot, demo_window, xdg):
    xdg.parent.parent.mkdir(parents=True)
    xdg.parent.write_text("a file where the folder should be", encoding="utf-8")
    dialog, page = open_page(qtbot, demo_window)
    page.autostart.setChecked(True)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "登录启动项没能保存" in dialog.error.text(), timeout=10_000)
    assert dialog.buttons.isEnabled()
    dialog.reject()


def test_with_a_tray_the_choice_is_kept(qtbot, monkeypatch, open_window, xdg):
    """The offscreen platform has no tray to show an icon in: it is said to be there, ``show`` does nothing."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    try:
        window = open_window("--demo", "--sandbox-latency-ms", "10")
        dialog, page = open_page(qtbot, window)
        assert page.keep_in_tray.isEnabled() and not page.keep_in_tray.isChecked()
        page.keep_in_tray.setChecked(True)
        save(qtbot, window, dialog)
        assert window.state.value(KEEP_KEY) == "yes"
        dialog, page = open_page(qtbot, window)
        assert page.keep_in_tray.isChecked()
        page.keep_in_tray.setChecked(False)
        save(qtbot, window, dialog)
        assert window.state.value(KEEP_KEY) == "no"
    finally:
        QApplication.instance().setQuitOnLastWindowClosed(True)

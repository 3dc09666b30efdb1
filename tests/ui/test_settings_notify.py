"""The settings' 通知 page in the real window: push channels added through the form, tested against a
loopback webhook receiver (Apprise's json://) and removed; the sending rules saved; the tray and
start-at-login switches (the start-at-login entry written and removed for real in a temporary
XDG_CONFIG_HOME)."""

from __future__ import annotations

import sys
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tests.notify_fixtures import MemoryKeyring, receiver
from xianyu_desktop.core.notify.policy import QuietHours
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.ui.tray import KEEP_KEY

TOKEN = "tokXIANYUsecret0042"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG autostart entry is Linux's")


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "autostart" / "xianyu-desktop.desktop"


@pytest.fixture
def memory_keyring():
    """No Secret Service on the test machine: the channel addresses go to a keyring in memory."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


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


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_channel_added_through_the_form_is_tested_and_removed(qtbot, demo_window, memory_keyring, xdg):
    with receiver() as hook:
        dialog, page = open_page(qtbot, demo_window)
        box = page.channels
        assert box is not None
        box.form_type.setCurrentIndex(box.form_type.findData("wecom"))
        click(qtbot, box.add_button)
        assert "请填写" in box.add_error.text() and "机器人 key" in box.add_error.text()  # nothing sent off
        box.form_type.setCurrentIndex(box.form_type.findData("url"))
        box.field_edits["url"].setText(hook.url(TOKEN))
        box.channel_name.setText("本机 webhook")
        click(qtbot, box.add_button)
        qtbot.waitUntil(lambda: "拒绝向 127.0.0.1 发送" in box.add_error.text(), timeout=10_000)
        assert box.table.rowCount() == 0  # a loopback address only with the seller's allowance
        box.allow_loopback.setChecked(True)
        box.field_edits["url"].setText(hook.url(TOKEN))
        click(qtbot, box.add_button)
        qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=10_000)
        assert box.table.item(0, 0).text() == "本机 webhook"
        assert TOKEN not in box.table.item(0, 1).text() and box.table.item(0, 1).text().startswith("json://")
        assert box.table.item(0, 2).text() == "全部"
        assert box.field_edits["url"].text() == ""  # the token is not left in the form
        assert list(memory_keyring.secrets.values()) == [hook.url(TOKEN)]

        box.table.selectRow(0)
        click(qtbot, box.test_button)
        qtbot.waitUntil(lambda: box.table.item(0, 3).text() == "已送达", timeout=15_000)
        assert len(hook.posts) == 1 and "测试消息" in hook.messages[0]

        box.kind_boxes["price_rise"].click()  # off: this channel no longer gets price rises
        qtbot.waitUntil(
            lambda: "涨价" not in box.table.item(0, 2).text() and box.table.item(0, 2).text() != "全部", timeout=5000
        )
        assert (
            "price_rise"
            not in demo_window.session.profile.store.db.connection()
            .execute("SELECT kinds FROM notify_channels")
            .fetchone()[0]
        )

        hook.answers = [500] * 10  # down: the test says why, in plain words, and the channel stays
        click(qtbot, box.test_all_button)
        qtbot.waitUntil(lambda: box.table.item(0, 3).text().startswith("没有送达"), timeout=30_000)
        assert TOKEN not in box.table.item(0, 3).text()

        box.table.selectRow(0)
        click(qtbot, box.remove_button)
        qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=5000)
        assert memory_keyring.secrets == {}
        dialog.reject()
    data = Path(demo_window.session.profile.paths.data_dir).parent.parent
    for path in (p for p in data.rglob("*") if p.is_file()):
        assert TOKEN.encode() not in path.read_bytes(), path


def test_quiet_hours_cap_and_cooldown_are_saved(qtbot, demo_window, xdg):
    dialog, page = open_page(qtbot, demo_window)
    assert not page.quiet_on.isChecked() and not page.quiet_start.isEnabled()
    page.quiet_on.setChecked(True)
    page.quiet_start.setTime(QTime(22, 30))
    page.quiet_end.setTime(QTime(7, 0))
    page.daily_cap.setValue(20)
    page.cooldown.setValue(45)
    save(qtbot, demo_window, dialog)
    saved = AppSettings.load(demo_window.session.profile.store).notify
    assert saved.quiet == QuietHours(22 * 60 + 30, 7 * 60) and saved.daily_cap == 20 and saved.cooldown_s == 2700
    dialog, page = open_page(qtbot, demo_window)
    assert page.quiet_on.isChecked() and page.quiet_start.time() == QTime(22, 30) and page.daily_cap.value() == 20
    page.quiet_end.setTime(QTime(22, 30))
    dialog.buttons.accepted.emit()
    assert "开始和结束不能相同" in dialog.error.text()  # refused before anything is saved
    dialog.reject()


def test_the_settings_dialog_fits_the_screen_and_its_pages_scroll(qtbot, demo_window, xdg):
    """Two pages of settings are taller than a 1280×800 screen: the dialog opens no taller than the
    screen allows, its Save and Cancel stay on it, and the pages scroll instead."""
    from PySide6.QtWidgets import QDialogButtonBox, QScrollArea, QTabWidget

    dialog = demo_window.open_settings()
    qtbot.waitUntil(dialog.isVisible)
    room = dialog.screen().availableGeometry().height()
    assert dialog.frameGeometry().height() <= room
    pages = dialog.findChild(QTabWidget, "settingsPages")
    for index in range(pages.count()):
        area = pages.widget(index)
        assert isinstance(area, QScrollArea) and area.widgetResizable()
    notify = pages.widget(1)
    assert notify.widget().sizeHint().height() > notify.viewport().height()  # taller than shown: it scrolls
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.isVisible() and buttons.geometry().bottom() <= dialog.height()
    dialog.reject()

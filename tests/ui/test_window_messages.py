"""What the window says: without credentials, advice for the window with buttons that do it (not the
command line's); the keyring explanation whole and in English; the language box; the progress bar."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.core.storage.credentials import KeyringUnavailable, usable_backend


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def close_first_run(qtbot, window) -> None:
    qtbot.waitUntil(lambda: (d := window.findChild(QDialog, "firstRunDialog")) is not None and d.isVisible())
    dialog = window.findChild(QDialog, "firstRunDialog")
    dialog.reject()


def test_a_lookup_without_credentials_says_what_to_do_in_the_window(qtbot, open_window):
    window = open_window()
    close_first_run(qtbot, window)
    tab = window.lookup_tab
    bar = tab.credentials_bar
    assert bar.isHidden()
    tab.input.setPlainText("698765432109876543")
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    assert bar.isVisible()
    assert "设置" in bar.label.text() and "演示模式" in bar.label.text()
    assert "xianyu-desktop" not in bar.label.text() + window.statusBar().currentMessage()
    assert "--app-key" not in window.statusBar().currentMessage()

    qtbot.mouseClick(bar.settings_button, Qt.MouseButton.LeftButton)
    settings = window.findChild(QDialog, "settingsDialog")
    assert settings is not None and settings.isVisible()
    settings.reject()

    qtbot.mouseClick(bar.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.is_demo, timeout=15_000)
    assert bar.isHidden()  # done what it asked
    assert "演示模式" in window.windowTitle()


def test_the_watch_check_without_credentials_shows_the_same_advice(qtbot, open_window):
    window = open_window()
    close_first_run(qtbot, window)
    tab = window.watch_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "不会被检查" in tab.plan.text(), timeout=5000)
    assert "credentials set" not in tab.plan.text()
    qtbot.mouseClick(tab.check_now, Qt.MouseButton.LeftButton)
    assert tab.credentials_bar.isVisible()
    assert "xianyu-desktop" not in window.statusBar().currentMessage()
    qtbot.mouseClick(tab.credentials_bar.settings_button, Qt.MouseButton.LeftButton)
    assert window.findChild(QDialog, "settingsDialog").isVisible()


def test_the_progress_bar_shows_no_count_before_a_lookup(qtbot, demo_window):
    progress = demo_window.lookup_tab.progress
    assert not progress.isTextVisible()  # no "0 / 1" before any lookup
    lookup_and_wait(qtbot, demo_window, "698765432109876543")
    assert progress.isTextVisible() and progress.text() == "1 / 1"


def test_the_keyring_explanation_is_shown_whole(qtbot, open_window, no_keyring):
    window = open_window()
    close_first_run(qtbot, window)
    dialog = window.open_settings()
    label = dialog.keyring_status
    qtbot.waitUntil(lambda: "普通文件" in label.text(), timeout=5000)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=5000)
    assert "dbus-run-session 中运行 gnome-keyring-daemon --unlock" in label.text()
    assert label.wordWrap()
    assert label.visibleRegion().boundingRect().height() >= label.heightForWidth(label.width())
    bottom = label.mapTo(dialog, label.rect().bottomRight())
    assert dialog.rect().contains(bottom)
    dialog.reject()


def test_the_keyring_text_and_the_language_box_in_english(qtbot, open_window, no_keyring):
    window = open_window("--lang", "en")
    close_first_run(qtbot, window)
    dialog = window.open_settings()
    label = dialog.keyring_status
    qtbot.waitUntil(lambda: "plain file" in label.text(), timeout=5000)
    assert label.text().splitlines() == [
        "No usable system keyring was found (only unsafe or unusable backends are available).",
        "On Linux, install and unlock GNOME Keyring (gnome-keyring) or KWallet; without a desktop session, "
        "run gnome-keyring-daemon --unlock inside dbus-run-session.",
        "Scripts can use the environment variable XIANYU_APP_SECRET instead.",
        "For safety, the secret is never written to a plain file.",
    ]
    combo = dialog.language
    assert [combo.itemText(i) for i in range(combo.count())] == ["简体中文 (Simplified Chinese)", "English"]
    dialog.reject()


def test_the_command_line_keeps_its_chinese_sentence(no_keyring):
    with pytest.raises(KeyringUnavailable) as caught:
        usable_backend()
    assert str(caught.value).startswith("没有找到可用的系统钥匙环（当前只有不安全或不可用的后端）。")
    assert str(caught.value).endswith("XIANYU_APP_SECRET。为安全起见，密钥不会被写入普通文件。")

"""Settings dialog round trip, connection test, first start, remembered window layout."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.core.storage.credentials import SERVICE
from xianyu_desktop.sandbox.server import SANDBOX_SECRET
from xianyu_desktop.ui.first_run import FirstRunDialog
from xianyu_desktop.ui.settings_dialog import SettingsDialog


def home() -> Path:
    return Path(os.environ["XIANYU_DESKTOP_HOME"])


def save(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_settings_round_trip_with_the_real_keyring(qtbot, open_window, start_sandbox, secret_service):
    gateway = start_sandbox()
    window = open_window()  # no credentials yet: the first-run offer appears
    qtbot.waitUntil(lambda: window.findChild(FirstRunDialog) is not None, timeout=3000)
    first_run = window.findChild(FirstRunDialog)
    assert first_run.isVisible()
    first_run.done(FirstRunDialog.CREDENTIALS)  # what its 填写凭据 button does
    dialog = window.findChild(SettingsDialog)
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    dialog.app_key.setText("sandbox-advanced")
    dialog.secret.setText(SANDBOX_SECRET)
    dialog.tier.setCurrentIndex(dialog.tier.findData("advanced"))
    dialog.gateway.setText(gateway.url)
    dialog.timeout.setValue(30)
    dialog.cache_spins["onsale"].setValue(7)
    dialog.watch_spins["onsale"].setValue(15)

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "连接正常" in dialog.test_result.text(), timeout=10_000)

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        save(qtbot, dialog)
    assert secret_service.get_password(SERVICE, "sandbox-advanced") == SANDBOX_SECRET
    services = window.session
    assert services.config is not None and services.config.tier.spec.name == "advanced"
    assert services.config.gateway_url == gateway.url and services.settings.timeout == 30
    assert services.profile.cache.policy.onsale == 7 * 60
    assert services.poller is not None and services.poller.intervals.onsale == 15 * 60
    qtbot.waitUntil(lambda: "企业高级" in window.tier_label.text(), timeout=3000)

    reopened = window.open_settings()
    assert reopened.app_key.text() == "sandbox-advanced"
    assert reopened.secret.text() == "" and "已保存" in reopened.secret.placeholderText()
    assert reopened.timeout.value() == 30 and reopened.cache_spins["onsale"].value() == 7
    assert reopened.watch_spins["onsale"].value() == 15
    reopened.reject()

    lookup_and_wait(qtbot, window, "698765432109876543")
    assert window.lookup_tab.model.result_at(0).ok
    for path in (p for p in home().rglob("*") if p.is_file()):
        assert SANDBOX_SECRET.encode() not in path.read_bytes(), path
    keyring.get_keyring().delete_password(SERVICE, "sandbox-advanced")


def test_wrong_secret_is_explained_by_the_connection_test(qtbot, demo_window, start_sandbox):
    gateway = start_sandbox()
    from dataclasses import replace

    from xianyu_desktop.ui.window_loading import settings_parts

    # Treat the demo profile as a real one for the dialog's credentials.
    dialog = SettingsDialog(replace(settings_parts(demo_window.session), demo=False), demo_window.runner, demo_window)
    dialog.open()
    dialog.app_key.setText("sandbox-basic")
    dialog.secret.setText("wrong-secret")
    dialog.gateway.setText(gateway.url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "认证失败" in dialog.test_result.text(), timeout=10_000)
    assert "app_secret" in dialog.test_result.text()
    assert "wrong-secret" not in dialog.test_result.text()
    dialog.reject()


def test_without_a_keyring_the_dialog_says_so_and_saves_no_secret(qtbot, open_window, start_sandbox):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = open_window()
        dialog = window.open_settings()
        qtbot.waitUntil(lambda: "没有找到可用的系统钥匙环" in dialog.keyring_status.text(), timeout=5000)
        dialog.app_key.setText("sandbox-basic")
        dialog.secret.setText("plain-file-never")
        dialog.gateway.setText(start_sandbox().url)
        save(qtbot, dialog)
        qtbot.waitUntil(lambda: "钥匙环" in dialog.error.text(), timeout=5000)
        assert "XIANYU_APP_SECRET" in dialog.error.text()
        assert dialog.isVisible()
        assert window.session.config is None
        for path in (p for p in home().rglob("*") if p.is_file()):
            assert b"plain-file-never" not in path.read_bytes(), path
        dialog.reject()
    finally:
        keyring.set_keyring(previous)


def test_first_run_offers_the_demo(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "firstRunDemoButton") is not None, timeout=3000)
    qtbot.mouseClick(window.findChild(QPushButton, "firstRunDemoButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.is_demo, timeout=5000)
    assert window.demo_badge.isVisible()
    assert (home() / "data" / "demo" / "store.sqlite3").exists()  # demo data in its own profile
    lookup_and_wait(qtbot, window, "698765432109876543")
    assert window.lookup_tab.model.result_at(0).ok


def test_window_remembers_its_size_and_splitters(qtbot, open_window):
    window = open_window("--demo")
    window.resize(761, 555)  # within the offscreen screen, which restoreGeometry clamps to
    window.lookup_tab.splitter.setSizes([450, 280])
    sizes = window.lookup_tab.splitter.sizes()
    window.close()
    again = open_window("--demo")
    assert (again.width(), again.height()) == (761, 555)
    assert again.lookup_tab.splitter.sizes() == sizes


def test_the_frame_shows_before_the_profile_is_open_and_closing_never_waits_for_it(qtbot, monkeypatch):
    """The window paints at once; the profile opens on the loader thread after the first paint. Closed
    while the loader runs, the window closes at once and the loader closes what it opened."""
    from xianyu_desktop import app as app_module

    opened, release = [], threading.Event()

    def slow_open(args):  # a keyring waiting for its unlock prompt, say
        release.wait(10)
        opened.append(real_open(args))
        return opened[-1]

    real_open = app_module.open_services
    monkeypatch.setattr(app_module, "open_services", slow_open)
    window = app_module.create_main_window(["--demo", "--sandbox-latency-ms", "10"])
    assert window.isVisible() and not window.is_ready
    assert window.findChild(QLabel, "loadingLabel") is not None
    assert not window.settings_action.isEnabled()
    qtbot.waitUntil(lambda: window._loader_started, timeout=5_000)
    window.close()
    assert not window.isVisible()  # at once, the profile still opening
    release.set()
    qtbot.waitUntil(lambda: bool(opened) and opened[0].http.is_closed, timeout=15_000)
    assert not window.is_ready and window.load_error is None


def test_a_window_closed_before_its_first_paint_opens_nothing(qtbot, monkeypatch):
    from xianyu_desktop import app as app_module
    from xianyu_desktop.ui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(app_module, "open_services", lambda args: opened.append(args))
    asked = []  # the loader's start was asked for: by the first paint or, never painted, a little later
    start_loader = MainWindow._start_loader
    monkeypatch.setattr(MainWindow, "_start_loader", lambda window: (asked.append(1), start_loader(window)))
    window = app_module.create_main_window(["--demo"])
    window.close()
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    assert not window._loader_started and opened == [] and not window.isVisible()


def test_closing_while_the_tabs_are_being_built_closes_the_profile(qtbot, monkeypatch):
    from xianyu_desktop import app as app_module
    from xianyu_desktop.ui.main_window import MainWindow

    place = MainWindow._place_tab

    def close_after_watch(window, index, tab):  # the seller closes the window between two building steps
        place(window, index, tab)
        if index == 2:  # 查询, 搜索, then 关注
            window.close()

    monkeypatch.setattr(MainWindow, "_place_tab", close_after_watch)
    window = app_module.create_main_window(["--demo", "--sandbox-latency-ms", "10"])
    qtbot.waitUntil(lambda: window.watch_tab is not None and not window.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: window.session.http.is_closed, timeout=15_000)
    assert not window.is_ready and window.export_tab is None


def test_closing_while_the_demo_opens_closes_the_demo_too(qtbot, open_window, monkeypatch):
    window = open_window()  # no credentials: not in demo mode
    opened = []
    switch = window.demo_switch
    opener = switch._open_demo_session
    switch._open_demo_session = lambda: opened.append(opener()) or opened[-1]
    window.switch_to_demo()
    window.close()  # waits for the runner's task, whose answer then finds the window closed
    qtbot.waitUntil(lambda: bool(opened) and opened[0].http.is_closed, timeout=15_000)
    assert not window.session.is_demo


@pytest.mark.parametrize("failure", ["store", "bug"])
def test_run_gui_explains_a_profile_that_cannot_open_and_exits(failure, qtbot, monkeypatch, capsys):
    import sys

    from xianyu_desktop import app as app_module
    from xianyu_desktop.core.storage.db import StoreError, StoreProblem

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs the crash handler
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def fail(args):
        if failure == "store":
            raise StoreError(StoreProblem.TOO_NEW, "数据文件来自更新版本的闲鱼桌面助手，请升级后再打开。")
        raise RuntimeError("a bug while opening")

    monkeypatch.setattr(app_module, "open_services", fail)
    code = app_module.run_gui(["--demo", "--exit-after-ms", "100"])
    err = capsys.readouterr().err
    if failure == "store":
        assert code == 2 and "请升级后再打开" in err
    else:
        assert code == 1 and "错误报告" in err and "crash-" in err
        report = Path(err.split("错误报告：")[1].split()[0])
        assert "RuntimeError: a bug while opening" in report.read_text(encoding="utf-8")
    assert "Traceback" not in err


def test_run_gui_with_an_unusable_data_folder_says_so_in_plain_words(tmp_path, monkeypatch, capsys):
    from xianyu_desktop import app as app_module

    blocker = tmp_path / "home"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("XIANYU_DESKTOP_HOME", str(blocker))
    assert app_module.run_gui(["--demo", "--exit-after-ms", "100"]) == 2
    err = capsys.readouterr().err
    assert "无法使用数据文件夹" in err and str(blocker) in err and "Traceback" not in err

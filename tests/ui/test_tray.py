"""Closing the window: to the tray, still polling, when the seller chose so and there is a tray; asked
once, the first time a seller with a watchlist closes it; quitting otherwise."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tests.ui.test_watch_tab import open_on_a_sandbox_with_its_own_clock
from xianyu_desktop.ui.tray import KEEP_KEY, CloseAction, close_action


@pytest.mark.parametrize(
    ("keep", "tray", "watching", "quitting", "action"),
    [
        (None, True, True, False, CloseAction.ASK),
        (None, True, False, False, CloseAction.QUIT),  # nothing to poll: not worth a question
        (True, True, False, False, CloseAction.HIDE),
        (False, True, True, False, CloseAction.QUIT),
        (True, False, True, False, CloseAction.QUIT),  # no tray to come back from
        (None, False, True, False, CloseAction.QUIT),
        (True, True, True, True, CloseAction.QUIT),  # 退出 always quits
    ],
)
def test_what_closing_does(keep, tray, watching, quitting, action):
    assert close_action(keep, tray_available=tray, watching=watching, quitting=quitting) is action


def test_without_a_tray_closing_quits_even_when_the_setting_says_stay(qtbot, demo_window):
    """The offscreen platform has no system tray, like some desktops: there is no icon to come back by."""
    assert demo_window.tray.icon is None
    demo_window.state.setValue(KEEP_KEY, "yes")
    demo_window.close()
    assert demo_window.closing and not demo_window.watch_tab.scheduler.isActive()


@pytest.fixture
def a_tray(monkeypatch):
    """A tray said to be there. The offscreen platform has none to show an icon in (showing one only
    warns), so ``show`` does nothing; everything else is Qt's own QSystemTrayIcon."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    yield
    QApplication.instance().setQuitOnLastWindowClosed(True)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # 打开窗口 raises it: offscreen cannot
def test_closing_asks_once_then_keeps_polling_from_the_tray(qtbot, a_tray, open_window, start_sandbox, use_gateway):
    window, gateway, _ = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab, tray = window.watch_tab, window.tray
    assert tray.icon is not None and tab.tray is tray.icon  # alerts go to the one icon
    window.session.watchlist.add(gateway.state.catalogue.demo_ids(5))
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5, timeout=5000)

    window.close()
    question = tray.question
    assert question is not None and question.isVisible() and window.isVisible()  # asked, nothing done yet
    assert "托盘" in question.text() and "设置 → 通知" in question.informativeText()
    with qtbot.waitSignal(tray.asked) as answer:
        tray.keep_button.click()
    assert answer.args == [True] and window.state.value(KEEP_KEY) == "yes"
    assert not window.isVisible() and not window.closing
    assert tab.scheduler.isActive() and not QApplication.instance().quitOnLastWindowClosed()

    tray.check_action.trigger()  # 立即检查 from the tray menu: the hidden window's tab polls
    qtbot.waitUntil(lambda: tab.poll_task is not None and not tab.poll_task.running, timeout=30_000)
    assert all(state.last_checked for state in tab.model.states())
    tray.pause_action.trigger()
    assert tab.pause.isChecked() and not tab.scheduler.isActive() and tray.pause_action.text() == "继续定时检查"
    tray.pause_action.trigger()
    assert tab.scheduler.isActive() and tray.pause_action.text() == "暂停定时检查"

    tray.open_action.trigger()
    assert window.isVisible()
    window.close()  # asked before: straight to the tray
    assert tray.question is None and not window.isVisible() and not window.closing

    tray.quit_action.trigger()
    assert window.closing and not tab.scheduler.isActive()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_turned_off_after_a_stay_in_the_tray_closing_ends_the_app(qtbot, a_tray, demo_window):
    demo_window.state.setValue(KEEP_KEY, "yes")
    demo_window.close()
    assert not demo_window.isVisible() and not QApplication.instance().quitOnLastWindowClosed()
    demo_window.tray.open_action.trigger()
    demo_window.state.setValue(KEEP_KEY, "no")  # changed on the 通知 page
    demo_window.close()
    assert demo_window.closing and QApplication.instance().quitOnLastWindowClosed()  # the app ends with it


def test_choosing_quit_closes_and_is_remembered(qtbot, a_tray, open_window, start_sandbox, use_gateway):
    window, gateway, _ = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    window.session.watchlist.add(gateway.state.catalogue.demo_ids(1))
    window.watch_tab.reload()
    qtbot.waitUntil(lambda: window.watch_tab.model.rowCount() == 1, timeout=5000)
    window.close()
    window.tray.quit_button.click()
    assert window.closing and window.state.value(KEEP_KEY) == "no"


def test_started_at_login_it_loads_into_the_tray_without_showing_the_window(qtbot, a_tray, open_window):
    window = open_window("--demo", "--sandbox-latency-ms", "10", "--minimized")
    assert window.is_ready and not window.isVisible() and window.watch_tab.scheduler.isActive()


def test_started_minimised_without_a_tray_it_is_on_the_taskbar(qtbot, open_window):
    window = open_window("--demo", "--sandbox-latency-ms", "10", "--minimized")
    assert window.is_ready and window.isMinimized()

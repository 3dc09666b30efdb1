"""The app in the tray: closing the window can keep it running there, still polling the watchlist (a
setting, asked once with an explanation the first time a seller with a watchlist closes the window). The
tray icon's menu: 打开窗口, 立即检查, 暂停/继续定时检查, 退出.

Without a system tray (some desktops, the offscreen platform of the tests) there is nowhere to go back to:
closing quits, and the settings say why the switch cannot be used."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from xianyu_desktop.resources import resource

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMessageBox

    from xianyu_desktop.ui.main_window import MainWindow
    from xianyu_desktop.ui.window_state import WindowState

KEEP_KEY = "tray/keepPolling"  # in window.ini: "yes", "no", or absent (not asked yet)


class CloseAction(enum.Enum):
    QUIT = "quit"
    HIDE = "hide"  # to the tray, polling on
    ASK = "ask"  # the first time: explain, then do what the seller chose


def close_action(keep: bool | None, *, tray_available: bool, watching: bool, quitting: bool) -> CloseAction:
    """What closing the window does. ``keep``: the setting (None: never asked); ``watching``: the watchlist
    has items (with nothing to poll, staying in the tray is not worth a question); ``quitting``: 退出 was
    chosen, which always quits."""
    if quitting or not tray_available:
        return CloseAction.QUIT
    if keep is None:
        return CloseAction.ASK if watching else CloseAction.QUIT
    return CloseAction.HIDE if keep else CloseAction.QUIT


def saved_keep(state: WindowState) -> bool | None:
    raw = state.value(KEEP_KEY)
    return {"yes": True, "no": False}.get(str(raw)) if raw is not None else None


def save_keep(state: WindowState, keep: bool) -> None:
    state.setValue(KEEP_KEY, "yes" if keep else "no")


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class WindowTray(QObject):
    """The tray icon of a main window and what closing that window does."""

    asked = Signal(bool)  # the first-time question was answered: keep running in the tray or not

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.quitting = False
        self.told = False  # the "still running" balloon: once a run
        self.question: QMessageBox | None = None
        self.available = tray_available()
        self.icon: QSystemTrayIcon | None = None
        self.menu = QMenu()
        self.open_action = QAction(self.tr("打开窗口"), self)
        self.check_action = QAction(self.tr("立即检查"), self)
        self.pause_action = QAction(self.tr("暂停定时检查"), self)
        self.quit_action = QAction(self.tr("退出"), self)
        for action in (self.open_action, self.check_action, self.pause_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.check_action.setEnabled(False)  # until the 关注 tab is built
        self.pause_action.setEnabled(False)
        self.open_action.triggered.connect(self.show_window)
        self.check_action.triggered.connect(self._check_now)
        self.pause_action.triggered.connect(self._toggle_pause)
        self.quit_action.triggered.connect(self.quit)
        if self.available:
            path = resource("icons", "xianyu-desktop-64.png")
            self.icon = QSystemTrayIcon(QIcon(str(path)) if path else QIcon.fromTheme("dialog-information"), self)
            self.icon.setToolTip(self.tr("闲鱼桌面助手"))
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.show()

    def bind_watch(self) -> None:
        """The 关注 tab is built: the menu's check and pause act on it, and follow its pause box."""
        watch = self.window.watch_tab
        assert watch is not None
        self.check_action.setEnabled(True)
        self.pause_action.setEnabled(True)
        watch.pause.toggled.connect(self._show_pause)
        self._show_pause(watch.pause.isChecked())

    def _show_pause(self, paused: bool) -> None:
        self.pause_action.setText(self.tr("继续定时检查") if paused else self.tr("暂停定时检查"))

    def _check_now(self) -> None:
        if self.window.watch_tab is not None:
            self.window.watch_tab.poll(everything=True)

    def _toggle_pause(self) -> None:
        watch = self.window.watch_tab
        if watch is not None:
            watch.pause.setChecked(not watch.pause.isChecked())

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window()

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def quit(self) -> None:
        """退出 (the tray's or the 文件 menu's): the window closes for good, and with it the app."""
        self.quitting = True
        self.window.close()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(True)
            app.quit()  # the window may have been hidden: closing it is then not "the last window closed"

    # --- closing the window -------------------------------------------------------------------------
    def keeps_running(self, event: QCloseEvent) -> bool:
        """Called by the window's closeEvent: True when the window went to the tray (or is asking first)
        and the event was ignored; False when the window should close for good."""
        watch = self.window.watch_tab
        action = close_action(
            saved_keep(self.window.state),
            tray_available=self.icon is not None,
            watching=watch is not None and watch.model.rowCount() > 0,
            quitting=self.quitting or not self.window.is_ready,
        )
        if action is CloseAction.QUIT:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(True)  # it was in the tray before: closing it now ends the app
            return False
        event.ignore()
        if action is CloseAction.HIDE:
            self.hide_window()
        else:
            self.ask()
        return True

    def hide_window(self, *, announce: bool = True) -> None:
        """To the tray; ``announce``: say so once (not when started at login, where it is expected)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # a dialog closed while the window is away must not quit
        if self.window.isVisible():
            self.window.save_state()
        self.window.hide()
        if self.icon is not None and announce and not self.told:
            self.told = True
            self.icon.showMessage(
                self.tr("闲鱼桌面助手仍在运行"),
                self.tr("关注的商品会继续定时检查。点托盘图标打开窗口，或在它的菜单里选“退出”。"),
                QSystemTrayIcon.MessageIcon.Information,
                6000,
            )

    def ask(self) -> QMessageBox:
        """The first time: what staying in the tray means, and the seller's choice (kept; the settings'
        通知 page changes it)."""
        # Here, not at the top: the tray is made before the window's first frame, and ui.plain imports the Qt
        # namespace (~18 ms), QMessageBox ~2 ms more.
        from PySide6.QtWidgets import QMessageBox

        from xianyu_desktop.ui.plain import plain_message_box

        if self.question is not None:
            self.question.raise_()
            return self.question
        box = plain_message_box(
            QMessageBox.Icon.Question,
            self.tr("关闭窗口"),
            self.tr("关闭窗口后，要让闲鱼桌面助手留在系统托盘里继续检查关注的商品吗？"),
            self.window,
            self.tr(
                "留在托盘：价格变化和售出等提醒照常到来（托盘通知和已设置的推送渠道），点托盘图标可以重新打开窗口，"
                "在托盘菜单里选“退出”才会真正退出。\n"
                "退出：窗口关闭后就不再检查。\n"
                "以后可以在“设置 → 通知”里更改。"
            ),
        )
        box.setObjectName("keepInTrayQuestion")
        self.keep_button = box.addButton(self.tr("留在托盘"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = box.addButton(self.tr("退出"), QMessageBox.ButtonRole.DestructiveRole)
        box.setEscapeButton(box.addButton(QMessageBox.StandardButton.Cancel))  # Esc: nothing decided
        box.setDefaultButton(self.keep_button)
        box.finished.connect(lambda _: self._answered(box))
        self.question = box
        box.open()
        return box

    def _answered(self, box: QMessageBox) -> None:
        self.question = None
        clicked = box.clickedButton()
        if clicked is not self.keep_button and clicked is not self.quit_button:
            return  # cancelled (Esc, the title bar): nothing decided, the window stays
        keep = clicked is self.keep_button
        save_keep(self.window.state, keep)
        self.asked.emit(keep)
        if keep:
            self.hide_window()
        else:
            self.quit()

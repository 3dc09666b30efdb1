"""The settings' 通知 page: how alerts reach the seller while the window is away. Here: running in the tray
when the window is closed, and starting at login (core.background.autostart), each with why it cannot be
used when this computer has no system tray."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from xianyu_desktop.core.background.autostart import Autostart, autostart_command
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.tasks import Report, TaskRunner
from xianyu_desktop.ui.tray import save_keep, saved_keep
from xianyu_desktop.ui.window_state import WindowState


@dataclass(frozen=True, slots=True)
class BackgroundParts:
    """What the page works with: the window's remembered state (the tray choice), whether there is a tray,
    and this OS's start-at-login entry."""

    state: WindowState
    tray_available: bool
    autostart: Autostart


@dataclass(frozen=True, slots=True)
class BackgroundChoice:
    keep_in_tray: bool
    autostart: bool


class NotifyPage(QWidget):
    def __init__(self, parts: BackgroundParts, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notifyPage")
        self.parts = parts
        self.runner = runner
        self.autostart_was: bool | None = None  # unknown until read (off the GUI thread)
        self.keep_in_tray = QCheckBox(
            self.tr("关闭窗口后留在系统托盘，继续定时检查关注的商品"), objectName="keepInTrayCheck"
        )
        self.autostart = QCheckBox(self.tr("登录电脑时自动启动（只在托盘中运行）"), objectName="autostartCheck")
        self.tray_note = PlainLabel(objectName="trayNote", wordWrap=True)
        self.autostart_note = PlainLabel(objectName="autostartNote", wordWrap=True)
        box = QGroupBox(self.tr("后台运行"))
        form = QVBoxLayout(box)
        for widget in (self.keep_in_tray, self.tray_note, self.autostart, self.autostart_note):
            form.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self._load()

    def _load(self) -> None:
        parts = self.parts
        self.keep_in_tray.setChecked(bool(saved_keep(parts.state)) and parts.tray_available)
        self.autostart.setEnabled(False)
        if not parts.tray_available:
            self.keep_in_tray.setEnabled(False)
            self.tray_note.setText(
                self.tr("这台电脑的桌面没有系统托盘，关闭窗口就会退出，无法在后台继续检查。")
                + self.tr("可以改用命令 xianyu-desktop watch schedule install，让系统定时检查。")
            )
        else:
            self.tray_note.setText(self.tr("点托盘图标可以重新打开窗口；在托盘菜单里选“退出”才会真正退出。"))
        if not parts.autostart.supported:
            self.autostart_note.setText(self.tr("这个操作系统不支持登录时自动启动。"))
            return
        autostart = parts.autostart

        def work(report: Report, cancel: threading.Event) -> bool:
            return autostart.enabled()

        self.runner.run(work, on_done=self._show_autostart, on_error=self._autostart_unknown)

    def _show_autostart(self, enabled: bool) -> None:
        self.autostart_was = enabled
        self.autostart.setChecked(enabled)
        self.autostart.setEnabled(True)
        where = self.parts.autostart.where()
        if self.parts.tray_available:
            self.autostart_note.setText(self.tr("启动项：%1").replace("%1", where))
        else:
            self.autostart_note.setText(
                self.tr("没有系统托盘：登录时会最小化打开窗口。启动项：%1").replace("%1", where)
            )

    def _autostart_unknown(self, exc: BaseException) -> None:
        self.autostart_note.setText(self.tr("无法读取登录启动项：%1").replace("%1", str(exc)))

    def choice(self) -> BackgroundChoice:
        return BackgroundChoice(self.keep_in_tray.isChecked(), self.autostart.isChecked())

    def save_on_gui_thread(self, choice: BackgroundChoice) -> None:
        """The tray choice (window.ini, which the window reads when it closes)."""
        if self.parts.tray_available and (choice.keep_in_tray or saved_keep(self.parts.state) is not None):
            save_keep(self.parts.state, choice.keep_in_tray)


class AutostartFailed(Exception):
    """The start-at-login entry could not be written or removed (the message says why)."""


def apply_autostart(autostart: Autostart, was: bool | None, choice: BackgroundChoice) -> None:
    """In the dialog's save work (off the GUI thread): the login entry written or removed when it changed
    (``was`` None: never read, left alone). Raises AutostartFailed when it cannot be."""
    if was is None or choice.autostart == was:
        return
    try:
        if choice.autostart:
            autostart.enable(autostart_command())
        else:
            autostart.disable()
    except OSError as exc:
        raise AutostartFailed(f"{exc.filename or autostart.where()}: {exc.strerror or exc}") from None

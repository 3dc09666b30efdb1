"""The settings' 通知 page: how alerts reach the seller while the window is away. The push channels
(``notify_channels``); when they are sent (quiet hours, a daily cap per channel, a cooldown per item: saved
with the dialog); running in the tray when the window is closed and starting at login
(core.background.autostart), each saying why it cannot be used when this computer has no system tray."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox, QTimeEdit, QVBoxLayout, QWidget

from xianyu_desktop.core.background.autostart import Autostart, autostart_command
from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.notify.policy import DeliveryPolicy, QuietHours
from xianyu_desktop.ui.notify_channels import ChannelParts, ChannelsBox
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


DEFAULT_QUIET = QuietHours(23 * 60, 8 * 60)  # what the time edits offer while quiet hours are off


class NotifyPage(QWidget):
    """``channels`` None: no channels box (nothing to send with yet, e.g. no profile)."""

    def __init__(
        self,
        parts: BackgroundParts,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        policy: DeliveryPolicy,
        channels: ChannelParts | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notifyPage")
        self.parts = parts
        self.runner = runner
        self.saved_policy = policy
        self.channels = ChannelsBox(channels, runner) if channels is not None else None
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
        if self.channels is not None:
            layout.addWidget(self.channels, 1)
        layout.addWidget(self._policy_box(policy))
        layout.addWidget(box)
        layout.addStretch(0)
        self._load()

    def _policy_box(self, policy: DeliveryPolicy) -> QGroupBox:
        quiet = policy.quiet or DEFAULT_QUIET
        self.quiet_on = QCheckBox(self.tr("免打扰时段（北京时间）"), objectName="quietHoursCheck")
        self.quiet_on.setChecked(policy.quiet is not None)
        self.quiet_start = QTimeEdit(QTime(quiet.start // 60, quiet.start % 60), objectName="quietStartEdit")
        self.quiet_end = QTimeEdit(QTime(quiet.end // 60, quiet.end % 60), objectName="quietEndEdit")
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.quiet_on.toggled.connect(self.quiet_start.setEnabled)
        self.quiet_on.toggled.connect(self.quiet_end.setEnabled)
        self.quiet_start.setEnabled(policy.quiet is not None)
        self.quiet_end.setEnabled(policy.quiet is not None)
        self.daily_cap = QSpinBox(objectName="dailyCapSpin", minimum=1, maximum=1000, suffix=self.tr(" 条"))
        self.daily_cap.setValue(policy.daily_cap)
        self.cooldown = QSpinBox(objectName="cooldownSpin", minimum=0, maximum=24 * 60, suffix=self.tr(" 分钟"))
        self.cooldown.setValue(round(policy.cooldown_s / 60))
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(PlainLabel(self.tr("至")))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        box = QGroupBox(self.tr("发送时机"))
        form = QFormLayout(box)
        form.addRow(self.quiet_on, quiet_row)
        form.addRow(PlainLabel(self.tr("免打扰时段内的提醒会暂存，结束时合成一条汇总发出。")))
        form.addRow(PlainLabel(self.tr("每个渠道每天最多")), self.daily_cap)
        form.addRow(PlainLabel(self.tr("同一商品两次推送至少间隔")), self.cooldown)
        return box

    def policy(self) -> DeliveryPolicy:
        """The page's sending rules (the allow-LAN setting kept as it was); ConfigError when they cannot be."""
        quiet = None
        if self.quiet_on.isChecked():
            start, end = self.quiet_start.time(), self.quiet_end.time()
            quiet = QuietHours(start.hour() * 60 + start.minute(), end.hour() * 60 + end.minute())
            if quiet.start == quiet.end:
                raise ConfigError(self.tr("免打扰时段的开始和结束不能相同"))
        return DeliveryPolicy(
            quiet=quiet,
            daily_cap=self.daily_cap.value(),
            cooldown_s=self.cooldown.value() * 60.0,
            allow_lan=self.saved_policy.allow_lan,
        )

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

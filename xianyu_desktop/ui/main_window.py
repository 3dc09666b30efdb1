"""The main window: tabs 查询 / 搜索 / 关注 / 导出, a status bar that says where calls go and how many are
left today, the menus, and the session everything works with.

Start-up and loading: ``window_loading``; remembered state: ``window_state``; the self-check and the
other dialogs of the menus: ``window_dialogs``. The session is swapped in one place (``use_session``,
which emits ``session_changed``): the tabs get their parts of the new one, work already running ends on
the one it started with, and a profile no longer used is closed once that work is done.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QTabWidget, QVBoxLayout, QWidget

from xianyu_desktop.ui.tasks import Report, TaskRunner
from xianyu_desktop.ui.window_demo import DemoSwitch
from xianyu_desktop.ui.window_loading import FirstPaint
from xianyu_desktop.ui.window_menus import WindowMenus
from xianyu_desktop.ui.window_state import WindowState
from xianyu_desktop.ui.window_status import StatusLine
from xianyu_desktop.ui.window_tabs import WindowTabs, place_tab

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog, QMessageBox

    from xianyu_desktop.services import Session
    from xianyu_desktop.ui.export_tab import ExportTab
    from xianyu_desktop.ui.first_run import FirstRunDialog
    from xianyu_desktop.ui.images import ImageLoader
    from xianyu_desktop.ui.lookup_tab import LookupTab
    from xianyu_desktop.ui.market_tab import MarketTab
    from xianyu_desktop.ui.message_bar import MessageBar
    from xianyu_desktop.ui.search_tab import SearchTab
    from xianyu_desktop.ui.tray import WindowTray
    from xianyu_desktop.ui.watch_tab import WatchTab
    from xianyu_desktop.ui.window_dialogs import Doctor

QUOTA_REFRESH_MS = 60_000
LOADER_FALLBACK_MS = 300


class MainWindow(QMainWindow):
    """``open_session`` runs on the loader's thread and returns the Session (or raises StoreError, which
    ``load_failed`` carries back). ``ready`` says the tabs are built and bound."""

    ready = Signal()
    load_failed = Signal(object)
    session_changed = Signal(object)  # the Session now in use

    def __init__(
        self,
        open_session: Callable[[], Session],
        *,
        config_dir: Path,
        demo: bool = False,
        open_demo_session: Callable[[], Session] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._open_session = open_session
        self._loader_started = False
        self.froze_startup = False  # the first frame froze start-up's objects (_start_loader)
        self._closing = False
        self.load_error: BaseException | None = None
        self.is_ready = False
        self.session: Session | None = None
        self._retired: list[Session] = []  # other profiles' sessions, closed once their work is done
        self.lookup_tab: LookupTab | None = None
        self.search_tab: SearchTab | None = None
        self.watch_tab: WatchTab | None = None
        self.market_tab: MarketTab | None = None
        self.export_tab: ExportTab | None = None
        self.images: ImageLoader | None = None
        self.message_bar: MessageBar | None = None  # made with the first message
        self.doctor: Doctor | None = None
        self.runner = TaskRunner(self)
        self.runner.user_error.connect(self.show_user_error)
        self.demo_switch = DemoSwitch(self, open_demo_session)
        self.window_tabs = WindowTabs(self)
        self.state = WindowState(config_dir)
        self.quota_timer = QTimer(self, interval=QUOTA_REFRESH_MS)
        self.quota_timer.timeout.connect(self.refresh_quota)
        # The frame: the tabs (empty until the session is open), the status bar, the menus.
        self.resize(1280, 800)
        self.tabs = QTabWidget(objectName="mainTabs")
        for name in (self.tr("查询"), self.tr("搜索"), self.tr("关注"), self.tr("行情"), self.tr("导出")):
            # Centred by the style sheet: the Qt namespace alone would cost this frame ~14 ms to import.
            self.tabs.addTab(QLabel(self.tr("正在打开…"), objectName="loadingLabel"), name)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)

        bar = QStatusBar(objectName="statusBar")
        self.setStatusBar(bar)
        self.status_line = StatusLine(bar)
        status = self.status_line
        self.demo_badge, self.gateway_label, self.tier_label = status.demo_badge, status.gateway, status.tier
        self.quota_label, self.activity_label = status.quota, status.activity
        self._show_mode(demo)

        self.menus = WindowMenus(self)
        self.settings_action, self.doctor_action = self.menus.settings, self.menus.doctor
        self._tray: WindowTray | None = None  # made after the first frame (or when first asked for)
        self.menus.quit.triggered.connect(lambda: self.tray.quit())
        self.menus.about.triggered.connect(self._show_about)
        self.session_changed.connect(self._bind_session)
        self.state.restore_geometry(self)

    @property
    def tray(self) -> WindowTray:
        """The tray icon and what closing does: made once the first frame is painted (its module, menu and
        icon are not what the seller waits for), or earlier if something asks (a start in the tray)."""
        if self._tray is None:
            from xianyu_desktop.ui.tray import WindowTray

            self._tray = WindowTray(self)
        return self._tray

    def _make_tray(self) -> None:
        _ = self.tray

    @property
    def doctor_dialog(self) -> QMessageBox | None:
        return self.doctor.dialog if self.doctor is not None else None

    # --- loading ------------------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Open the session once the frame has painted (the loader's imports would otherwise compete
        with the first paint for the GIL); the tabs are built when it is back."""
        FirstPaint(self, self._start_loader)
        # A window that is never painted (minimised, say) still loads: a little later.
        QTimer.singleShot(LOADER_FALLBACK_MS, self._start_loader)

    def _start_loader(self) -> None:
        if not gc.isenabled():
            # The command line turned the collector off until the first frame (cli._run). Everything allocated
            # since then is the young generation: enabling it alone would walk all of it at the next
            # allocation (~5 ms, in this turn). Frozen instead, out of its way until ready (app.py unfreezes
            # and collects it then, once: ``froze_startup``).
            gc.freeze()
            self.froze_startup = True
            gc.enable()
        if self._loader_started or self._closing:
            return
        QTimer.singleShot(0, self._make_tray)  # a turn of its own, after the first frame's
        self._loader_started = True
        # Detached: closing never waits for it (the keyring may be waiting for an unlock prompt). Not
        # lowered: the demo's gateway it starts would inherit a lowered thread's priority.
        self.runner.run(
            self._load, on_done=self._on_loaded, on_error=self._on_load_failed, detached=True, lowered=False
        )

    def _load(self, report: Report, cancel: threading.Event) -> Session | None:
        """On the loader's thread. Once the window is closed (``cancel``), what was opened is closed here
        and nothing is handed back."""
        from xianyu_desktop.ui.window_loading import import_heavy_modules

        import_heavy_modules()
        session = self._open_session()
        if cancel.is_set():
            session.close()
            return None
        return session

    def _on_loaded(self, session: Session | None) -> None:
        if session is None:
            return
        if self._closing:  # closed after the loader sent this
            session.close()
            return
        self.window_tabs.attach(session)

    def _on_load_failed(self, exc: BaseException) -> None:
        if self._closing:
            return
        self.load_error = exc
        self.activity_label.setText(self.tr("打开数据失败"))
        self.load_failed.emit(exc)

    def _place_tab(self, index: int, tab: QWidget) -> None:
        """One built tab into its place in the frame (window_tabs builds them)."""
        place_tab(self.tabs, index, tab)

    @staticmethod
    def _open_url(url: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(url))

    def _application_state_changed(self, state: object) -> None:
        from PySide6.QtCore import Qt

        if state == Qt.ApplicationState.ApplicationActive:
            self._check_clipboard()

    def _check_clipboard(self) -> None:
        if self.lookup_tab is not None and self.tabs.currentWidget() is self.lookup_tab and not self._closing:
            self.lookup_tab.check_clipboard()

    # --- the session --------------------------------------------------------------------------------
    def _current(self) -> Session:
        assert self.session is not None
        return self.session

    def use_session(self, session: Session) -> None:
        """Swap in a new session (on the GUI thread): the one place it changes."""
        if self._closing:  # the window closed while it was being built
            if self.session is None or session.profile is not self.session.profile:
                session.close()
            return
        old = self.session
        self.session = session
        if old is not None and old.profile is not session.profile:
            self._retired.append(old)
            self.runner.after_running(lambda: self._close_retired(old))
        self.session_changed.emit(session)

    def _close_retired(self, old: Session) -> None:
        if old in self._retired:
            self._retired.remove(old)
            old.close()

    def _bind_session(self, session: Session) -> None:
        from xianyu_desktop.ui.window_loading import (
            export_parts,
            lookup_parts,
            market_parts,
            search_parts,
            watch_parts,
        )

        if not self.is_ready:
            return
        lookup, watch, export = self.window_tabs.built()
        new_profile = lookup.parts.watchlist is not session.watchlist
        assert self.images is not None
        self.images.cache = session.images
        lookup.bind(lookup_parts(session), new_profile=new_profile)
        self.window_tabs.search().bind(search_parts(session), new_profile=new_profile)
        watch.bind(watch_parts(session), new_profile=new_profile)
        self.window_tabs.market().bind(market_parts(session), new_profile=new_profile)
        export.bind(export_parts(session), new_profile=new_profile)
        self._show_session()

    def _show_session(self) -> None:
        session = self._current()
        self._show_mode(session.is_demo)
        self.status_line.show_session(session)
        if session.config is not None:
            # Saved in the settings, or the demo: what they asked is done.
            for bar in self.window_tabs.credentials_bars():
                bar.hide()
        self.refresh_quota()

    def _show_mode(self, demo: bool) -> None:
        self.setWindowTitle(self.tr("闲鱼桌面助手") + (self.tr("（演示模式）") if demo else ""))
        self.demo_badge.setVisible(demo)

    def refresh_quota(self) -> None:
        ledger = self._current().quota
        if ledger is not None:
            self.runner.run(lambda report, cancel: ledger.remaining, on_done=self._show_quota)

    def _show_quota(self, remaining: object) -> None:
        config = self._current().config
        if config is not None and isinstance(remaining, int):
            self.status_line.show_quota(remaining, config.tier.spec.daily_calls)

    # --- closing ------------------------------------------------------------------------------------
    def save_state(self) -> None:
        self.state.save(self)  # the tabs built so far: their layouts were read as each was built

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray.keeps_running(event):  # to the tray, still polling (or asking the first time)
            return
        # Closing never waits for the loader (the keyring may be waiting for an unlock prompt): it closes
        # what it opened itself (_load), or _on_loaded does when its answer is already on the way.
        self._closing = True
        self.save_state()
        self.quota_timer.stop()
        for tab in (self.lookup_tab, self.search_tab, self.watch_tab, self.market_tab, self.export_tab):
            if tab is not None:
                tab.shutdown()
        self.runner.shutdown()
        for session in [*self._retired, self.session]:
            if session is not None:
                session.close()
        self._retired.clear()
        super().closeEvent(event)

    # --- menus and dialogs --------------------------------------------------------------------------
    def show_user_error(self, text: str) -> None:
        """A failure the seller can act on: in the status bar and in a bar at the top that stays until
        closed; neither blocks the window."""
        from xianyu_desktop.ui.message_bar import MessageBar

        if self.message_bar is None:
            self.message_bar = MessageBar()
            self.central_layout.insertWidget(0, self.message_bar)
        self.message_bar.show_text(text)
        self.statusBar().showMessage(text, 15_000)

    def open_settings(self) -> QDialog:
        from xianyu_desktop.core.background.autostart import Autostart
        from xianyu_desktop.ui.settings_dialog import SettingsDialog
        from xianyu_desktop.ui.settings_notify import BackgroundParts
        from xianyu_desktop.ui.window_loading import channel_parts, settings_parts

        session = self._current()
        background = BackgroundParts(self.state, self.tray.icon is not None, Autostart())
        dialog = SettingsDialog(
            settings_parts(session), self.runner, self, background=background, channels=channel_parts(session)
        )
        dialog.saved.connect(self.use_session)
        dialog.open()
        return dialog

    def offer_first_run(self) -> FirstRunDialog:
        return self.demo_switch.offer_first_run()

    def switch_to_demo(self) -> None:
        """Opens the demo profile and its gateway in the background, then swaps to its session."""
        self.demo_switch.switch()

    @property
    def closing(self) -> bool:
        return self._closing

    def run_doctor(self) -> None:
        assert self.doctor is not None
        self.doctor.run(self._current())

    def _show_about(self) -> None:
        from xianyu_desktop.ui.window_dialogs import show_about

        show_about(self)

"""The main window: tabs 查询 / 关注 / 导出, a status bar that says where calls go and how many are
left today, and the menus.

The window opens at once as a frame (menus, status bar, empty tabs saying 正在打开…). A loader thread
then imports the heavy modules (HTTP, Excel, the sandbox, the tabs) and opens the profile: the store,
the keyring and, in demo mode, the embedded gateway. Back on the GUI thread the tabs are built into the
frame and ``ready`` is emitted. So the seller sees the window in about the time a bare Qt window takes,
and the GUI thread never waits on the disk or the keyring. The methods below import those modules (and
the Qt classes the frame does not need) where they use them; by then the loader has imported them, so
that costs a dictionary lookup.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QTabWidget, QVBoxLayout, QWidget

from xianyu_desktop import __version__
from xianyu_desktop.core.storage.private_files import private_file, private_folder
from xianyu_desktop.ui.tasks import Report, TaskRunner

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog, QMessageBox, QSplitter

    from xianyu_desktop.core.doctor import Check
    from xianyu_desktop.core.gateway.client import FetchResult
    from xianyu_desktop.services import AppServices
    from xianyu_desktop.ui.credentials_bar import CredentialsBar
    from xianyu_desktop.ui.export_tab import ExportTab
    from xianyu_desktop.ui.first_run import FirstRunDialog
    from xianyu_desktop.ui.images import ImageLoader
    from xianyu_desktop.ui.lookup_tab import LookupTab
    from xianyu_desktop.ui.message_bar import MessageBar
    from xianyu_desktop.ui.watch_tab import WatchTab

QUOTA_REFRESH_MS = 60_000
LAYOUT_VERSION = 2  # of the saved splitters and headers: 2 = fitted columns, the watch table full width
LOADER_FALLBACK_MS = 300


def _load_image_plugins() -> None:
    """Decode a tiny picture once, so Qt loads its image format plugins here on the loader thread rather
    than on the first item picture (~10 ms of a worker holding the GIL while the window waits)."""
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QImage

    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    QImage(1, 1, QImage.Format.Format_RGB32).save(buffer, "PNG")
    QImage.fromData(QByteArray(buffer.data()))


class _FirstPaint(QObject):
    """Calls ``then`` once, on the GUI thread, when the window's first frame has been painted. It
    watches the window only: a filter on the whole application would have every event of every child
    converted to Python, and the first conversion of each class costs PySide ~30 ms of enum set-up."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # after the children of this first frame have painted too
        return False


class MainWindow(QMainWindow):
    """``open_services`` runs on the loader thread and returns the AppServices (or raises StoreError,
    which ``load_failed`` carries back). ``ready`` says the tabs are built and bound."""

    ready = Signal()
    load_failed = Signal(object)

    def __init__(
        self,
        open_services: Callable[[], AppServices],
        *,
        config_dir: Path,
        demo: bool = False,
        open_demo_services: Callable[[], AppServices] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._open_services = open_services
        self._open_demo_services = open_demo_services
        self._loader_started = False
        self._closing = False
        self.load_error: BaseException | None = None
        self.is_ready = False
        self.runner = TaskRunner(self)
        self.runner.user_error.connect(self.show_user_error)
        self.message_bar: MessageBar | None = None  # made with the first message
        self.state = QSettings(str(config_dir / "window.ini"), QSettings.Format.IniFormat)  # made on first save
        self.doctor_dialog: QMessageBox | None = None
        self._build_frame(demo)
        geometry = self.state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # --- building -----------------------------------------------------------------------------------
    def _build_frame(self, demo: bool) -> None:
        self.resize(1280, 800)
        self.tabs = QTabWidget(objectName="mainTabs")
        for name in (self.tr("查询"), self.tr("关注"), self.tr("导出")):
            # Centred by the style sheet: the Qt namespace alone would cost this frame ~14 ms to import.
            self.tabs.addTab(QLabel(self.tr("正在打开…"), objectName="loadingLabel"), name)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)

        bar = QStatusBar(objectName="statusBar")
        self.setStatusBar(bar)
        self.demo_badge = QLabel(self.tr("演示模式"), objectName="demoBadge")  # its look: resources/style.qss
        self._show_mode(demo)
        self.gateway_label = QLabel(objectName="statusGateway")
        self.tier_label = QLabel(objectName="statusTier")
        self.quota_label = QLabel(objectName="statusQuota")
        self.activity_label = QLabel(self.tr("正在打开数据…"), objectName="statusActivity")
        for widget in (
            self.activity_label,
            self.demo_badge,
            self.gateway_label,
            self.tier_label,
            self.quota_label,
        ):
            bar.addPermanentWidget(widget)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("文件(&F)"))
        # setShortcuts(StandardKey), not shortcut=: converting to a QKeySequence builds ~90 enum types (15 ms).
        self.settings_action = QAction(self.tr("设置…"), self)
        self.settings_action.setShortcuts(QKeySequence.StandardKey.Preferences)
        self.settings_action.setObjectName("settingsAction")
        self.data_folder_action = QAction(self.tr("打开数据文件夹"), self)
        self.audit_action = QAction(self.tr("查看审计日志"), self)
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        for action in (self.settings_action, self.data_folder_action, self.audit_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = menu.addMenu(self.tr("帮助(&H)"))
        self.doctor_action = QAction(self.tr("运行自检"), self)
        self.doctor_action.setObjectName("doctorAction")
        self.about_action = QAction(self.tr("关于"), self)
        help_menu.addAction(self.doctor_action)
        help_menu.addAction(self.about_action)
        self._profile_actions = (self.settings_action, self.data_folder_action, self.audit_action, self.doctor_action)
        for action in self._profile_actions:
            action.setEnabled(False)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self.show_about)

    # --- loading ------------------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Open the profile on a thread of its own once the frame has painted (the loader's imports would
        otherwise compete with the first paint for the GIL); the tabs are built when it is back."""
        _FirstPaint(self, self._start_loader)
        # A window that is never painted (minimised, say) still loads: a little later.
        QTimer.singleShot(LOADER_FALLBACK_MS, self._start_loader)

    def _start_loader(self) -> None:
        if self._loader_started or self._closing:
            return
        self._loader_started = True
        # Detached: closing never waits for it (the keyring may be waiting for an unlock prompt).
        self.runner.run(self._load, on_done=self._on_loaded, on_error=self._on_load_failed, detached=True)

    def _load(self, report: Report, cancel: threading.Event) -> AppServices | None:
        """On the loader's thread. Once the window is closed (``cancel``), what was opened is closed here
        and nothing is handed back."""
        # The heavy modules: imported here, off the GUI thread, so the frame paints meanwhile.
        import xianyu_desktop.core.doctor
        import xianyu_desktop.ui.export_tab
        import xianyu_desktop.ui.first_run
        import xianyu_desktop.ui.lookup_tab
        import xianyu_desktop.ui.message_bar
        import xianyu_desktop.ui.settings_dialog
        import xianyu_desktop.ui.watch_tab  # noqa: F401

        _load_image_plugins()
        services = self._open_services()
        if cancel.is_set():
            services.close()
            return None
        return services

    def _on_loaded(self, services: AppServices | None) -> None:
        if services is None:
            return
        if self._closing:  # closed after the loader sent this
            services.close()
            return
        self._attach(services)

    def _on_load_failed(self, exc: BaseException) -> None:
        if self._closing:
            return
        self.load_error = exc
        self.activity_label.setText(self.tr("打开数据失败"))
        self.load_failed.emit(exc)

    def _attach(self, services: AppServices) -> None:
        """Builds the tabs one per turn of the event loop (each takes 10–40 ms), so the window keeps
        painting meanwhile; loading ends with the last step."""
        from xianyu_desktop.ui.export_tab import ExportTab
        from xianyu_desktop.ui.images import ImageLoader
        from xianyu_desktop.ui.lookup_tab import LookupTab
        from xianyu_desktop.ui.watch_tab import WatchTab

        self.services = services
        self.images: ImageLoader = ImageLoader(services.image_cache(), self.runner, self)

        def lookup() -> None:
            self.lookup_tab: LookupTab = LookupTab(services, self.runner, self.images)
            self._place_tab(0, self.lookup_tab)

        def watch() -> None:
            self.watch_tab: WatchTab = WatchTab(services, self.runner)
            self._place_tab(1, self.watch_tab)

        def export() -> None:
            self.export_tab: ExportTab = ExportTab(services, self.runner, self._lookup_results)
            self._place_tab(2, self.export_tab)

        steps = iter((lookup, watch, export, self._finish_attach))

        def next_step() -> None:
            step = None if self._closing else next(steps, None)
            if step is not None:
                step()
                QTimer.singleShot(0, next_step)

        next_step()

    def _place_tab(self, index: int, tab: QWidget) -> None:
        current = self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, title)
        self.tabs.setCurrentIndex(current)
        placeholder.deleteLater()

    def _finish_attach(self) -> None:
        from xianyu_desktop.ui.plain import make_plain

        services = self.services
        for label in (self.activity_label, self.demo_badge, self.gateway_label, self.tier_label, self.quota_label):
            make_plain(label)  # here, not in the frame: the Qt namespace would cost the first paint ~14 ms
        self.activity_label.clear()
        for action in self._profile_actions:
            action.setEnabled(True)
        self._connect_callbacks()
        self._show_services()
        self._restore_state()
        self.quota_timer = QTimer(self, interval=QUOTA_REFRESH_MS, timeout=self.refresh_quota)
        self.quota_timer.start()
        if services.config is None and not services.is_demo:
            QTimer.singleShot(0, self.offer_first_run)
        else:
            QTimer.singleShot(0, self._check_clipboard)  # a link copied just before the app was opened
        self.is_ready = True
        self.ready.emit()

    def _application_state_changed(self, state: object) -> None:
        from PySide6.QtCore import Qt

        if state == Qt.ApplicationState.ApplicationActive:
            self._check_clipboard()

    def _check_clipboard(self) -> None:
        if self.tabs.currentWidget() is self.lookup_tab and not self._closing:
            self.lookup_tab.check_clipboard()

    def _connect_callbacks(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices, QGuiApplication

        from xianyu_desktop.core.items.links import canonical_item_url

        self.settings_action.triggered.connect(self.open_settings)
        self.data_folder_action.triggered.connect(lambda: self._open_folder(str(self.services.profile.paths.data_dir)))
        self.audit_action.triggered.connect(lambda: self._open_folder(str(self.services.profile.paths.log_dir)))
        self.doctor_action.triggered.connect(self.run_doctor)
        self.lookup_tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.lookup_tab.activity_changed.connect(self.activity_label.setText)
        self.lookup_tab.quota_changed.connect(self._show_quota)
        self.lookup_tab.watchlist_changed.connect(self.watch_tab.reload)
        self.watch_tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.watch_tab.activity_changed.connect(self.activity_label.setText)
        self.watch_tab.quota_changed.connect(self._show_quota)
        self.export_tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        for bar in self._credentials_bars():
            bar.open_settings.connect(self.open_settings)
            bar.try_demo.connect(self.switch_to_demo)
            bar.demo_button.setVisible(self._open_demo_services is not None)
        self.lookup_tab.detail.open_in_browser.connect(
            lambda item_id: QDesktopServices.openUrl(QUrl(canonical_item_url(item_id)))
        )
        state = self.state
        self.lookup_tab.offer_clipboard = bool(state.value("lookup/clipboardOffers", True, type=bool))
        self.lookup_tab.clipboard_offers_changed.connect(lambda on: state.setValue("lookup/clipboardOffers", on))
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.applicationStateChanged.connect(self._application_state_changed)  # a slot: gone with the window
        self.lookup_tab.detail.copy_id.connect(lambda item_id: QGuiApplication.clipboard().setText(item_id))
        self.lookup_tab.detail.copy_link.connect(
            lambda item_id: QGuiApplication.clipboard().setText(canonical_item_url(item_id))
        )

    # --- state ----------------------------------------------------------------------------------------
    def _show_services(self) -> None:
        from xianyu_desktop.ui.formatting import core_text

        services = self.services
        self._show_mode(services.is_demo)
        config = services.config
        if config is None:
            self.gateway_label.setText(self.tr("未设置凭据"))
            self.tier_label.clear()
            self.quota_label.clear()
        else:
            for bar in self._credentials_bars():  # saved in the settings, or the demo: what they asked is done
                bar.hide()
            where = self.tr("演示网关") if services.is_demo else config.gateway_url
            self.gateway_label.setText(self.tr("网关：%1").replace("%1", where))
            self.tier_label.setText(core_text(config.tier.spec.label))
        self.refresh_quota()

    def _credentials_bars(self) -> tuple[CredentialsBar, ...]:
        return (self.lookup_tab.credentials_bar, self.watch_tab.credentials_bar)

    def _show_mode(self, demo: bool) -> None:
        self.setWindowTitle(self.tr("闲鱼桌面助手") + (self.tr("（演示模式）") if demo else ""))
        self.demo_badge.setVisible(demo)

    def refresh_quota(self) -> None:
        ledger = self.services.quota_ledger()
        if ledger is None:
            return
        self.runner.run(lambda report, cancel: ledger.remaining, on_done=self._show_quota)

    def _show_quota(self, remaining: object) -> None:
        config = self.services.config
        if config is None or not isinstance(remaining, int):
            return
        self.quota_label.setText(
            self.tr("今日剩余 %1 / %2 次")
            .replace("%1", f"{remaining:,}")
            .replace("%2", f"{config.tier.spec.daily_calls:,}")
        )

    def _restore_state(self) -> None:
        """Splitters and column widths as the seller left them, unless they were saved by an older layout
        (every column 100 px, the watch table beside the chart): those would bring back a cramped view."""
        if self.state.value("layout/version", 0, type=int) != LAYOUT_VERSION:
            return
        for key, splitter in self._splitters():
            value = self.state.value(key)
            if value is not None:
                splitter.restoreState(value)
        for key, table in (("lookup/resultsHeader", self.lookup_tab.table), ("watch/header", self.watch_tab.table)):
            header = self.state.value(key)
            if header is not None:
                table.horizontalHeader().restoreState(header)

    def _lookup_results(self) -> tuple[list[FetchResult], list[FetchResult]]:
        model = self.lookup_tab.model
        selected = set(self.lookup_tab.selected_ids())
        results = [r for r in model.results() if r.item is not None]
        return results, [r for r in results if r.item_id in selected]

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        return [
            ("lookup/splitter", self.lookup_tab.splitter),
            ("lookup/leftSplitter", self.lookup_tab.left_splitter),
            ("watch/splitter", self.watch_tab.splitter),
            ("watch/sideSplitter", self.watch_tab.side),
        ]

    def save_state(self) -> None:
        self.state.setValue("window/geometry", self.saveGeometry())
        if not self.is_ready:
            self._sync_state()
            return
        for key, splitter in self._splitters():
            self.state.setValue(key, splitter.saveState())
        self.state.setValue("lookup/resultsHeader", self.lookup_tab.table.horizontalHeader().saveState())
        self.state.setValue("watch/header", self.watch_tab.table.horizontalHeader().saveState())
        self.state.setValue("layout/version", LAYOUT_VERSION)
        self._sync_state()

    def _sync_state(self) -> None:
        """window.ini is the seller's file like the rest of the profile: made 0600 before Qt writes it (Qt
        keeps an existing file's mode when it rewrites it)."""
        path = Path(self.state.fileName())
        try:
            private_folder(path.parent)
            private_file(path)
        except OSError as exc:
            log.warning("window state file not made private: %s", exc)
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing never waits for the loader (the keyring may be waiting for an unlock prompt): it closes
        # what it opened itself (_load), or _on_loaded does when its answer is already on the way.
        self._closing = True
        self.save_state()
        if not self.is_ready:
            self.runner.shutdown()
            services = getattr(self, "services", None)  # the tabs were being built
            if services is not None:
                services.close()
            super().closeEvent(event)
            return
        self.quota_timer.stop()
        self.lookup_tab.cancel_lookup()
        self.watch_tab.scheduler.stop()
        for task in (self.watch_tab.poll_task, self.export_tab.task):
            if task is not None:
                task.cancel()
        self.runner.shutdown()
        self.services.close()
        super().closeEvent(event)

    # --- actions ------------------------------------------------------------------------------------
    def open_settings(self) -> QDialog:
        from xianyu_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self.runner, self)
        dialog.accepted.connect(self._show_services)
        dialog.open()
        return dialog

    def offer_first_run(self) -> FirstRunDialog:
        from xianyu_desktop.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(self)
        dialog.finished.connect(self._first_run_choice)
        dialog.open()
        return dialog

    def _first_run_choice(self, choice: int) -> None:
        from xianyu_desktop.ui.first_run import FirstRunDialog

        if choice == FirstRunDialog.CREDENTIALS:
            self.open_settings()
        elif choice == FirstRunDialog.DEMO:
            self.switch_to_demo()

    def switch_to_demo(self) -> None:
        """Opens the demo profile and its gateway in the background, then rebinds the tabs to it."""
        if self._open_demo_services is None or self.services.is_demo:
            return
        opener = self._open_demo_services
        self.activity_label.setText(self.tr("正在打开演示模式…"))
        self.runner.run(lambda report, cancel: opener(), on_done=self._use_services, on_error=self._demo_failed)

    def _demo_failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from xianyu_desktop.ui.plain import show_message
        from xianyu_desktop.ui.tasks import user_error_text

        if self._closing:
            return
        self.activity_label.clear()
        reason = user_error_text(exc)
        if reason is None:
            self.runner.fail(exc)
            return
        text = self.tr("无法打开演示模式：%1").replace("%1", reason)
        show_message(QMessageBox.Icon.Warning, self, self.tr("闲鱼桌面助手"), text)

    def _use_services(self, services: AppServices) -> None:
        if self._closing:  # the window closed while the demo was opening
            services.close()
            return
        self.activity_label.clear()
        old = self.services
        self.services = services
        self.images.cache = self.services.image_cache()
        self.lookup_tab.bind(self.services)
        self.watch_tab.bind(self.services)
        self.export_tab.bind(self.services)
        self._show_services()
        old.close()

    def run_doctor(self) -> None:
        from xianyu_desktop.core.doctor import Check, check_gateway, local_checks
        from xianyu_desktop.qtcheck import qt_version

        services = self.services
        paths = services.profile.paths
        no_credentials = self.tr("还没有可用的调用凭据：请在“设置”里填写，或试用演示模式")

        def work(report: Report, cancel: threading.Event) -> list[Check]:
            checks = local_checks(
                paths.data_dir, services.profile.store.path, services.profile.cache.path, qt_probe=qt_version
            )
            if services.config is None:
                checks.append(Check(self.tr("凭据"), False, no_credentials))
            else:
                checks.extend(check_gateway(services.config, services.http))
            return checks

        self.activity_label.setText(self.tr("正在自检……"))
        self.runner.run(work, on_done=self._show_doctor, on_error=self._doctor_failed)

    def _show_doctor(self, checks: list[Check]) -> None:
        from PySide6.QtWidgets import QMessageBox

        from xianyu_desktop.ui.plain import plain_message_box

        self.activity_label.clear()
        lines = "\n".join(f"{'✓' if c.ok else '✗'} {c.name}：{c.detail}" for c in checks)  # the gateway's words
        box = plain_message_box(QMessageBox.Icon.Information, self.tr("自检结果"), lines, parent=self)
        box.setObjectName("doctorDialog")
        box.open()
        self.doctor_dialog = box

    def _doctor_failed(self, exc: BaseException) -> None:
        """A check that raised: the label ends with what happened (a bug also goes to the crash handler)."""
        from xianyu_desktop.ui.tasks import user_error_text

        reason = user_error_text(exc) or self.tr("程序出错，已记录错误报告")
        self.activity_label.setText(self.tr("自检没有完成：%1").replace("%1", reason))
        self.runner.fail(exc)

    def show_user_error(self, text: str) -> None:
        """A failure the seller can act on: in the status bar and in a bar at the top that stays until
        closed; neither blocks the window."""
        from xianyu_desktop.ui.message_bar import MessageBar

        if self.message_bar is None:
            self.message_bar = MessageBar()
            self.central_layout.insertWidget(0, self.message_bar)
        self.message_bar.show_text(text)
        self.statusBar().showMessage(text, 15_000)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("关于闲鱼桌面助手"),
            self.tr("闲鱼桌面助手 %1\n通过官方签名 item_get 接口查询闲鱼商品、关注价格、导出 Excel。").replace(
                "%1", __version__
            ),
        )

    def _open_folder(self, path: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

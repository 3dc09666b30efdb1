"""The main window: tabs 查询 / 关注 / 导出, a status bar that says where calls go and how many are
left today, and the menus."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop import __version__
from xianyu_desktop.core.client import FetchResult
from xianyu_desktop.core.doctor import Check, check_gateway, local_checks
from xianyu_desktop.core.images import ImageCache
from xianyu_desktop.core.links import canonical_item_url
from xianyu_desktop.services import AppServices
from xianyu_desktop.ui.export_tab import ExportTab
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.lookup_tab import LookupTab
from xianyu_desktop.ui.settings_dialog import SettingsDialog
from xianyu_desktop.ui.tasks import Report, TaskRunner
from xianyu_desktop.ui.watch_tab import WatchTab

QUOTA_REFRESH_MS = 60_000


class FirstRunDialog(QDialog):
    CREDENTIALS, DEMO = 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("欢迎使用闲鱼桌面助手"))
        text = QLabel(
            self.tr(
                "还没有设置调用凭据。可以填写在阿里开放平台申请的 app_key 和 app_secret，"
                "也可以先用内置的演示网关试一试（不需要账号，数据是模拟的）。"
            ),
            wordWrap=True,
        )
        enter = QPushButton(self.tr("填写凭据…"), objectName="firstRunCredentialsButton")
        demo = QPushButton(self.tr("试用演示模式"), objectName="firstRunDemoButton")
        later = QPushButton(self.tr("稍后"), objectName="firstRunLaterButton")
        enter.clicked.connect(lambda: self.done(self.CREDENTIALS))
        demo.clicked.connect(lambda: self.done(self.DEMO))
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (enter, demo, later):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: AppServices,
        *,
        open_demo_services: Callable[[], AppServices] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.services = services
        self._open_demo_services = open_demo_services
        self.runner = TaskRunner(self)
        self.images = ImageLoader(
            ImageCache(services.profile.paths.cache_dir / "images", services.http), self.runner, self
        )
        self.state = QSettings(str(services.profile.paths.config_dir / "window.ini"), QSettings.Format.IniFormat)
        self.doctor_dialog: QMessageBox | None = None
        self._build()
        self._connect_callbacks()
        self._show_services()
        self._restore_state()
        self.quota_timer = QTimer(self, interval=QUOTA_REFRESH_MS, timeout=self.refresh_quota)
        self.quota_timer.start()
        if services.config is None and not services.is_demo:
            QTimer.singleShot(0, self.offer_first_run)

    # --- building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.resize(1280, 800)
        self.tabs = QTabWidget(objectName="mainTabs")
        self.lookup_tab = LookupTab(self.services, self.runner, self.images)
        self.watch_tab = WatchTab(self.services, self.runner)
        self.export_tab = ExportTab(self.services, self.runner, self._lookup_results)
        self.tabs.addTab(self.lookup_tab, self.tr("查询"))
        self.tabs.addTab(self.watch_tab, self.tr("关注"))
        self.tabs.addTab(self.export_tab, self.tr("导出"))
        self.setCentralWidget(self.tabs)

        bar = QStatusBar(objectName="statusBar")
        self.setStatusBar(bar)
        self.demo_badge = QLabel(self.tr("演示模式"), objectName="demoBadge")
        self.demo_badge.setStyleSheet(
            "QLabel#demoBadge { background: #f39c12; color: white; border-radius: 3px; padding: 1px 6px; }"
        )
        self.gateway_label = QLabel(objectName="statusGateway")
        self.tier_label = QLabel(objectName="statusTier")
        self.quota_label = QLabel(objectName="statusQuota")
        self.activity_label = QLabel(objectName="statusActivity")
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
        self.settings_action = QAction(self.tr("设置…"), self, shortcut=QKeySequence.StandardKey.Preferences)
        self.settings_action.setObjectName("settingsAction")
        self.data_folder_action = QAction(self.tr("打开数据文件夹"), self)
        self.audit_action = QAction(self.tr("查看审计日志"), self)
        self.quit_action = QAction(self.tr("退出"), self, shortcut=QKeySequence.StandardKey.Quit)
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

    def _connect_callbacks(self) -> None:
        self.settings_action.triggered.connect(self.open_settings)
        self.data_folder_action.triggered.connect(lambda: self._open_folder(str(self.services.profile.paths.data_dir)))
        self.audit_action.triggered.connect(lambda: self._open_folder(str(self.services.profile.paths.log_dir)))
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self.show_about)
        self.doctor_action.triggered.connect(self.run_doctor)
        self.lookup_tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.lookup_tab.activity_changed.connect(self.activity_label.setText)
        self.lookup_tab.quota_changed.connect(self._show_quota)
        self.lookup_tab.watchlist_changed.connect(self.watch_tab.reload)
        self.watch_tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.watch_tab.activity_changed.connect(self.activity_label.setText)
        self.watch_tab.quota_changed.connect(self._show_quota)
        self.export_tab.status_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.lookup_tab.detail.open_in_browser.connect(
            lambda item_id: QDesktopServices.openUrl(QUrl(canonical_item_url(item_id)))
        )
        self.lookup_tab.detail.copy_id.connect(lambda item_id: QGuiApplication.clipboard().setText(item_id))
        self.lookup_tab.detail.copy_link.connect(
            lambda item_id: QGuiApplication.clipboard().setText(canonical_item_url(item_id))
        )

    # --- state ----------------------------------------------------------------------------------------
    def _show_services(self) -> None:
        services = self.services
        title = self.tr("闲鱼桌面助手")
        self.setWindowTitle(title + (self.tr("（演示模式）") if services.is_demo else ""))
        self.demo_badge.setVisible(services.is_demo)
        config = services.config
        if config is None:
            self.gateway_label.setText(self.tr("未设置凭据"))
            self.tier_label.clear()
            self.quota_label.clear()
        else:
            where = self.tr("演示网关") if services.is_demo else config.gateway_url
            self.gateway_label.setText(self.tr("网关：%1").replace("%1", where))
            self.tier_label.setText(config.tier.spec.label)
        self.refresh_quota()

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
        geometry = self.state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
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
        for key, splitter in self._splitters():
            self.state.setValue(key, splitter.saveState())
        self.state.setValue("lookup/resultsHeader", self.lookup_tab.table.horizontalHeader().saveState())
        self.state.setValue("watch/header", self.watch_tab.table.horizontalHeader().saveState())
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
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
        dialog = SettingsDialog(self.services, self.runner, self)
        dialog.accepted.connect(self._show_services)
        dialog.open()
        return dialog

    def offer_first_run(self) -> FirstRunDialog:
        dialog = FirstRunDialog(self)
        dialog.finished.connect(self._first_run_choice)
        dialog.open()
        return dialog

    def _first_run_choice(self, choice: int) -> None:
        if choice == FirstRunDialog.CREDENTIALS:
            self.open_settings()
        elif choice == FirstRunDialog.DEMO:
            self.switch_to_demo()

    def switch_to_demo(self) -> None:
        if self._open_demo_services is None or self.services.is_demo:
            return
        old = self.services
        self.services = self._open_demo_services()
        self.images.cache = ImageCache(self.services.profile.paths.cache_dir / "images", self.services.http)
        self.lookup_tab.bind(self.services)
        self.watch_tab.bind(self.services)
        self.export_tab.bind(self.services)
        self._show_services()
        old.close()

    def run_doctor(self) -> None:
        services = self.services
        paths = services.profile.paths

        def work(report: Report, cancel: threading.Event) -> list[Check]:
            checks = local_checks(paths.data_dir, services.profile.store.path, services.profile.cache.path)
            if services.config is None:
                checks.append(Check(self.tr("凭据"), False, services.config_problem or ""))
            else:
                checks.extend(check_gateway(services.config, services.http))
            return checks

        self.activity_label.setText(self.tr("正在自检……"))
        self.runner.run(work, on_done=self._show_doctor)

    def _show_doctor(self, checks: list[Check]) -> None:
        self.activity_label.clear()
        lines = "\n".join(f"{'✓' if c.ok else '✗'} {c.name}：{c.detail}" for c in checks)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("自检结果"), lines, parent=self)
        box.setObjectName("doctorDialog")
        box.open()
        self.doctor_dialog = box

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于闲鱼桌面助手"),
            self.tr("闲鱼桌面助手 %1\n通过官方签名 item_get 接口查询闲鱼商品、关注价格、导出 Excel。").replace(
                "%1", __version__
            ),
        )

    def _open_folder(self, path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

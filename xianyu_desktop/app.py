"""Start-up of the desktop app. ``create_main_window(argv)`` builds and shows the window without
entering the event loop (the seam for tests); ``run_gui(argv)`` is what the command runs."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, QLockFile, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from xianyu_desktop import __version__
from xianyu_desktop.core.db import StoreError
from xianyu_desktop.crash import CrashHandler
from xianyu_desktop.logs import configure_logging
from xianyu_desktop.paths import app_paths
from xianyu_desktop.resources import resource
from xianyu_desktop.sandbox.server import SandboxOptions
from xianyu_desktop.services import AppServices, demo_paths
from xianyu_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="xianyu-desktop", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--sandbox-latency-ms", type=float, default=80.0)
    parser.add_argument("--sandbox-speed", type=float, default=60.0)
    parser.add_argument("--exit-after-ms", type=int, default=0)  # packaging smoke test: open, show, quit
    args, _ = parser.parse_known_args(list(argv))
    return args


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    # Worker threads (lookups, polling, the embedded sandbox) share the GIL with the GUI thread: hand it
    # back every millisecond rather than every five, so the window never waits behind them for long.
    sys.setswitchinterval(0.001)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("xianyu-desktop")
    app.setApplicationDisplayName("闲鱼桌面助手")
    app.setApplicationVersion(__version__)
    icon = resource("icons", "xianyu-desktop-256.png")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    style = resource("style.qss")
    if style is not None:
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    translator = QTranslator(app)
    if translator.load(QLocale("zh_CN"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return app


def create_main_window(argv: list[str]) -> MainWindow:
    """Raises StoreError when the profile's store cannot be opened."""
    args = parse_gui_args(argv)
    ensure_application()
    sandbox = SandboxOptions(latency_ms=args.sandbox_latency_ms, speed=args.sandbox_speed)
    services = AppServices.open(demo=args.demo, sandbox=sandbox)
    configure_logging(services.profile.paths.log_dir)
    secrets = (services.config.app_secret,) if services.config else ()
    CrashHandler(services.profile.paths.log_dir, secrets).install()
    window = MainWindow(services, open_demo_services=lambda: AppServices.open(demo=True, sandbox=sandbox))
    window.show()
    # Everything alive now (Qt bindings, modules, the window) lives as long as the app: move it out of the
    # cyclic collector's way. Otherwise each full collection walks it all and stalls the window ~40 ms.
    gc.collect()
    gc.freeze()
    return window


def run_gui(argv: list[str]) -> int:
    app = ensure_application()
    args = parse_gui_args(argv)
    paths = app_paths()
    lock_dir = (demo_paths(paths) if args.demo else paths).ensure().data_dir
    lock = QLockFile(str(lock_dir / "xianyu-desktop.lock"))
    if not lock.tryLock(100):
        QMessageBox.information(None, "闲鱼桌面助手", "闲鱼桌面助手已经在运行（同一个数据文件夹只能打开一个窗口）。")
        return 1
    try:
        window = create_main_window(argv)
    except StoreError as exc:
        QMessageBox.critical(None, "闲鱼桌面助手", str(exc))
        return 2
    if args.exit_after_ms > 0:
        QTimer.singleShot(args.exit_after_ms, window.close)
    code = app.exec()
    window.deleteLater()
    lock.unlock()
    return code

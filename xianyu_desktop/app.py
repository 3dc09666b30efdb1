"""Start-up of the desktop app. ``create_main_window(argv)`` builds and shows the window without
entering the event loop (the seam for tests); ``run_gui(argv)`` is what the command runs."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from xianyu_desktop import __version__
from xianyu_desktop.crash import CrashHandler
from xianyu_desktop.i18n import install_translators, resolve_language
from xianyu_desktop.logs import RedactingFilter, configure_logging
from xianyu_desktop.paths import AppPaths, app_paths, demo_paths
from xianyu_desktop.resources import resource
from xianyu_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from xianyu_desktop.services import Session

log = logging.getLogger(__name__)

EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_STORE_FAILED = 2


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="xianyu-desktop", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--sandbox-latency-ms", type=float, default=80.0)
    parser.add_argument("--sandbox-speed", type=float, default=60.0)
    # The demo's gateway in the window's own process instead of a child process: for the tests that read
    # its state (and the screenshots); the demo itself runs it as a process, as a real gateway is.
    parser.add_argument("--embedded-sandbox", action="store_true")
    parser.add_argument("--exit-after-ms", type=int, default=0)  # packaging smoke test: open, show, quit
    parser.add_argument("--lang", default=None)  # zh_CN or en; overrides the saved choice for this run
    parser.add_argument("--minimized", "--tray", action="store_true")  # started at login: in the tray only
    args, _ = parser.parse_known_args(list(argv))
    return args


def ensure_application() -> QApplication:
    # Qt's raster engine splits a large fill (a scroll bar, a table's background) across a thread pool of
    # its own and waits for it: on a busy 2-core machine the window then waits for those threads to be
    # scheduled, and painting the window took 2-4 times as long as on the GUI thread alone (issue 17).
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
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
    return app


def open_services(args: argparse.Namespace) -> Session:
    """Runs on the window's loader thread: everything that touches the disk, the keyring or the
    network at start-up. Raises StoreError when the profile's store cannot be opened."""
    session = open_profile(args, demo=args.demo)
    configure_logging(session.profile.paths.log_dir)
    return session


def open_profile(args: argparse.Namespace, *, demo: bool) -> Session:
    """The real or the demo profile's session, with the sandbox options from the command line (off the
    GUI thread)."""
    from xianyu_desktop.sandbox.server import SandboxOptions
    from xianyu_desktop.services import Session

    sandbox = SandboxOptions(latency_ms=args.sandbox_latency_ms, speed=args.sandbox_speed)
    return Session.open(demo=demo, sandbox=sandbox, embedded_sandbox=args.embedded_sandbox)


def create_main_window(argv: list[str]) -> MainWindow:
    """Shows the window's frame and starts opening the profile in the background: the window emits
    ``ready`` when its tabs are built, or ``load_failed`` with the StoreError. Raises ValueError for
    an unknown ``--lang``."""
    args = parse_gui_args(argv)
    app = ensure_application()
    paths = app_paths()
    install_translators(app, resolve_language(args.lang, paths.config_dir))
    return open_window(args, paths, install_crash_handler(args, paths))


def install_crash_handler(args: argparse.Namespace, paths: AppPaths) -> CrashHandler:
    crash = CrashHandler((demo_paths(paths) if args.demo else paths).log_dir)
    crash.install()
    return crash


def open_window(args: argparse.Namespace, paths: AppPaths, crash: CrashHandler) -> MainWindow:
    profile_paths = demo_paths(paths) if args.demo else paths
    window = MainWindow(
        lambda: open_services(args),
        config_dir=profile_paths.config_dir,
        demo=args.demo,
        open_demo_session=lambda: open_profile(args, demo=True),
    )

    def scrub_secret(session: Session) -> None:
        config = session.config
        crash.scrubber = RedactingFilter((config.app_secret,) if config else ())

    def ready() -> None:
        assert window.session is not None
        scrub_secret(window.session)
        QTimer.singleShot(0, freeze_startup_objects)  # a turn of its own: the collection takes ~15 ms

    def freeze_startup_objects() -> None:
        # Everything alive now (Qt bindings, modules, the window) lives as long as the app: move it out
        # of the cyclic collector's way. Otherwise each full collection walks it all and stalls ~40 ms.
        if window.froze_startup:  # what the first frame froze (MainWindow._start_loader): its garbage goes now
            window.froze_startup = False
            gc.unfreeze()
        gc.collect()
        gc.freeze()

    window.ready.connect(ready)
    window.session_changed.connect(scrub_secret)  # new credentials saved, or the demo
    if not args.minimized:
        window.show()
    elif window.tray.icon is not None:
        window.tray.hide_window(announce=False)  # loads unpainted (start_loading's fallback), polls from the tray
    else:
        window.showMinimized()  # no tray to live in: on the taskbar instead
    window.start_loading()
    return window


def wait_until_ready(window: MainWindow, timeout_ms: int = 30_000) -> MainWindow:
    """For scripts that drive the window (benchmarks, screenshots): run the event loop until its tabs
    are built. Raises what the loader raised, or TimeoutError."""
    from PySide6.QtCore import QEventLoop

    if not window.is_ready and window.load_error is None:
        loop = QEventLoop()
        window.ready.connect(loop.quit)
        window.load_failed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    if window.load_error is not None:
        raise window.load_error
    if not window.is_ready:
        raise TimeoutError(f"the window was not ready within {timeout_ms} ms")
    return window


def tell(parent: QWidget | None, title: str, message: str, *, unattended: bool) -> None:
    """Why the app cannot go on: on stderr always, in a dialog unless nobody is there to close it (the
    packaging check's --exit-after-ms)."""
    print(f"xianyu-desktop: {message}", file=sys.stderr)
    if not unattended:
        from PySide6.QtWidgets import QMessageBox

        from xianyu_desktop.ui.plain import show_message

        show_message(QMessageBox.Icon.Critical, parent, title, message)


def run_gui(argv: list[str]) -> int:
    app = ensure_application()
    args = parse_gui_args(argv)
    paths = app_paths()
    try:
        install_translators(app, resolve_language(args.lang, paths.config_dir))
    except ValueError as exc:
        print(f"xianyu-desktop: {exc}", file=sys.stderr)
        return EXIT_USAGE
    name = app.translate("App", "闲鱼桌面助手")
    app.setApplicationDisplayName(name)
    profile_paths = demo_paths(paths) if args.demo else paths
    try:
        lock_dir = profile_paths.ensure().data_dir
    except OSError as exc:  # a file where the folder should be, no permission, a full disk
        message = app.translate("App", "无法使用数据文件夹 %1：%2")
        message = message.replace("%1", str(exc.filename or paths.data_dir)).replace("%2", exc.strerror or str(exc))
        tell(None, name, message, unattended=args.exit_after_ms > 0)
        return EXIT_STORE_FAILED
    lock = QLockFile(str(lock_dir / "xianyu-desktop.lock"))
    if not lock.tryLock(100):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            None, name, app.translate("App", "闲鱼桌面助手已经在运行（同一个数据文件夹只能打开一个窗口）。")
        )
        return 1
    crash = install_crash_handler(args, paths)
    window = open_window(args, paths, crash)

    def failed(exc: BaseException) -> None:
        """The profile could not be opened: say why, and end (exit 2 for a store problem, 1 for a bug)."""
        from xianyu_desktop.core.storage.db import StoreError

        if isinstance(exc, StoreError):
            message, code = str(exc), EXIT_STORE_FAILED
        else:
            report = crash.record(exc)
            message = app.translate("App", "打开数据时程序出错，错误报告：%1").replace(
                "%1", str(report) if report else app.translate("App", "（没能写入日志文件夹）")
            )
            code = EXIT_BUG
        tell(window, name, message, unattended=args.exit_after_ms > 0)
        app.exit(code)

    window.load_failed.connect(failed)
    if args.exit_after_ms > 0:
        window.ready.connect(lambda: QTimer.singleShot(args.exit_after_ms, window.close))
    code = app.exec()
    window.deleteLater()
    lock.unlock()
    return code

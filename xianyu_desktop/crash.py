"""One place for bugs: an exception that escapes a slot or a thread is written (scrubbed of secrets) to
the log folder and shown to the seller in a dialog that says where the log is; the app keeps running."""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType

from xianyu_desktop.core.storage.private_files import private_folder, write_private
from xianyu_desktop.logs import RedactingFilter

log = logging.getLogger("xianyu_desktop.crash")


class CrashHandler:
    def __init__(self, log_dir: Path, secrets: tuple[str, ...] = ()) -> None:
        self.log_dir = log_dir
        self.scrubber = RedactingFilter(secrets)
        self.reports: list[Path] = []
        self.dialog: object | None = None  # the last dialog shown (a QMessageBox)
        self._lock = threading.Lock()

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def write_report(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> Path:
        text = self.scrubber.scrub("".join(traceback.format_exception(kind, value, tb)))
        now = time.time()
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"-{int(now % 1 * 1_000_000):06d}"
        private_folder(self.log_dir)
        path = self.log_dir / f"crash-{stamp}.log"
        write_private(path, text.encode("utf-8"))
        return path

    def record(self, value: BaseException) -> Path | None:
        """Write the report of an error the caller explains itself; None when it cannot be written."""
        return self._record(type(value), value, value.__traceback__)

    def handle(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        path = self._record(kind, value, tb)
        self._show(value, path)

    def _record(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> Path | None:
        with self._lock:
            try:
                path: Path | None = self.write_report(kind, value, tb)
            except OSError:
                path = None
            log.error("unexpected error: %s (report: %s)", self.scrubber.scrub(repr(value)), path)
            if path is not None:
                self.reports.append(path)
        return path

    def _show(self, value: BaseException, path: Path | None) -> None:
        from PySide6.QtCore import QCoreApplication, QThread, QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        from xianyu_desktop.ui.plain import plain_message_box

        app = QApplication.instance()
        if app is None:
            return

        def show() -> None:
            box = plain_message_box(  # the error's text may quote a stranger's
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("CrashHandler", "闲鱼桌面助手出错了"),
                QCoreApplication.translate("CrashHandler", "程序遇到了一个意外错误，已记录下来。"),
            )
            box.setObjectName("crashDialog")
            if path:
                where = QCoreApplication.translate("CrashHandler", "错误报告：%1").replace("%1", str(path))
            else:
                where = QCoreApplication.translate("CrashHandler", "错误报告没能写入日志文件夹。")
            summary = self.scrubber.scrub(str(value))[:300]
            carry_on = QCoreApplication.translate("CrashHandler", "程序会继续运行；如果反复出现，请把报告发给我们。")
            box.setInformativeText(f"{summary}\n\n{where}\n{carry_on}")
            box.open()
            self.dialog = box

        if QThread.currentThread() is app.thread():
            show()
        else:
            QTimer.singleShot(0, app, show)

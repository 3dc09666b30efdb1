"""The first-run offer (enter credentials, or try the demo) and the switch to demo mode: the demo profile
and its embedded gateway are opened in the background, then the window swaps to their session."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from xianyu_desktop.ui.tasks import Report

if TYPE_CHECKING:
    from xianyu_desktop.services import Session
    from xianyu_desktop.ui.first_run import FirstRunDialog
    from xianyu_desktop.ui.main_window import MainWindow


class DemoSwitch:
    def __init__(self, window: MainWindow, open_demo_session: Callable[[], Session] | None) -> None:
        self.window = window
        self._open_demo_session = open_demo_session

    @property
    def available(self) -> bool:
        return self._open_demo_session is not None

    def offer_first_run(self) -> FirstRunDialog:
        from xianyu_desktop.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.window)
        dialog.finished.connect(self._first_run_choice)
        dialog.open()
        return dialog

    def _first_run_choice(self, choice: int) -> None:
        from xianyu_desktop.ui.first_run import FirstRunDialog

        if choice == FirstRunDialog.CREDENTIALS:
            self.window.open_settings()
        elif choice == FirstRunDialog.DEMO:
            self.switch()

    def switch(self) -> None:
        window = self.window
        opener = self._open_demo_session
        if opener is None or window.session is None or window.session.is_demo:
            return
        window.activity_label.setText(QCoreApplication.translate("MainWindow", "正在打开演示模式…"))

        def open_demo(report: Report, cancel: threading.Event) -> Session | None:
            session = opener()
            if cancel.is_set():  # the window closed meanwhile
                session.close()
                return None
            return session

        # On a thread of its own at the window's priority, like the loader: the demo's gateway it starts
        # would inherit a lowered pool thread's priority.
        window.runner.run(open_demo, on_done=self._opened, on_error=self._failed, detached=True, lowered=False)

    def _opened(self, session: Session | None) -> None:
        if session is None:
            return
        self.window.activity_label.clear()
        self.window.use_session(session)

    def _failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from xianyu_desktop.ui.plain import show_message
        from xianyu_desktop.ui.tasks import user_error_text

        window = self.window
        if window.closing:
            return
        window.activity_label.clear()
        reason = user_error_text(exc)
        if reason is None:
            window.runner.fail(exc)
            return
        text = QCoreApplication.translate("MainWindow", "无法打开演示模式：%1").replace("%1", reason)
        show_message(QMessageBox.Icon.Warning, window, QCoreApplication.translate("MainWindow", "闲鱼桌面助手"), text)

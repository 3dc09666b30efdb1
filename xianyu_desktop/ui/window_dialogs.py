"""The main window's menu actions that open something: the self-check, 关于, a folder."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from xianyu_desktop import __version__
from xianyu_desktop.core import doctor
from xianyu_desktop.core.doctor import Check
from xianyu_desktop.qtcheck import qt_version
from xianyu_desktop.ui.plain import plain_message_box
from xianyu_desktop.ui.tasks import Report, TaskRunner, user_error_text

if TYPE_CHECKING:
    from xianyu_desktop.services import Session


class Doctor:
    """运行自检: the checks on the pool; the label says it is running, then the results in a box, or
    what stopped the checks (never left on 正在自检……)."""

    def __init__(self, parent: QWidget, runner: TaskRunner, label: QLabel) -> None:
        self.parent = parent
        self.runner = runner
        self.label = label
        self.dialog: QMessageBox | None = None

    def run(self, session: Session) -> None:
        paths = session.profile.paths
        store, cache, config, http = session.profile.store, session.profile.cache, session.config, session.http
        no_credentials = QCoreApplication.translate(
            "MainWindow", "还没有可用的调用凭据：请在“设置”里填写，或试用演示模式"
        )
        credentials = QCoreApplication.translate("MainWindow", "凭据")

        def work(report: Report, cancel: threading.Event) -> list[Check]:
            checks = doctor.local_checks(paths.data_dir, store.path, cache.path, qt_probe=qt_version)
            checks.append(doctor.check_secret_age(store))
            if config is None:
                checks.append(Check(credentials, False, no_credentials))
            else:
                checks.extend(doctor.check_gateway(config, http))
            return checks

        self.label.setText(QCoreApplication.translate("MainWindow", "正在自检……"))
        self.runner.run(work, on_done=self._show, on_error=self._failed)

    def _show(self, checks: list[Check]) -> None:
        self.label.clear()
        lines = "\n".join(f"{'✓' if c.ok else '✗'} {c.name}：{c.detail}" for c in checks)  # the gateway's words
        box = plain_message_box(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("MainWindow", "自检结果"),
            lines,
            parent=self.parent,
        )
        box.setObjectName("doctorDialog")
        box.open()
        self.dialog = box

    def _failed(self, exc: BaseException) -> None:
        """A check that raised: the label ends with what happened (a bug also goes to the crash handler)."""
        reason = user_error_text(exc) or QCoreApplication.translate("MainWindow", "程序出错，已记录错误报告")
        self.label.setText(QCoreApplication.translate("MainWindow", "自检没有完成：%1").replace("%1", reason))
        self.runner.fail(exc)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("MainWindow", "关于闲鱼桌面助手"),
        QCoreApplication.translate(
            "MainWindow", "闲鱼桌面助手 %1\n通过官方签名 item_get 接口查询闲鱼商品、关注价格、导出 Excel。"
        ).replace("%1", __version__),
    )


def open_folder(path: str) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(path))

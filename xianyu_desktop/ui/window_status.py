"""The status bar's permanent labels: what the window is doing, 演示模式, where calls go, the tier and the
calls left today. Worded in the main window's translation context (the strings were always its own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar

if TYPE_CHECKING:
    from xianyu_desktop.services import Session


class StatusLine:
    def __init__(self, bar: QStatusBar) -> None:
        self.demo_badge = QLabel(
            QCoreApplication.translate("MainWindow", "演示模式"), objectName="demoBadge"
        )  # its look: resources/style.qss
        self.gateway = QLabel(objectName="statusGateway")
        self.tier = QLabel(objectName="statusTier")
        self.quota = QLabel(objectName="statusQuota")
        self.activity = QLabel(QCoreApplication.translate("MainWindow", "正在打开数据…"), objectName="statusActivity")
        for label in self.labels():
            bar.addPermanentWidget(label)

    def labels(self) -> tuple[QLabel, ...]:
        return (self.activity, self.demo_badge, self.gateway, self.tier, self.quota)

    def make_plain(self) -> None:
        """Plain text from now on; not when the frame is built: the Qt namespace would cost the first
        paint ~14 ms."""
        from xianyu_desktop.ui.plain import make_plain

        for label in self.labels():
            make_plain(label)

    def show_session(self, session: Session) -> None:
        from xianyu_desktop.ui.formatting import core_text

        config = session.config
        if config is None:
            self.gateway.setText(QCoreApplication.translate("MainWindow", "未设置凭据"))
            self.tier.clear()
            self.quota.clear()
            return
        where = QCoreApplication.translate("MainWindow", "演示网关") if session.is_demo else config.gateway_url
        self.gateway.setText(QCoreApplication.translate("MainWindow", "网关：%1").replace("%1", where))
        self.tier.setText(core_text(config.tier.spec.label))

    def show_quota(self, remaining: int, daily_calls: int) -> None:
        self.quota.setText(
            QCoreApplication.translate("MainWindow", "今日剩余 %1 / %2 次")
            .replace("%1", f"{remaining:,}")
            .replace("%2", f"{daily_calls:,}")
        )

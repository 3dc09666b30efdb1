"""What a lookup or a watchlist check says when there are no usable credentials: what to do in the
window, with buttons that do it. (The command line's own advice, ``credentials set``, stays there.)"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from xianyu_desktop.ui.plain import PlainLabel


class CredentialsBar(QFrame):
    open_settings = Signal()
    try_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("credentialsBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = PlainLabel(
            self.tr(
                "还没有可用的调用凭据。请打开“设置”，填写在阿里开放平台申请的 app_key 和 app_secret；"
                "也可以先试用演示模式（不需要账号，数据是模拟的）。"
            ),
            objectName="credentialsBarLabel",
            wordWrap=True,
        )
        self.settings_button = QPushButton(self.tr("打开设置…"), objectName="credentialsSettingsButton")
        self.demo_button = QPushButton(self.tr("试用演示模式"), objectName="credentialsDemoButton")
        self.settings_button.clicked.connect(self.open_settings.emit)
        self.demo_button.clicked.connect(self.try_demo.emit)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.settings_button)
        layout.addWidget(self.demo_button)
        self.hide()

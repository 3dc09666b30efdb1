"""The first start without credentials: offer to enter them or to try the demo gateway."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from xianyu_desktop.ui.plain import PlainLabel


class FirstRunDialog(QDialog):
    CREDENTIALS, DEMO = 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("欢迎使用闲鱼桌面助手"))
        text = PlainLabel(
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

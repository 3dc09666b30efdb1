"""A message at the top of the window that does not block it: what went wrong, in plain words, until
the seller closes it (or the next message takes its place). The status bar says it too, for a while."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from xianyu_desktop.ui.plain import PlainLabel


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = PlainLabel(objectName="messageBarLabel", wordWrap=True)  # may quote a stranger's text
        self.close_button = QPushButton(self.tr("关闭"), objectName="messageBarCloseButton")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()

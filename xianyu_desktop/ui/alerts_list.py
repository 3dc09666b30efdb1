"""The alerts panel's list: wrapped rows (never cut on the right) whose heights are measured once, when a
row is added and when the panel's width changes, rather than at every layout.

A QListWidget with word wrap measures every row's wrapped text again (QStyledItemDelegate::sizeHint, a
text layout each) whenever it lays out, and each new alert lays the whole list out: during a poll that
raised alerts that was 27% of the GUI thread's busy time (py-spy, native frames), in layouts of ~300
rows at a time. A row with its own size hint is laid out from it, without measuring."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle

BIG = 1_000_000  # a rectangle taller than any alert


class AlertList(QListWidget):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._width = -1

    def add_first(self, item: QListWidgetItem) -> None:
        """Adds ``item`` at the top, its height measured for the panel's width now."""
        item.setSizeHint(self._measured(item, self.viewport().width()))
        self.insertItem(0, item)

    def _measured(self, item: QListWidgetItem, width: int) -> QSize:
        style = self.style()
        h_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        v_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, self) + 1)
        text_width = max(20, width - h_margin - 2)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        text = QFontMetrics(item.font()).boundingRect(QRect(0, 0, text_width, BIG), flags, item.text())
        return QSize(max(20, width - 1), text.height() + v_margin + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self._width:  # the rows wrap differently: measured again, once
            self._width = width
            for row in range(self.count()):
                item = self.item(row)
                item.setSizeHint(self._measured(item, width))

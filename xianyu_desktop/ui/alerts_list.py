"""The alerts panel's list: wrapped rows (never cut on the right) whose heights are measured once, when a
row is added and when the panel's width changes, rather than at every layout.

A QListWidget with word wrap measures every row's wrapped text again (QStyledItemDelegate::sizeHint, a
text layout each) whenever it lays out, and each new alert lays the whole list out: during a poll that
raised alerts that was 27% of the GUI thread's busy time (py-spy, native frames), in layouts of ~300
rows at a time. A row with its own size hint is laid out from it, without measuring.

A poll's batch of alerts goes in at once (``add_first_many``): the margins and the font's metrics are
looked up once per batch, and the rows past the panel's limit leave in one removal, not one by one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
        self.add_first_many([item])

    def add_first_many(self, items: Sequence[QListWidgetItem], *, keep: int | None = None) -> None:
        """Adds ``items`` at the top, the last one topmost (as many ``add_first``), measured for the
        panel's width now; then only the newest ``keep`` rows stay."""
        measure = self._measurer(self.viewport().width())
        for item in items:
            item.setSizeHint(measure(item))
            self.insertItem(0, item)
        if keep is not None and self.count() > keep:
            self.model().removeRows(keep, self.count() - keep)

    def _measurer(self, width: int) -> Callable[[QListWidgetItem], QSize]:
        """Each row's size for ``width``: the style's margins read once, one QFontMetrics per font."""
        style = self.style()
        h_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        v_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, self) + 1)
        bounds = QRect(0, 0, max(20, width - h_margin - 2), BIG)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        row_width = max(20, width - 1)
        metrics: dict[str, QFontMetrics] = {}

        def measured(item: QListWidgetItem) -> QSize:
            font = item.font()
            key = font.key()
            if key not in metrics:
                metrics[key] = QFontMetrics(font)
            return QSize(row_width, metrics[key].boundingRect(bounds, flags, item.text()).height() + v_margin + 2)

        return measured

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self._width:  # the rows wrap differently: measured again, once
            self._width = width
            measure = self._measurer(width)
            for row in range(self.count()):
                item = self.item(row)
                item.setSizeHint(measure(item))

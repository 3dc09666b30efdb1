"""A progress bar whose changes are painted with the window's next frame, not at once.

QProgressBar.setValue (and reset, which setRange/setMaximum call when the value falls outside) repaints
synchronously (QWidget::repaint) whenever the shown percentage or bar changes, and a synchronous repaint
of a widget that is not opaque paints what lies under it too (the tab, the table beside it). A lookup's
50 answers made 50 such paints, 5–10 ms each on the GUI thread (py-spy: 48 of the 122 samples of the
GUI thread's work were under LookupTab._progress → QWidget::repaint); a search's 10 pages the same, and
setTextVisible, which the 搜索 tab toggles at each page's start and end, repaints at once too. With
updates disabled for the call, the change only marks the bar dirty (setUpdatesEnabled(True) calls
update()), and it is painted with everything else in the next frame."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QProgressBar


class ProgressBar(QProgressBar):
    def _painted_later(self, change: Callable[[], None]) -> None:
        if not self.updatesEnabled():
            change()
            return
        self.setUpdatesEnabled(False)
        try:
            change()
        finally:
            self.setUpdatesEnabled(True)  # update(): painted with the next frame

    def setValue(self, value: int) -> None:
        self._painted_later(lambda: super(ProgressBar, self).setValue(value))

    def setRange(self, minimum: int, maximum: int) -> None:
        self._painted_later(lambda: super(ProgressBar, self).setRange(minimum, maximum))

    def setMaximum(self, maximum: int) -> None:
        self._painted_later(lambda: super(ProgressBar, self).setMaximum(maximum))

    def setMinimum(self, minimum: int) -> None:
        self._painted_later(lambda: super(ProgressBar, self).setMinimum(minimum))

    def reset(self) -> None:
        self._painted_later(lambda: super(ProgressBar, self).reset())

    def setTextVisible(self, visible: bool) -> None:
        """QProgressBar repaints at once when the text is shown or hidden (1–9 ms of a search's page)."""
        self._painted_later(lambda: super(ProgressBar, self).setTextVisible(visible))

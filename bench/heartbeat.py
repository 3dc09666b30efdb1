"""A GUI-thread heartbeat: a 10 ms timer that records the gaps between its ticks. The longest gap is
how long the GUI thread was busy: what a seller feels as a frozen window.

A measuring instrument for the benchmarks, the GUI tests and tools/make_screenshots.py, not part of
the app, so it lives here rather than in the shipped package."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer


class Heartbeat(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last: float | None = None

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now

    @property
    def longest_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    def percentile_ms(self, fraction: float) -> float:
        if not self.gaps:
            return 0.0
        ordered = sorted(self.gaps)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def table_row(self, label: str) -> str:
        """A Markdown row for the benchmarks: | label | ticks | longest gap | 99th percentile gap |"""
        return f"| {label} | {len(self.gaps)} | {self.longest_ms:.1f} ms | {self.percentile_ms(0.99):.1f} ms |"


def run_events_for(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds (for scripts that drive the window: benchmarks,
    screenshots); the window keeps painting and signals keep arriving meanwhile."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

"""One way to run work off the GUI thread: a callable on the thread pool whose progress, result or
error comes back to the GUI thread by signal. Workers never touch widgets.

    task = runner.run(fetch_all, on_done=show, on_error=explain, on_progress=add_row)
    task.cancel()
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Report = Callable[[Any], None]


class _Signals(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Task(QObject):
    """A handle on one background job. ``cancel_event`` is handed to the work so it can stop early."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.signals = _Signals(self)
        self.running = True
        self.signals.finished.connect(self._mark_finished)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _mark_finished(self) -> None:
        self.running = False


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Report, threading.Event], Any], task: Task) -> None:
        super().__init__()
        self.work = work
        self.signals = task.signals
        self.cancel_event = task.cancel_event

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self.cancel_event)
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            log.error("background task failed:\n%s", "".join(traceback.format_exception(exc)))
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Runs work on a thread pool of its own (so a long lookup never starves image loading)."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()

    def run(
        self,
        work: Callable[[Report, threading.Event], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Task:
        """``work(report, cancel_event)`` runs on the pool; the callbacks run on the GUI thread."""
        task = Task(self)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_done is not None:
            task.signals.done.connect(on_done)
        if on_error is not None:
            task.signals.failed.connect(on_error)
        if on_finished is not None:
            task.signals.finished.connect(on_finished)
        task.signals.finished.connect(lambda: self._tasks.discard(task))
        self._tasks.add(task)
        self.pool.start(_Runnable(work, task))
        return task

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        for task in list(self._tasks):
            task.cancel()
        return self.pool.waitForDone(timeout_ms)

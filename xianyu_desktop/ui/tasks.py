"""One way to run work off the GUI thread: a callable on the thread pool whose progress, result or
error comes back to the GUI thread by signal. Workers never touch widgets.

    task = runner.run(fetch_all, on_done=show, on_error=explain, on_progress=add_row)
    task.cancel()

No failure ends in silence: without ``on_error`` the runner's own handler takes it (``fail``): a failure
the seller can act on (a full disk, a refused secret…) goes out as ``user_error`` in plain words for the
window to show, anything else is a bug and goes to the crash handler (``sys.excepthook``).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from xianyu_desktop.core.thread_priority import lower_current_thread

log = logging.getLogger(__name__)

T = TypeVar("T")
Report = Callable[[Any], None]
Work = Callable[[Report, threading.Event], T]


def user_error_text(exc: BaseException) -> str | None:
    """The plain words of a failure that is the seller's to fix (or the machine's); None for a bug.

    The one place the window tells the two apart: the core's plain-word errors share ``UserError`` (the
    store classifies every SQLite error by its code into one), plus a value the seller typed that cannot
    be a rule and a picture that cannot be shown."""
    from xianyu_desktop.core.errors import GatewayError, UserError
    from xianyu_desktop.core.storage.credentials import KeyringUnavailable
    from xianyu_desktop.core.watch.rule_input import RuleInputError
    from xianyu_desktop.core.web.pictures import ImageFetchError
    from xianyu_desktop.ui.formatting import core_text

    if isinstance(exc, KeyringUnavailable):
        return exc.describe(core_text, "")
    if isinstance(exc, GatewayError):
        return exc.failure.describe()
    if isinstance(exc, UserError | RuleInputError | ImageFetchError):
        return str(exc)
    return None


class _Signals(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Task(QObject, Generic[T]):
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


def _run(work: Work[T], signals: _Signals, cancel_event: threading.Event, lowered: bool = True) -> None:
    """The worker's side: the result or the error to the GUI thread, then ``finished``. The thread runs
    below the GUI thread (``lower_current_thread``: once per pool thread) unless ``lowered`` is False."""
    if lowered:
        lower_current_thread()
    try:
        try:
            result = work(signals.progress.emit, cancel_event)
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            log.error("background task failed:\n%s", "".join(traceback.format_exception(exc)))
            signals.failed.emit(exc)
        else:
            signals.done.emit(result)
        finally:
            signals.finished.emit()
    except RuntimeError:  # the window (and the task with it) was deleted while the work ran
        log.info("a background task ended after its window was gone")


class _Runnable(QRunnable):
    def __init__(self, work: Work[Any], task: Task[Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = task.signals
        self.cancel_event = task.cancel_event

    def run(self) -> None:
        _run(self.work, self.signals, self.cancel_event)


class TaskRunner(QObject):
    """Runs work on a thread pool of its own (so a long lookup never starves image loading)."""

    user_error = Signal(str)  # a failure nobody handled, in plain words: the window shows it

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task[Any]] = set()
        self._closed = False  # shut down with its window: new work is not started

    def run(
        self,
        work: Work[T],
        *,
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[Any], object] | None = None,
        on_finished: Callable[[], object] | None = None,
        detached: bool = False,
        lowered: bool = True,
    ) -> Task[T]:
        """``work(report, cancel_event)`` runs on the pool; the callbacks run on the GUI thread. Without
        ``on_error`` a failure goes to ``fail``. ``detached`` work runs on a daemon thread of its own that
        ``shutdown`` never waits for (opening the profile may wait on a keyring's unlock prompt).

        Work runs below the GUI thread's priority. Only detached work may ask not to (``lowered=False``):
        what a lowered thread starts inherits its priority (Linux), and a pool thread, once lowered, stays
        so; work that starts the demo's gateway (its process or its server threads) asks not to."""
        if not lowered and not detached:
            raise ValueError("only detached work runs at the GUI thread's priority")
        task: Task[T] = Task(self)
        if self._closed:  # asked for while the window closes (a late signal): what it needs is being closed
            task.cancel()
            task.running = False
            log.info("background work not started: the window is closing")
            return task
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_done is not None:
            task.signals.done.connect(on_done)
        task.signals.failed.connect(on_error if on_error is not None else self.fail)
        if on_finished is not None:
            task.signals.finished.connect(on_finished)
        task.signals.finished.connect(lambda: self._tasks.discard(task))
        self._tasks.add(task)
        if detached:
            threading.Thread(
                target=_run, args=(work, task.signals, task.cancel_event, lowered), name="detached-task", daemon=True
            ).start()
        else:
            self.pool.start(_Runnable(work, task))
        return task

    def fail(self, exc: BaseException) -> None:
        """The default failure handler (on the GUI thread): a user error in plain words to ``user_error``,
        a bug to the crash handler. Once the window is closing, every failure is only logged, with its
        traceback (_run did): most are a task's client or store closed under it (shutdown waits 5 s at most),
        and a crash dialog as the window goes away would help nobody."""
        if self._closed:
            return
        text = user_error_text(exc)
        if text is None:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        else:
            self.user_error.emit(text)

    def after_running(self, then: Callable[[], None]) -> None:
        """``then`` once every task running now has finished (tasks started later are not waited for):
        what those tasks use is closed only when they are done with it."""
        waiting = {task for task in self._tasks if task.running}
        if not waiting:
            then()
            return

        def one_finished(task: Task[Any]) -> None:
            waiting.discard(task)
            if not waiting:
                then()

        for task in waiting:
            task.signals.finished.connect(lambda task=task: one_finished(task))

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancels the running tasks and waits for the pool's (at most ``timeout_ms``); no new work starts."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        return self.pool.waitForDone(timeout_ms)

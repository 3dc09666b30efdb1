"""The TaskRunner once its window is closing (shutdown): work asked for by a late signal is never started,
and a task that fails because what it used was closed under it is no crash report."""

from __future__ import annotations

import sys
import threading

from xianyu_desktop.ui.tasks import TaskRunner


def test_work_asked_for_after_shutdown_is_never_started(qtbot):
    runner = TaskRunner()
    runner.shutdown()
    ran: list[str] = []
    task = runner.run(lambda report, cancel: ran.append("ran"))
    assert runner.pool.waitForDone(2_000)  # had it been started, the pool would have run it by now
    assert ran == [] and task.cancelled and not task.running


def test_a_task_failing_after_shutdown_is_logged_not_a_crash_report(qtbot, monkeypatch):
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: reported.append(exc))
    runner = TaskRunner()
    shown: list[str] = []
    runner.user_error.connect(shown.append)
    release = threading.Event()

    def work(report, cancel):
        release.wait(10)
        raise RuntimeError("Cannot send a request, as the client has been closed.")

    task = runner.run(work)
    assert not runner.shutdown(timeout_ms=50)  # still running: the window closes its client anyway
    with qtbot.waitSignal(task.signals.finished, timeout=5_000):
        release.set()
    assert reported == [] and shown == []


def test_a_task_failing_before_shutdown_is_still_a_crash_report(qtbot, monkeypatch):
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: reported.append(exc))
    runner = TaskRunner()
    task = runner.run(lambda report, cancel: 1 / 0)
    qtbot.waitUntil(lambda: not task.running, timeout=5_000)
    assert [type(exc) for exc in reported] == [ZeroDivisionError]
    runner.shutdown()

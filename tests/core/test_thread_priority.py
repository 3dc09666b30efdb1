"""Background threads run below the window's GUI thread (Linux: a thread's own nice value, read back with
getpriority on its native id): lowered once, never stacked by inheritance, the calling thread untouched."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

import pytest

from xianyu_desktop.core.thread_priority import NICER, lower_current_thread

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's nice value is Linux's")


def nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def in_thread(work: Callable[[], object]) -> object:
    answer: list[object] = []
    thread = threading.Thread(target=lambda: answer.append(work()))
    thread.start()
    thread.join(10)
    return answer[0]


def test_a_lowered_thread_runs_below_the_process_and_the_caller_is_untouched():
    process = os.getpriority(os.PRIO_PROCESS, os.getpid())
    main = nice_of_this_thread()

    def lowered_twice() -> tuple[int, int]:
        lower_current_thread()
        once = nice_of_this_thread()
        lower_current_thread()
        return once, nice_of_this_thread()

    assert in_thread(lowered_twice) == (min(19, process + NICER),) * 2
    assert nice_of_this_thread() == main
    assert in_thread(nice_of_this_thread) == main  # a new thread of the main one: not lowered


def test_a_thread_started_by_a_lowered_thread_is_not_lowered_twice():
    process = os.getpriority(os.PRIO_PROCESS, os.getpid())

    def start_another() -> tuple[int, int]:
        lower_current_thread()

        def child() -> tuple[int, int]:
            inherited = nice_of_this_thread()
            lower_current_thread()
            return inherited, nice_of_this_thread()

        result = in_thread(child)
        assert isinstance(result, tuple)
        return result

    assert in_thread(start_another) == (min(19, process + NICER),) * 2


def test_a_refusal_is_logged_once_and_the_work_goes_on(monkeypatch, caplog):
    from xianyu_desktop.core import thread_priority

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "setpriority", refuse)
    monkeypatch.setattr(thread_priority, "_refused", threading.Event())
    caplog.set_level("DEBUG", logger="xianyu_desktop.core.thread_priority")

    def lowered() -> str:
        lower_current_thread()
        return "done"

    assert [in_thread(lowered) for _ in range(3)] == ["done"] * 3
    assert [record.getMessage() for record in caplog.records] == [
        "could not lower a background thread's priority: [Errno 1] Operation not permitted"
    ]

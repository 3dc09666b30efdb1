"""The window's background work runs below its GUI thread (Linux, real threads): a TaskRunner task, the
client's fetch threads (also when the batch is started from the main thread, as the command line does)
and the search's page threads; the GUI thread and the demo's embedded gateway keep the process's
priority, since the loader that starts the gateway is not lowered."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from xianyu_desktop.core.thread_priority import NICER

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's nice value is Linux's")


def nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def process_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, os.getpid())


def test_tasks_and_fetch_threads_run_below_the_gui_thread(qtbot, runner, sandbox, make_client):
    gui = nice_of_this_thread()
    below = min(19, process_nice() + NICER)
    client = make_client(sandbox, "advanced")
    seen: dict[str, int] = {}
    fetch = client.fetch

    def noting_fetch(item_id, *args, **kwargs):
        seen[threading.current_thread().name] = nice_of_this_thread()
        return fetch(item_id, *args, **kwargs)

    client.fetch = noting_fetch  # the fetch threads call it by attribute: real requests still
    ids = sandbox.state.catalogue.demo_ids(6)
    results = list(client.fetch_many(ids, workers=3))  # from the main thread: no priority to inherit
    assert len(results) == 6 and all(result.ok for result in results)
    assert seen and all(name.startswith("item-fetch") for name in seen)
    assert set(seen.values()) == {below}

    answers: list[tuple[str, int]] = []
    runner.run(lambda report, cancel: answers.append(("task", nice_of_this_thread())))
    runner.run(lambda report, cancel: answers.append(("detached", nice_of_this_thread())), detached=True, lowered=False)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    assert dict(answers) == {"task": below, "detached": process_nice()}
    assert nice_of_this_thread() == gui  # the GUI thread is never lowered
    with pytest.raises(ValueError):
        runner.run(lambda report, cancel: None, lowered=False)  # a pool thread, once lowered, stays so


def test_the_demo_gateway_started_by_the_loader_keeps_the_process_priority(demo_window):
    gateways = [thread for thread in threading.enumerate() if thread.name == "sandbox-gateway"]
    assert gateways and demo_window.session.is_demo
    assert {os.getpriority(os.PRIO_PROCESS, thread.native_id) for thread in gateways} == {process_nice()}
    assert nice_of_this_thread() == process_nice()

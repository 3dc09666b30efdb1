"""One poller at a time across processes: the window and ``watch poll`` started together never check an
item twice in a round (the sandbox's counter of answered calls says how many checks were made)."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt

from tests.e2e.test_cli import ENTRY, text

ITEMS = 15  # 3 s of calls on the basic tier (5 a second): the second poller starts well inside the round


def open_on_a_slow_sandbox(open_window, start_sandbox, use_gateway):
    """Each call answered after 150 ms: a round of over a second, so the second poller starts inside it."""
    gateway = start_sandbox(latency_ms=150)
    use_gateway(gateway, "basic")
    return open_window(), gateway


def answered(gateway) -> int:
    return gateway.state.snapshot()["counts"].get("answered", 0)


def watch_items(qtbot, window, gateway) -> None:
    window.session.watchlist.add(gateway.state.catalogue.demo_ids(ITEMS))
    window.watch_tab.reload()
    qtbot.waitUntil(lambda: window.watch_tab.model.rowCount() == ITEMS, timeout=5000)


def test_watch_poll_started_while_the_window_polls_skips_its_round(qtbot, open_window, start_sandbox, use_gateway):
    window, gateway = open_on_a_slow_sandbox(open_window, start_sandbox, use_gateway)
    watch_items(qtbot, window, gateway)
    tab = window.watch_tab
    qtbot.mouseClick(tab.check_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answered(gateway) >= 1, timeout=10_000)  # the window holds the lock
    command = subprocess.run([str(ENTRY), "watch", "poll", "--all"], capture_output=True, timeout=60, check=False)
    assert command.returncode == 0, text(command.stderr)
    assert "正在进行，这次没有检查" in text(command.stderr)
    qtbot.waitUntil(lambda: tab.poll_task is not None and not tab.poll_task.running, timeout=30_000)
    assert answered(gateway) == ITEMS  # each item once: the command checked none


def test_the_window_skips_its_round_while_watch_poll_runs_and_says_so(qtbot, open_window, start_sandbox, use_gateway):
    window, gateway = open_on_a_slow_sandbox(open_window, start_sandbox, use_gateway)
    watch_items(qtbot, window, gateway)
    command = subprocess.Popen([str(ENTRY), "watch", "poll", "--all"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: answered(gateway) >= 1, timeout=20_000)  # the command holds the lock
        tab = window.watch_tab
        qtbot.mouseClick(tab.check_now, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.poll_task is not None and not tab.poll_task.running, timeout=30_000)
        assert "另一个程序" in tab.plan.text() and "这一轮没有检查" in tab.plan.text()
        _, err = command.communicate(timeout=60)
        assert command.returncode == 0, text(err)
    finally:
        if command.poll() is None:
            command.kill()
            command.wait()
    assert answered(gateway) == ITEMS

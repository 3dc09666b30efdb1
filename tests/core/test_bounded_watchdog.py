"""The bounded read's watchdog: one thread for every read in flight, each alarm fired at its time, a
disarmed one never."""

from __future__ import annotations

import threading
import time

from xianyu_desktop.core.net.bounded import Watchdog


def test_alarms_fire_in_time_order_and_a_disarmed_one_never():
    watchdog = Watchdog()
    fired: list[str] = []
    done = threading.Event()

    def note(name: str) -> None:
        fired.append(name)
        if name == "last":
            done.set()

    started = time.monotonic()
    watchdog.arm(0.30, lambda: note("last"))
    watchdog.arm(0.10, lambda: note("first"))  # earlier than the one the thread sleeps for: wakes it
    middle = watchdog.arm(0.20, lambda: note("middle"))
    watchdog.disarm(middle)
    watchdog.disarm(middle)  # twice: no harm
    assert done.wait(5)
    assert fired == ["first", "last"]
    assert time.monotonic() - started >= 0.29


def test_thousands_of_reads_share_one_thread_and_the_queue_sheds_disarmed_alarms():
    watchdog = Watchdog()
    before = threading.active_count()
    for _ in range(5000):
        watchdog.disarm(watchdog.arm(30.0, lambda: None))  # a read that ended in time
    assert threading.active_count() <= before + 1
    assert len(watchdog._queue) <= 2 * Watchdog.COMPACT_AFTER + 2
    fired = threading.Event()
    watchdog.arm(0.05, fired.set)
    assert fired.wait(5)

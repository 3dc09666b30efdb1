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


SERVER = """
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", "12")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def test_a_bounded_request_leaves_no_reference_cycle_behind():
    """httpx's response and its stream refer to each other: each request left ~56 objects for the cyclic
    collector, and its full collections held the GIL 10–26 ms during a 2,000-item poll (issue 17). A
    closed response's stream is replaced, so a request is freed as soon as it is dropped. (The server is
    another process: its own garbage is not counted.)"""
    import gc
    import subprocess
    import sys

    import httpx

    from xianyu_desktop.core.net.bounded import Deadline, fetch_bounded

    with subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            url = f"http://127.0.0.1:{int(server.stdout.readline())}/"

            def ask() -> None:
                answer = fetch_bounded(http, "POST", url, data={"a": "1"}, max_bytes=1000, deadline=Deadline(5))
                assert answer.status == 200 and answer.body == b'{"ok": true}'

            with httpx.Client() as http:
                ask()  # the connection and the pool's first objects
                gc.collect()
                gc.disable()
                gc.set_debug(gc.DEBUG_SAVEALL)
                try:
                    for _ in range(20):
                        ask()
                    gc.collect()
                    left = [type(o).__qualname__ for o in gc.garbage]
                finally:
                    gc.set_debug(0)
                    gc.garbage.clear()
                    gc.enable()
        finally:
            server.terminate()
    assert left == []

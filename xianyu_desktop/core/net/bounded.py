"""Reading an HTTP answer with a size cap and an overall deadline.

Per-read timeouts alone let an answer that trickles a byte a second run forever, and reading a body
whole lets a hostile server fill memory. Here a declared ``Content-Length`` above the cap is refused
before a byte of the body is read, the body is read as a stream and dropped the moment it passes the
cap, and a watchdog shuts the socket down when the deadline passes, so even a read blocked inside the
HTTP library returns: a call ends by its deadline (the connect and the wait for the headers are
bounded by the request's own connect and read timeouts, which callers keep within the deadline). One
watchdog thread serves every read in flight (``Watchdog``); a thread per request (threading.Timer: its
start, its wait and its exit) cost ~0.25 s of the GIL in a 2,000-item poll, which the window felt.

Bounds count decoded bytes (after gzip), so a compressed bomb is stopped too; one network chunk
(at most 64 KB) can inflate to at most ~64 MB before the count sees it.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import httpx


class BoundedReadError(Exception):
    """The answer broke a bound; ``str()`` is a plain sentence."""


class TooLarge(BoundedReadError):
    def __init__(self, limit: int, declared: int | None = None) -> None:
        self.limit = limit
        self.declared = declared
        super().__init__(f"返回的数据过大（超过 {format_size(limit)}）")


class TooSlow(BoundedReadError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"{seconds:g} 秒内没有收完返回的数据")


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


class Deadline:
    """A point in time a call must end by (monotonic clock)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self.ends = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self.ends - self._clock())

    @property
    def passed(self) -> bool:
        return self._clock() >= self.ends


def declared_length(headers: Mapping[str, str]) -> int | None:
    value = headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


class Alarm:
    """An action armed for a point in time (Watchdog.arm); ``disarm`` before it fires and it never does."""

    __slots__ = ("action", "armed")

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action
        self.armed = True


class Watchdog:
    """One daemon thread that runs each armed action at its time (monotonic clock). It sleeps until the
    earliest armed time; arming a later one or disarming does not wake it (disarmed alarms are dropped
    when they reach the front, or all at once when they are most of the queue)."""

    COMPACT_AFTER = 256  # disarmed alarms waiting in the queue before it is rebuilt without them

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._queue: list[tuple[float, int, Alarm]] = []
        self._order = itertools.count()
        self._disarmed = 0  # disarmed alarms still in the queue
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, action: Callable[[], None]) -> Alarm:
        alarm = Alarm(action)
        at = time.monotonic() + seconds
        with self._lock:
            wake = not self._queue or at < self._queue[0][0]
            heapq.heappush(self._queue, (at, next(self._order), alarm))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="bounded-read-watchdog", daemon=True)
                self._thread.start()
            elif wake:
                self._lock.notify()
        return alarm

    def disarm(self, alarm: Alarm) -> None:
        with self._lock:
            if not alarm.armed:
                return
            alarm.armed = False
            alarm.action = _nothing  # what it would have done (a socket, an event) is freed now, not when dropped
            self._disarmed += 1
            if self._disarmed > self.COMPACT_AFTER and 2 * self._disarmed > len(self._queue):
                self._queue = [entry for entry in self._queue if entry[2].armed]
                heapq.heapify(self._queue)
                self._disarmed = 0

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._queue and not self._queue[0][2].armed:
                    heapq.heappop(self._queue)
                    self._disarmed -= 1
                if not self._queue:
                    self._lock.wait()
                    continue
                at, _, alarm = self._queue[0]
                left = at - time.monotonic()
                if left > 0:
                    self._lock.wait(left)
                    continue
                heapq.heappop(self._queue)
                alarm.armed = False
            alarm.action()  # outside the lock: arming and disarming never wait for it


_CLOSED = httpx.ByteStream(b"")  # what a closed response's stream becomes (fetch_bounded)


def _nothing() -> None:
    pass


_WATCHDOG = Watchdog()


@contextmanager
def _watchdog(response: httpx.Response, deadline: Deadline) -> Iterator[threading.Event]:
    """Shuts the answer's socket down at the deadline (a blocked recv then returns); sets the event."""
    fired = threading.Event()
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None

    def stop() -> None:
        fired.set()
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):  # already closed: the read has ended anyway
                sock.shutdown(socket.SHUT_RDWR)

    alarm = _WATCHDOG.arm(deadline.remaining(), stop)
    try:
        yield fired
    finally:
        _WATCHDOG.disarm(alarm)


def read_bounded(response: httpx.Response, *, max_bytes: int, deadline: Deadline) -> bytes:
    """The body of a streamed answer (``http.stream(...)``), or TooLarge / TooSlow. Network errors
    other than the watchdog's pass through as httpx errors."""
    declared = declared_length(response.headers)
    if declared is not None and declared > max_bytes:
        raise TooLarge(max_bytes, declared)
    if deadline.passed:
        raise TooSlow(deadline.seconds)
    body = bytearray()
    with _watchdog(response, deadline) as fired:
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise TooLarge(max_bytes)
                if deadline.passed:
                    raise TooSlow(deadline.seconds)
        except httpx.HTTPError:
            if fired.is_set() or deadline.passed:
                raise TooSlow(deadline.seconds) from None
            raise
    if fired.is_set():
        raise TooSlow(deadline.seconds)
    return bytes(body)


@dataclass(frozen=True, slots=True)
class BoundedAnswer:
    status: int
    headers: httpx.Headers
    body: bytes


def request_timeout(deadline: Deadline, connect: float = 5.0) -> httpx.Timeout:
    """Per-step timeouts that fit inside what is left of the deadline."""
    left = max(0.001, deadline.remaining())
    return httpx.Timeout(left, connect=min(connect, left))


def fetch_bounded(
    http: httpx.Client,
    method: str,
    url: str | httpx.URL,
    *,
    max_bytes: int,
    deadline: Deadline,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
    data: Mapping[str, str] | None = None,
    content: bytes | None = None,
    anonymous: bool = False,
) -> BoundedAnswer:
    """One request whose answer is read within ``max_bytes`` and ``deadline``. Raises TooLarge,
    TooSlow or an httpx error (the caller maps them to its own words). Redirects are not followed.
    ``content``: a body already encoded (its Content-Type in ``headers``). ``anonymous``: none of the shared
    client's cookies or credentials go with it (a stranger's URL)."""
    request = http.build_request(
        method,
        url,
        headers=headers,
        data=data,
        content=content,
        timeout=request_timeout(deadline),
        extensions=dict(extensions or {}),
    )
    if anonymous:
        request.headers.pop("cookie", None)
        request.headers.pop("authorization", None)
    auth = None if anonymous else httpx.USE_CLIENT_DEFAULT
    response = http.send(request, stream=True, follow_redirects=False, auth=auth)
    try:
        body = read_bounded(response, max_bytes=max_bytes, deadline=deadline)
    finally:
        response.close()
        # httpx's response and the stream it wraps refer to each other (BoundSyncStream keeps the
        # response): each request left ~56 objects in reference cycles for the cyclic collector, whose
        # full collections during a 2,000-item poll held the GIL (and the window) 10–26 ms at a time.
        # Closed, the stream is replaced, and the whole request is freed as soon as it is dropped.
        response.stream = _CLOSED
    return BoundedAnswer(response.status_code, response.headers, body)

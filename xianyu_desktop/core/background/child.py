"""What the window's child processes share (core/export/process.py, core/poll_child.py): how the program
starts itself for a worker command, the parent's side of the conversation (the job pickled on the child's
stdin, kept open; a cancel is a line on it, closing it ends the child), the end of what a child wrote on
stderr, and the child's side of the cancel and its end."""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import IO, NoReturn

log = logging.getLogger(__name__)


NICER = 10  # a child's POSIX nice below the window's process: as the window's own workers (core/thread_priority.py)


class ChildUnavailable(Exception):
    """The child did not start or ended before it was ready: the caller does the work in its own thread."""


def worker_command(command: str) -> list[str]:
    """How to run ``xianyu-desktop <command>``: the frozen app runs itself (as the demo's sandbox does), a
    source install runs the package with the same interpreter."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "xianyu_desktop"]
    return [*program, command]


def start_child(command: list[str], name: str, stderr: IO[bytes], *, idle: bool = False) -> subprocess.Popen[bytes]:
    """A worker child with pipes on stdin and stdout, below the window's priority: background work, so on a
    busy machine the window gets a core before it. POSIX: nice +NICER below the window's process (its main
    thread's: on Linux 0 would be the calling thread, already lowered); Windows: the below-normal class.

    ``idle`` (the export): also, on Linux, in a session of its own under SCHED_IDLE. With autogroup (most
    desktops) the CPU is shared among sessions first: in the window's session the child's CPU time made
    the window itself wait behind other programs (its long gaps were 80–95% time runnable but off a CPU). A
    waking normal thread preempts a SCHED_IDLE one at once, and a core running only it counts as idle when
    the window's thread wakes; its share under contention is its session's, so it is not starved. Not for
    a poll round, which must still go on on a busy machine. Where the system refuses, the child runs as it
    is. Raises ChildUnavailable when it cannot start."""
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            creationflags=getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0),  # Windows
            start_new_session=idle,
        )
    except OSError as exc:
        raise ChildUnavailable(f"cannot start the {name} process: {exc}") from exc
    if hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, proc.pid, min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + NICER))
    if idle and hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(proc.pid, os.SCHED_IDLE, os.sched_param(0))
    return proc


class Conversation:
    """The parent's side of one child's job: the job is written (pickled: the same program at both ends)
    on the child's stdin, which stays open; a line on it cancels, its end (``close``, or the parent gone)
    too. ``name`` names the child in the log and its watcher thread."""

    def __init__(self, proc: subprocess.Popen[bytes], job: object, name: str, grace_s: float) -> None:
        self.proc = proc
        self.name = name
        self.grace_s = grace_s  # after a cancel, how long the child has to stop on its own before it is killed
        self.ready = False
        self._stdin_lock = threading.Lock()
        self._cancel_sent = False
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            proc.stdin.flush()
        except OSError:
            pass  # the child is gone already: the caller's reading finds no ``ready``

    @contextlib.contextmanager
    def cancelled_by(self, cancel: threading.Event) -> Iterator[None]:
        """While the caller reads the child's answers: a watcher tells the child to stop once ``cancel`` is
        set; at the end the child is ended (``close``) and the watcher joined."""
        finished = threading.Event()
        watcher = threading.Thread(
            target=self._cancel_when, args=(cancel, finished), name=f"{self.name}-cancel", daemon=True
        )
        watcher.start()
        try:
            yield
        finally:
            finished.set()
            self.close()
            watcher.join()

    def _cancel_when(self, cancel: threading.Event, finished: threading.Event) -> None:
        """Looks ten times a second (a threading.Event cannot be waited on together with the end of the
        work); kills the child if it has not stopped in the grace time after the cancel."""
        while not cancel.is_set():
            if finished.wait(0.1):
                return
        self.send_cancel()
        if not finished.wait(self.grace_s):
            log.warning("the %s process did not stop in %.0f s after a cancel: killed", self.name, self.grace_s)
            self.proc.kill()

    def send_cancel(self) -> None:
        with self._stdin_lock, contextlib.suppress(OSError, ValueError):
            if self._cancel_sent:
                return
            self._cancel_sent = True
            assert self.proc.stdin is not None
            self.proc.stdin.write(b"cancel\n")
            self.proc.stdin.flush()

    def close(self) -> None:
        """Ends the child when it is still there: the end of its input is a cancel, then a kill after the
        grace time."""
        proc = self.proc
        with self._stdin_lock, contextlib.suppress(OSError, ValueError):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            proc.wait(timeout=self.grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def tail(errors: IO[bytes], limit: int = 2000) -> str:
    """The last ``limit`` bytes a child wrote to the temporary file that took its stderr, as text."""
    errors.seek(0)
    return errors.read()[-limit:].decode("utf-8", "replace").strip()


def cancel_on_input(stdin: IO[bytes], cancel: threading.Event) -> None:
    """The child's side: ``cancel`` is set by a line from the parent, or by the end of the input (the parent
    closed it, or went away)."""
    with contextlib.suppress(OSError, ValueError):
        stdin.readline()
    cancel.set()


def watch_input(stdin: IO[bytes], cancel: threading.Event) -> None:
    threading.Thread(target=cancel_on_input, args=(stdin, cancel), name="cancel", daemon=True).start()


def end_child(code: int, *streams: IO[bytes]) -> NoReturn:
    """The child's end, once its last answer is written: flushed, then out at once. A normal interpreter
    shutdown could abort (SIGABRT) on the cancel thread, which may still be blocked reading stdin inside its
    buffered reader's lock when the interpreter finalizes the standard streams."""
    for stream in streams:
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    logging.shutdown()
    os._exit(code)

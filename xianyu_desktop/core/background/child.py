"""What the window's child processes share (core/export/process.py, core/poll_child.py): how the program
starts itself for a worker command, the end of what a child wrote on stderr, and the child's side of the
cancel (a line on its stdin, or its end)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from typing import IO, NoReturn


def worker_command(command: str) -> list[str]:
    """How to run ``xianyu-desktop <command>``: the frozen app runs itself (as the demo's sandbox does), a
    source install runs the package with the same interpreter."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "xianyu_desktop"]
    return [*program, command]


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

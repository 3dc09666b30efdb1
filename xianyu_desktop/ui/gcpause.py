"""Pause the cyclic garbage collector while a big batch (an export of 10,000 items) builds hundreds of
thousands of short-lived objects: each full collection would otherwise walk all of them and stall every
thread, the window's included, for ~100 ms. Reference counting still frees everything as usual."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_holders = 0


@contextmanager
def gc_paused() -> Iterator[None]:
    global _holders
    with _lock:
        _holders += 1
        was_enabled = gc.isenabled() if _holders == 1 else True
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and was_enabled:
                gc.enable()


def release_gradually(*lists: list[Any], chunk: int = 2000) -> None:
    """Free big lists a slice at a time: freeing 60,000 rows in one go holds the GIL for ~40 ms, which
    the window feels; between slices other threads get their turn."""
    for items in lists:
        while items:
            del items[-chunk:]

"""Background threads run below the window's GUI thread, so it gets a core first when it wakes.

On a 2-core machine the GUI thread waited in the run queue ~1 s of a 26 s, 2,000-item poll, behind the
app's own workers (fetch threads, the poll worker, the pools'). ``lower_current_thread()`` puts the
calling thread below normal; it needs no privilege anywhere:

- Linux: a thread is a task with a nice value of its own. The thread goes to the process's nice (its
  main thread's) + ``NICER``, never lower than it already is: threads started by a lowered thread
  inherit its nice, and lowering again would stack.
- Windows: ``SetThreadPriority(THREAD_PRIORITY_BELOW_NORMAL)``.
- macOS: the utility QoS class (``pthread_set_qos_class_self_np``).

A lowered thread cannot be raised back without privilege, and what it starts inherits its priority on
Linux (threads and child processes alike): work that starts something which must run at normal priority
runs on a thread that is not lowered. Anything the system refuses is logged once (debug) and ignored:
the work runs as it is. No Qt here."""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

NICER = 10  # Linux: nice steps below the process's (chosen by measurement: docs/responsiveness.md)
THREAD_PRIORITY_BELOW_NORMAL = -1  # Windows
QOS_CLASS_UTILITY = 0x11  # macOS

_state = threading.local()
_refused = threading.Event()  # said once in the log


def lower_current_thread() -> None:
    """The calling thread below normal scheduling priority; once per thread (later calls do nothing)."""
    if getattr(_state, "lowered", False):
        return
    _state.lowered = True
    try:
        _lower()
    except Exception as exc:  # refused, no such call here, a ctypes surprise: the work runs as it is
        if not _refused.is_set():
            _refused.set()
            log.debug("could not lower a background thread's priority: %s", exc)


def _lower() -> None:
    if sys.platform == "win32":
        import ctypes  # here: ctypes and ctypes.util cost the window's first frame ~6 ms on Linux, which needs neither

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.GetCurrentThread.restype = ctypes.c_void_p
        kernel32.SetThreadPriority.argtypes = (ctypes.c_void_p, ctypes.c_int)
        if not kernel32.SetThreadPriority(kernel32.GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL):
            raise ctypes.WinError(ctypes.get_last_error())
    elif sys.platform == "darwin":
        import ctypes
        import ctypes.util

        system = ctypes.CDLL(ctypes.util.find_library("System") or "/usr/lib/libSystem.B.dylib")
        failed = system.pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0)
        if failed:
            raise OSError(failed, os.strerror(failed))
    else:
        tid = threading.get_native_id()
        target = min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + NICER)
        if os.getpriority(os.PRIO_PROCESS, tid) < target:
            os.setpriority(os.PRIO_PROCESS, tid, target)

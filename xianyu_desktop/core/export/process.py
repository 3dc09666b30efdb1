"""The watchlist's export in a process of its own (``xianyu-desktop export-worker``).

Reading and writing 10,000 watched items with 50,000 history rows is ~4 s of pure Python (decoding the
cached answers, typed cells, XML). On a thread of the window's process it held the GIL two thirds of
that time, and on a loaded machine, descheduled while holding it, it made the window wait 40–60 ms at a
time. The child opens the profile's store and cache itself (SQLite in WAL: it reads while the window
writes) and writes the file as ``write_export`` always does: a private temporary file beside the target,
renamed into place.

The parent sends the job (pickled: parent and child are the same program) on the child's stdin and keeps
stdin open; a line on it, or its end (the window closed or crashed), cancels. The child answers on its
stdout, one JSON object a line: ``ready``, ``partial`` (its temporary file, which the parent removes if
the child dies), ``progress``, then one of ``done``, ``cancelled``, ``error`` (plain words) and
``failed`` (a bug: the traceback, for the log). A child that cannot start or says nothing (a build
without pipes) leaves the export to the caller's thread, as before. No Qt here."""

from __future__ import annotations

import contextlib
import json
import logging
import pickle
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from xianyu_desktop.core.background.child import (
    ChildUnavailable,
    Conversation,
    start_child,
    tail,
    watch_input,
    worker_command,
)
from xianyu_desktop.core.errors import UserError
from xianyu_desktop.core.export.files import ExportError
from xianyu_desktop.core.export.sources import watchlist_rows
from xianyu_desktop.core.export.writer import ExportCancelled, ExportMeta, Progress, columns_for, write_export
from xianyu_desktop.core.market.vocabulary import Vocabulary
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.db import Database
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.watchlist import Watchlist

log = logging.getLogger(__name__)

COMMAND = "export-worker"
CANCEL_GRACE_S = 10.0  # after a cancel, how long the child has to stop on its own before it is killed


@dataclass(frozen=True, slots=True)
class ExportJob:
    """The watchlist of the profile whose store is in ``data_dir`` and cache in ``cache_dir``, to ``target``."""

    data_dir: Path
    cache_dir: Path
    target: Path
    columns: tuple[str, ...]
    meta: ExportMeta
    vocabulary: Vocabulary | None = None


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    path: Path
    rows: int
    history: int


def export_command() -> list[str]:
    """How to run ``xianyu-desktop export-worker`` (the frozen app runs itself)."""
    return worker_command(COMMAND)


# --- the parent's side ------------------------------------------------------------------------------------
def export_in_child(
    job: ExportJob,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    command: list[str] | None = None,
) -> ExportOutcome:
    """Runs ``job`` in a child process and waits for it (call it off the GUI thread). Raises ExportError
    (plain words), ExportCancelled (no file left), or ChildUnavailable before anything was written."""
    cancel = cancel or threading.Event()
    with tempfile.TemporaryFile() as errors:
        proc = start_child(command or export_command(), "export", errors, idle=True)
        talk = _Conversation(proc, job, "export", CANCEL_GRACE_S)
        with talk.cancelled_by(cancel):
            return talk.follow(progress, cancel, lambda: tail(errors))


class _Conversation(Conversation):
    partial: Path | None = None  # the child's temporary file, removed on close when the child did not finish

    def follow(self, progress: Progress | None, cancel: threading.Event, stderr: Callable[[], str]) -> ExportOutcome:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                message: dict[str, Any] = json.loads(line)
            except ValueError:
                continue
            if "ready" in message:
                self.ready = True
            elif "partial" in message:
                self.partial = Path(message["partial"])
            elif "progress" in message:
                if progress is not None:
                    done, total = message["progress"]
                    progress(int(done), int(total))
                if cancel.is_set():  # sooner than the watcher's next look
                    self.send_cancel()
            elif "done" in message:
                path, rows, history = message["done"]
                self.partial = None
                return ExportOutcome(Path(path), int(rows), int(history))
            elif "cancelled" in message:
                raise ExportCancelled
            elif "error" in message:
                text, remedy = message["error"]
                raise ExportError(str(text), str(remedy))
            elif "failed" in message:
                log.error("the export process failed:\n%s", message["failed"])
                raise ExportError("导出没有完成：导出进程出了意外的错误，详情已写入日志。")
        code = self.proc.wait()
        if not self.ready:
            raise ChildUnavailable(f"the export process ended before it was ready (exit status {code}): {stderr()}")
        if cancel.is_set():
            raise ExportCancelled
        log.error("the export process ended without an answer (exit status %s): %s", code, stderr())
        raise ExportError(f"导出没有完成：导出进程意外结束（退出码 {code}），没有留下不完整的文件。")

    def close(self) -> None:
        """Ends the child (when it is still there) and removes what it left half-written."""
        super().close()
        if self.partial is not None:
            self.partial.unlink(missing_ok=True)


# --- the child's side -------------------------------------------------------------------------------------
def serve(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """``xianyu-desktop export-worker``: one job from ``stdin``, its answers on ``stdout``; 0 when the
    file was written or the export cancelled as asked."""
    send = _Sender(stdout)
    job: ExportJob = pickle.load(stdin)
    cancel = threading.Event()
    watch_input(stdin, cancel)
    send(ready=True)
    try:
        outcome = export_job(job, cancel, lambda done, total: send(progress=[done, total]), send.partial)
    except ExportCancelled:
        send(cancelled=True)
        return 0
    except UserError as exc:  # ExportError, and the store's own (disk, permissions) and the vocabulary's
        send(error=[exc.message, exc.remedy])
        return 1
    except Exception:
        send(failed=traceback.format_exc())
        return 1
    send(done=[str(outcome.path), outcome.rows, outcome.history])
    return 0


def export_job(
    job: ExportJob, cancel: threading.Event, progress: Progress, on_partial: Callable[[Path], None]
) -> ExportOutcome:
    """The watchlist read from the profile's files, written to the job's target."""
    columns = columns_for(job.columns)
    store, cache = Store(job.data_dir), ItemCache(job.cache_dir)
    try:
        _open_for_reading(store.db)
        _open_for_reading(cache.db)
        rows, history = watchlist_rows(Watchlist(store), cache, job.vocabulary, cancel=cancel)
    finally:
        store.db.close()
        cache.db.close()
    if cancel.is_set():
        raise ExportCancelled
    path = write_export(
        job.target, rows, columns, history, job.meta, progress=progress, cancel=cancel, on_partial=on_partial
    )
    return ExportOutcome(path, len(rows), len(history))


def _open_for_reading(db: Database) -> None:
    """The window opened (and migrated) these files: the child only reads them, and never creates one."""
    if not db.path.is_file():
        raise ExportError(f"找不到{db.label} {db.path}", "请重新打开程序后再导出。")
    if db.version() != db.latest_version:
        raise ExportError(f"{db.label} {db.path} 的数据版本与本程序不一致", "请重新打开程序后再导出。")


class _Sender:
    """One JSON object a line on the parent's pipe; a parent that went away is a cancel, not an error."""

    def __init__(self, stdout: IO[bytes]) -> None:
        self._out = stdout
        self._lock = threading.Lock()

    def __call__(self, **message: Any) -> None:
        data = json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"
        with self._lock, contextlib.suppress(OSError, ValueError):
            self._out.write(data)
            self._out.flush()

    def partial(self, path: Path) -> None:
        self(partial=str(path))

"""The window's rounds of the 关注 list in a process of their own (``xianyu-desktop poll-worker``).

A round is Python from end to end: signing, httpx's request and response, JSON, the item's normalising,
the rules, the store's and the cache's writes. On threads of the window's process it held the GIL the
window needs: a 2,000-item round at ten times the tier's rate kept the window's process busy for 12–14 s of
CPU, and each turn of the window's event loop waited behind those threads for the GIL. The child polls as
``watch poll`` does (the profile's store and cache, the store's shared pace and quota ledger, its poll lock:
a round of the child and a lookup of the window share the tier's rate as two windows would) and sends each
checked item's row, each saved search's and each comparison's outcome back as it goes; the window only
shows them.

The parent sends the job on the child's stdin, pickled (the same program at both ends). The job holds the
app secret, which travels nowhere else: not in the arguments, not in the environment. The parent keeps
stdin open; a line on it, or its end (the window closed or crashed), cancels the round as the window's
cancel does. The child answers on its stdout with pickled tuples: ``ready``; ``item`` (the row as stored,
its new alerts); ``search``; ``compare``; then one of ``done`` (the round's counts), ``error`` (plain
words) and ``failed`` (a bug: the traceback, for the log). A child that cannot start, or ends before
``ready``, leaves the round to the caller's thread, as before. No Qt here."""

from __future__ import annotations

import contextlib
import logging
import pickle
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from xianyu_desktop.core.background.child import (
    ChildUnavailable,
    Conversation,
    start_child,
    tail,
    watch_input,
    worker_command,
)
from xianyu_desktop.core.errors import UserError, UserErrorKind
from xianyu_desktop.core.gateway.client import ItemClient
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.limits import RateLimiter
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.ledger import SharedRateLimiter
from xianyu_desktop.core.storage.locks import LockHolder
from xianyu_desktop.core.watch.poller import CompareEvent, PollReport, SearchEvent
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.core.watch.watchlist import Alert
from xianyu_desktop.paths import AppPaths

log = logging.getLogger(__name__)

COMMAND = "poll-worker"
CANCEL_GRACE_S = 15.0  # after a cancel, how long the child has to finish the calls on the wire before it is killed


@dataclass(frozen=True, slots=True)
class PollJob:
    """One round for the profile at ``paths``, through a client like the window's: ``pace`` None is the
    profile's own client (the store's shared pace); a number is a client of its own at that rate."""

    paths: AppPaths
    config: GatewayConfig  # its repr leaves the secret out
    item_ids: list[str] | None
    force: bool
    search_ids: list[int] | None
    compare_ids: list[str] | None
    pace: float | None = None
    workers: int | None = None


@dataclass(frozen=True, slots=True)
class RoundCounts:
    checked: int
    alerts: int
    locked_by: LockHolder | None = None  # another poller held the store's lock: the round did nothing


class PollError(UserError):
    """A round that did not finish, in plain words (what was checked before is stored)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind=UserErrorKind.POLL)


def pacing_of(client: ItemClient) -> tuple[float | None, int | None]:
    """What a job says of the window's client: None for the profile's own (shared) pace, else its rate
    and workers."""
    if isinstance(client.limiter, SharedRateLimiter):
        return None, None
    return client.limiter.per_second, client.default_workers


def poll_command() -> list[str]:
    return worker_command(COMMAND)


# --- the parent's side ------------------------------------------------------------------------------------
def poll_in_child(
    job: PollJob,
    *,
    on_item: Callable[[WatchState, tuple[Alert, ...]], None],
    on_search: Callable[[SearchEvent], None],
    on_compare: Callable[[CompareEvent], None],
    cancel: threading.Event,
    command: list[str] | None = None,
) -> RoundCounts:
    """Runs the round in a child process and waits for it (off the GUI thread), calling back as the child
    reports. Raises UserError (plain words), or ChildUnavailable before the child was ready."""
    with tempfile.TemporaryFile() as errors:
        proc = start_child(command or poll_command(), "poll", errors)  # nice +10, not SCHED_IDLE: a round goes on
        talk = _Conversation(proc, job, "poll", CANCEL_GRACE_S)
        with talk.cancelled_by(cancel):
            return talk.follow(on_item, on_search, on_compare, lambda: tail(errors))


class _Conversation(Conversation):
    def follow(
        self,
        on_item: Callable[[WatchState, tuple[Alert, ...]], None],
        on_search: Callable[[SearchEvent], None],
        on_compare: Callable[[CompareEvent], None],
        stderr: Callable[[], str],
    ) -> RoundCounts:
        assert self.proc.stdout is not None
        while True:
            try:
                message: tuple[Any, ...] = pickle.load(self.proc.stdout)
            except (EOFError, pickle.UnpicklingError, OSError):
                break
            kind = message[0]
            if kind == "ready":
                self.ready = True
            elif kind == "item":
                on_item(message[1], message[2])
            elif kind == "search":
                on_search(message[1])
            elif kind == "compare":
                on_compare(message[1])
            elif kind == "done":
                return RoundCounts(*message[1:])
            elif kind == "error":
                _, text, remedy, error_kind = message
                raise UserError(text, remedy, kind=error_kind)
            elif kind == "failed":
                log.error("the poll process failed:\n%s", message[1])
                raise PollError("检查没有完成：检查进程出了意外的错误，详情已写入日志。")
        code = self.proc.wait()
        if not self.ready:
            raise ChildUnavailable(f"the poll process ended before it was ready (exit status {code}): {stderr()}")
        log.error("the poll process ended without an answer (exit status %s): %s", code, stderr())
        raise PollError(f"检查没有完成：检查进程意外结束（退出码 {code}）。已检查的商品已经保存，下次检查会接着进行。")


# --- the child's side -------------------------------------------------------------------------------------
def serve(stdin: IO[bytes], stdout: IO[bytes], on_job: Callable[[PollJob], None] = lambda job: None) -> int:
    """``xianyu-desktop poll-worker``: one job from ``stdin``, its reports on ``stdout``; 0 when the round
    ran (or was cancelled as asked). ``on_job`` sees the job first (the command sets up its log with the
    secret to keep out of it)."""
    send = _Sender(stdout)
    job: PollJob = pickle.load(stdin)
    on_job(job)
    cancel = threading.Event()
    watch_input(stdin, cancel)
    try:
        report = run_round(job, cancel, send, ready=lambda: send("ready"))
    except UserError as exc:  # the store's own (disk, permissions, busy), a vocabulary file, the config
        send("error", exc.message, exc.remedy, exc.kind)
        return 1
    except Exception:
        send("failed", traceback.format_exc())
        return 1
    send("done", report.checked, len(report.alerts), report.locked_by)
    return 0


def run_round(
    job: PollJob, cancel: threading.Event, send: Callable[..., None], ready: Callable[[], None]
) -> PollReport:
    """The round, as ``watch poll`` runs it, each outcome sent as it comes."""
    profile = Profile.open(job.paths)
    try:
        with make_http_client(timeout=job.config.timeout) as http:
            poller = profile.poller(job.config, _client(profile, job, http))
            ready()

            def item(event: Any) -> None:
                if event.state is not None:  # None: removed from the list meanwhile
                    send("item", event.state, event.alerts)

            return poller.poll(
                job.item_ids, force=job.force, cancel=cancel, on_event=item,
                search_ids=job.search_ids, on_search=lambda event: send("search", event),
                compare_ids=job.compare_ids, on_compare=lambda event: send("compare", event),
            )  # fmt: skip
    finally:
        profile.close(backup=False)  # backing the store up is the window's, when it closes


def _client(profile: Profile, job: PollJob, http: Any) -> ItemClient:
    if job.pace is None:
        return profile.make_client(job.config, http)
    return ItemClient(
        job.config,
        http,
        limiter=RateLimiter(job.pace),
        quota=profile.quota_ledger(job.config),
        observer=profile.audit.record_call,
        workers=job.workers,
    )


class _Sender:
    """One pickled tuple at a time on the parent's pipe; a parent that went away is a cancel, not an error."""

    def __init__(self, stdout: IO[bytes]) -> None:
        self._out = stdout
        self._lock = threading.Lock()

    def __call__(self, *message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock, contextlib.suppress(OSError, ValueError):
            self._out.write(data)
            self._out.flush()

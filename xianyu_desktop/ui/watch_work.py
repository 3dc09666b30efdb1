"""The 关注 tab's background work: loading the list and polling it. Whatever the window shows of it is
made here, on the worker (the rows' cells, the alerts' texts), so the GUI thread only stores
it: a 10,000-item list or a 2,000-item poll never holds the window for long."""

from __future__ import annotations

import gc
import logging
import threading
import time
from dataclasses import dataclass

from xianyu_desktop.core.background.child import ChildUnavailable
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.poll_child import PollJob, RoundCounts, pacing_of, poll_in_child
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.storage.locks import LockHolder
from xianyu_desktop.core.watch.poller import CompareEvent, Poller, PollEvent, SearchEvent
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist
from xianyu_desktop.paths import AppPaths
from xianyu_desktop.ui.formatting import alert_text, core_text
from xianyu_desktop.ui.gcpause import gc_paused
from xianyu_desktop.ui.tables import Cells
from xianyu_desktop.ui.tasks import Report
from xianyu_desktop.ui.watch_model import BuiltRow, WatchModel, minute_text

log = logging.getLogger(__name__)

BATCH_ROWS = 20
BATCH_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Snapshot:
    rows: list[BuiltRow]  # the states with their cells, made by the worker
    alerts: list[tuple[Alert, str]]  # the newest alerts with their rows' texts, newest first
    plan_text: str


@dataclass(frozen=True, slots=True)
class RoundDone:
    checked: int
    alerts: int
    plan_text: str
    locked_by: LockHolder | None = None  # another poller (``watch poll``, another window) held the store's lock


@dataclass(frozen=True, slots=True)
class RowUpdate:
    """One polled item's new row and the alerts its poll raised."""

    state: WatchState
    alerts: tuple[Alert, ...]
    cells: Cells | None = None  # the row's cells, computed by the worker (WatchModel.cells_of)
    alert_texts: tuple[str, ...] = ()  # each alert's row in the panel, written by the worker (alert_row_text)


@dataclass(frozen=True, slots=True)
class ChildRounds:
    """Where a round in a process of its own finds the profile (core/poll_child.py) and how it calls."""

    paths: AppPaths
    config: GatewayConfig


def alert_row_text(alert: Alert, title: str | None) -> str:
    """An alert's row in the panel: when, then what. Pure (formatting and translation only)."""
    return f"{minute_text(alert.at)}  {alert_text(alert, title)}"


def load_snapshot(model: WatchModel, watchlist: Watchlist, alerts_shown: int, plan_text: str) -> Snapshot:
    """The list as the model will show it, and the panel's newest alerts (on a worker)."""
    states = watchlist.items()
    with gc_paused():  # 130,000 new cells for a 10,000-item list: no collection walks them as they come
        # The young garbage of the moment is freed, not frozen with the rows. Only the young generations: a
        # full collection here held the GIL, and the window, for as long as it walked the whole heap (30–45 ms
        # beside a 10,000-item list, hundreds of ms in a long-lived process); what is older and already
        # garbage is little since bounded reads stopped leaving reference cycles (core/net/bounded.py).
        gc.collect(1)
        rows = model.built_rows(states)
        # The states and cells live as long as the list: out of the collector's way, as app.py's start-up
        # objects are, so that a full collection during a poll does not walk them all again.
        gc.freeze()
    titles = {state.item_id: state.title for state in states}
    alerts = watchlist.alerts(limit=alerts_shown)
    return Snapshot(rows, [(alert, alert_row_text(alert, titles.get(alert.item_id))) for alert in alerts], plan_text)


def poll_round(
    poller: Poller,
    watchlist: Watchlist,
    ledger: StoreQuotaLedger | None,
    model: WatchModel,
    *,
    everything: bool,
    report: Report,
    cancel: threading.Event,
    child: ChildRounds | None = None,
) -> RoundDone:
    """One round of checks (on a worker): in a process of its own when ``child`` says where (the round's
    Python then holds another process's GIL), else on this thread (and where the child cannot start). Rows
    go to the GUI thread in batches (at most every 100 ms or 20 rows), each with its cells and its alerts'
    texts: a 2,000-item round is a few dozen updates for the window, not 2,000, and none of them formats
    anything there."""
    ids = watchlist.item_ids() if everything else None
    search_ids = poller.searches.ids() if everything and poller.searches is not None else None
    compare_ids = sorted(poller.mine.mine_ids()) if everything else None
    batch: list[RowUpdate] = []
    flushed = time.monotonic()

    def flush() -> None:
        nonlocal flushed
        if batch:
            report(list(batch))
            batch.clear()
        flushed = time.monotonic()

    def row(state: WatchState, alerts: tuple[Alert, ...]) -> None:
        texts = tuple(alert_row_text(alert, state.title) for alert in alerts)
        batch.append(RowUpdate(state, alerts, model.cells_of(state), texts))
        if len(batch) >= BATCH_ROWS or time.monotonic() - flushed >= BATCH_SECONDS:
            flush()

    def forward(event: PollEvent) -> None:
        if event.state is not None:
            row(event.state, event.alerts)
        elif time.monotonic() - flushed >= BATCH_SECONDS:
            flush()

    def searched(event: SearchEvent | CompareEvent) -> None:
        flush()  # the items' rows first: their round came first
        report(event)

    counts: RoundCounts | None = None
    if child is not None:
        pace, workers = pacing_of(poller.lookup.client)
        job = PollJob(child.paths, child.config, ids, everything, search_ids, compare_ids, pace, workers)
        try:
            counts = poll_in_child(job, on_item=row, on_search=searched, on_compare=searched, cancel=cancel)
        except ChildUnavailable as exc:
            log.warning("the round runs in the window's process: %s", exc)
    if counts is None:
        result = poller.poll(
            ids, force=everything, cancel=cancel, on_event=forward, search_ids=search_ids, on_search=searched,
            compare_ids=compare_ids, on_compare=searched,
        )  # fmt: skip
        counts = RoundCounts(result.checked, len(result.alerts), result.locked_by)
    flush()
    if ledger is not None:
        report(("quota", ledger.remaining))
    plan = poller.plan().describe(core_text)
    return RoundDone(counts.checked, counts.alerts, plan, counts.locked_by)

"""One round of watchlist polling: fetch what is due (through the app's one client, limiter and quota
ledger), turn each answer into an observation, apply the rules, write the outcome; then run the saved
searches that are due (core/watch/saved_searches.py) through the same client."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from xianyu_desktop.core.errors import ErrorKind
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.limits import TierSpec
from xianyu_desktop.core.items.status import ItemStatus
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.storage.locks import LockHolder, StoreLock
from xianyu_desktop.core.timeutil import next_beijing_midnight
from xianyu_desktop.core.watch.plan import PollIntervals, PollPlan, make_plan
from xianyu_desktop.core.watch.rules import HistoryPoint, Observation, WatchState, observe
from xianyu_desktop.core.watch.saved_searches import RoundOutcome, SavedSearch, SavedSearches, search_round
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist

HEARTBEAT_S = 20.0  # well inside the lock's 2 minutes


@dataclass(slots=True)
class PollReport:
    checked: int = 0
    changes: list[tuple[str, HistoryPoint]] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    not_attempted: int = 0  # left unsent after an answer every item would get (in errors); still due
    searched: int = 0  # saved searches run
    search_errors: list[tuple[SavedSearch, str]] = field(default_factory=list)
    locked_by: LockHolder | None = None  # another poller held the store's poll lock: this round did nothing


@dataclass(frozen=True, slots=True)
class PollEvent:
    """Streamed per item while a round runs (for the GUI's rows)."""

    item_id: str
    result: FetchResult
    alerts: tuple[Alert, ...]
    state: WatchState | None  # the row as now stored; None when the item was removed meanwhile


@dataclass(frozen=True, slots=True)
class SearchEvent:
    """Streamed per saved search run: its row as now stored (None: removed meanwhile) and its new alerts."""

    search_id: int
    saved: SavedSearch | None
    alerts: tuple[Alert, ...]


def observation_of(result: FetchResult, at: float) -> Observation | None:
    """None when the answer says nothing about the item (a network error, a refused call)."""
    if result.item is not None:
        return Observation(at, result.item.status or ItemStatus.ONSALE, result.item.price, result.item.title)
    if result.failure is not None and result.failure.kind is ErrorKind.NOT_FOUND:
        return Observation(at, ItemStatus.GONE)
    return None


class Poller:
    def __init__(
        self,
        watchlist: Watchlist,
        lookup: ItemLookup,
        quota: Callable[[], int],
        tier: TierSpec,
        *,
        intervals: PollIntervals | None = None,
        clock: Callable[[], float] = time.time,
        searches: SavedSearches | None = None,
        searcher: Searcher | None = None,
        lock: StoreLock | None = None,
    ) -> None:
        self.watchlist = watchlist
        self.lookup = lookup
        self.quota = quota
        self.tier = tier
        self.intervals = intervals or PollIntervals()
        self.clock = clock
        self.searches = searches
        self.searcher = searcher
        self.lock = lock  # the store's poll lock: one poller at a time across processes (storage/locks.py)

    def plan(self) -> PollPlan:
        now = self.clock()
        reset = next_beijing_midnight(dt.datetime.fromtimestamp(now, dt.UTC)).timestamp()
        saved = self.searches.all() if self.searches is not None and self.searcher is not None else []
        return make_plan(
            self.watchlist.status_counts(),
            remaining_today=self.quota(),
            daily_limit=self.tier.daily_calls,
            seconds_to_reset=reset - now,
            per_second=self.tier.per_second,
            intervals=self.intervals,
            searches=len(saved),
            search_pages=sum(s.pages_per_round for s in saved),
        )

    def poll(
        self,
        item_ids: list[str] | None = None,
        *,
        force: bool = False,
        cancel: threading.Event | None = None,
        on_event: Callable[[PollEvent], None] | None = None,
        search_ids: list[int] | None = None,
        on_search: Callable[[SearchEvent], None] | None = None,
    ) -> PollReport:
        """Check ``item_ids`` and run the saved searches ``search_ids``; by default (``item_ids`` None) what
        is due of both, and with ``item_ids`` given no saved search unless named. Scheduled rounds may use
        fresh cached answers; ``force`` asks the gateway for every item and page. With another poller
        holding the store's poll lock, nothing is done and ``locked_by`` says who holds it."""
        if self.lock is not None:
            holder = self.lock.acquire()
            if holder is not None:
                return PollReport(locked_by=holder)
        try:
            return self._poll(item_ids, force, cancel, on_event, search_ids, on_search)
        finally:
            if self.lock is not None:
                self.lock.release()

    def _poll(
        self,
        item_ids: list[str] | None,
        force: bool,
        cancel: threading.Event | None,
        on_event: Callable[[PollEvent], None] | None,
        search_ids: list[int] | None,
        on_search: Callable[[SearchEvent], None] | None,
    ) -> PollReport:
        plan = self.plan()
        beat = time.monotonic()
        report = PollReport()
        if item_ids is None:
            if plan.paused:
                return report
            item_ids = self.watchlist.due(self.clock())
            if search_ids is None and self.searches is not None:
                search_ids = self.searches.due(self.clock())
        for result in self.lookup.lookup_many(item_ids, force=force, cancel=cancel):
            if result.failure is not None and result.failure.kind in (ErrorKind.CANCELLED, ErrorKind.NOT_ATTEMPTED):
                report.not_attempted += result.failure.kind is ErrorKind.NOT_ATTEMPTED
                continue  # nothing was learnt about the item: it stays due
            if self.lock is not None and time.monotonic() - beat > HEARTBEAT_S:
                self.lock.heartbeat()
                beat = time.monotonic()
            at = result.fetched_at if result.fetched_at is not None else self.clock()
            state, alerts = self._apply(result, at, plan, report)
            report.checked += 1
            if on_event is not None:
                on_event(PollEvent(result.item_id, result, tuple(alerts), state))
        for search_id in search_ids or []:
            if cancel is not None and cancel.is_set():
                break
            if self.lock is not None:
                self.lock.heartbeat()
            self._run_search(search_id, plan, report, force=force, cancel=cancel, on_search=on_search)
        return report

    def _run_search(
        self,
        search_id: int,
        plan: PollPlan,
        report: PollReport,
        *,
        force: bool,
        cancel: threading.Event | None,
        on_search: Callable[[SearchEvent], None] | None,
    ) -> None:
        """One round of one saved search, written; a cancelled round leaves it due."""
        if self.searches is None or self.searcher is None:
            return
        saved = self.searches.get(search_id)
        if saved is None:
            return
        outcome = search_round(self.searcher, saved, force=force, cancel=cancel)
        alerts: list[Alert] = []
        if isinstance(outcome, RoundOutcome):
            interval = plan.search_interval
            next_run = self.clock() + (interval if interval != float("inf") else self.intervals.gone)
            alerts = self.searches.record_round(search_id, outcome, next_run)
            report.alerts.extend(alerts)
        elif outcome.kind is ErrorKind.CANCELLED:
            return
        else:
            message = f"{outcome.kind.label}：{outcome.message}"
            retry = self.intervals.after_error
            if outcome.kind is ErrorKind.QUOTA_EXHAUSTED and outcome.retry_after:
                retry = max(retry, outcome.retry_after)
            self.searches.record_error(search_id, message, self.clock(), self.clock() + retry)
            report.search_errors.append((saved, message))
        report.searched += 1
        if on_search is not None:
            on_search(SearchEvent(search_id, self.searches.get(search_id), tuple(alerts)))

    def _apply(
        self, result: FetchResult, at: float, plan: PollPlan, report: PollReport
    ) -> tuple[WatchState | None, list[Alert]]:
        """Write what the answer means; returns the item's row as stored now and the new alerts."""
        state = self.watchlist.get(result.item_id)
        if state is None:
            return None, []
        seen = observation_of(result, at)
        if seen is None:
            assert result.failure is not None
            message = f"{result.failure.kind.label}：{result.failure.message}"
            retry = self.intervals.after_error
            if result.failure.kind is ErrorKind.QUOTA_EXHAUSTED and result.failure.retry_after:
                retry = max(retry, result.failure.retry_after)
            next_check = self.clock() + retry
            self.watchlist.record_error(result.item_id, message, at, next_check)
            report.errors.append((result.item_id, message))
            return replace(state, last_error=message, last_checked=at, next_check=next_check), []
        outcome = observe(state, seen)
        interval = plan.interval_for(outcome.state.last_status)
        next_check = self.clock() + (interval if interval != float("inf") else self.intervals.gone)
        alerts = self.watchlist.record(outcome, next_check)
        if outcome.history is not None:
            report.changes.append((result.item_id, outcome.history))
        report.alerts.extend(alerts)
        return replace(outcome.state, next_check=next_check), alerts

"""One round of watchlist polling: fetch what is due (through the app's one client, limiter and quota
ledger), turn each answer into an observation, apply the rules, write the outcome; then compare the
market of my listings that are due (core/watch/mine.py) on the round's fresh answer of each (it is always
in the round: no extra call for the item), and run the saved searches that are due
(core/watch/saved_searches.py), all through the same client."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from xianyu_desktop.core.errors import ErrorKind
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.limits import Cancelled, TierSpec
from xianyu_desktop.core.items.status import ItemStatus
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.market.gather import DEFAULT_MAX_CALLS, split_budget
from xianyu_desktop.core.market.service import MarketService
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.storage.locks import LockHolder, StoreLock
from xianyu_desktop.core.timeutil import next_beijing_midnight
from xianyu_desktop.core.watch.mine import MarketSummary, MyListings
from xianyu_desktop.core.watch.plan import PollIntervals, PollPlan, make_plan
from xianyu_desktop.core.watch.rules import HistoryPoint, Observation, WatchState, observe
from xianyu_desktop.core.watch.saved_searches import RoundOutcome, SavedSearch, SavedSearches, search_round
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist

HEARTBEAT_S = 20.0  # well inside the lock's 2 minutes
# The answers of a round are written a few at a time, one commit each time: when WRITE_ITEMS are in hand or
# WRITE_SECONDS have passed since the last write (at a tier's pace, every answer as it comes).
WRITE_ITEMS = 20
WRITE_SECONDS = 0.1


@dataclass(slots=True)
class PollReport:
    checked: int = 0
    changes: list[tuple[str, HistoryPoint]] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    not_attempted: int = 0  # left unsent after an answer every item would get (in errors); still due
    searched: int = 0  # saved searches run
    search_errors: list[tuple[SavedSearch, str]] = field(default_factory=list)
    compared: int = 0  # my listings whose market was compared
    compare_errors: list[tuple[str, str]] = field(default_factory=list)
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


@dataclass(frozen=True, slots=True)
class CompareEvent:
    """Streamed per comparison of my listing: its stored summary (None when it failed) and new alerts."""

    item_id: str
    summary: MarketSummary | None
    alerts: tuple[Alert, ...]
    error: str | None = None


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
        market: MarketService | None = None,
        compare_max_calls: int = DEFAULT_MAX_CALLS,
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
        self.market = market
        self.compare_max_calls = compare_max_calls
        self.mine = MyListings(watchlist.store)

    def comparison_calls(self) -> int:
        """The calls one comparison of my listing is planned to take (the item comes with the round)."""
        if self.market is None:
            return 0
        return sum(split_budget(self.compare_max_calls, self.market.tier))

    def plan(self) -> PollPlan:
        now = self.clock()
        reset = next_beijing_midnight(dt.datetime.fromtimestamp(now, dt.UTC)).timestamp()
        saved = self.searches.all() if self.searches is not None and self.searcher is not None else []
        mine = len(self.mine.mine_ids()) if self.market is not None else 0
        return make_plan(
            self.watchlist.status_counts(),
            remaining_today=self.quota(),
            daily_limit=self.tier.daily_calls,
            seconds_to_reset=reset - now,
            per_second=self.tier.per_second,
            intervals=self.intervals,
            searches=len(saved),
            search_pages=sum(s.pages_per_round for s in saved),
            comparisons=mine,
            comparison_calls=mine * self.comparison_calls(),
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
        compare_ids: list[str] | None = None,
        on_compare: Callable[[CompareEvent], None] | None = None,
    ) -> PollReport:
        """Check ``item_ids``, compare the markets of my listings ``compare_ids`` (they join the round's
        items) and run the saved searches ``search_ids``; by default (``item_ids`` None) what is due of all
        three, and with ``item_ids`` given no comparison or saved search unless named. Scheduled rounds may
        use fresh cached answers; ``force`` asks the gateway for every item and page. With another poller
        holding the store's poll lock, nothing is done and ``locked_by`` says who holds it."""
        if self.lock is not None:
            holder = self.lock.acquire()
            if holder is not None:
                return PollReport(locked_by=holder)
        try:
            return self._poll(item_ids, force, cancel, on_event, search_ids, on_search, compare_ids, on_compare)
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
        compare_ids: list[str] | None,
        on_compare: Callable[[CompareEvent], None] | None,
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
            if compare_ids is None and self.market is not None:
                compare_ids = self.mine.due(self.clock())
        compare_ids = list(dict.fromkeys(compare_ids or [])) if self.market is not None else []
        item_ids = list(dict.fromkeys([*item_ids, *compare_ids]))
        fresh: dict[str, FetchResult] = {}
        pending: list[FetchResult] = []  # answers not written yet (at most WRITE_ITEMS, WRITE_SECONDS)
        written = time.monotonic()
        try:
            for result in self.lookup.lookup_many(item_ids, force=force, cancel=cancel):
                if result.item_id in compare_ids:
                    fresh[result.item_id] = result
                if self.lock is not None and time.monotonic() - beat > HEARTBEAT_S:
                    self.lock.heartbeat()
                    beat = time.monotonic()
                pending.append(result)
                if len(pending) >= WRITE_ITEMS or time.monotonic() - written >= WRITE_SECONDS:
                    group, pending = pending, []
                    self._write_group(group, plan, report, on_event)
                    written = time.monotonic()
        finally:
            if pending:  # the answers in hand are written even when the round stops on a failure
                self._write_group(pending, plan, report, on_event)
        for item_id in compare_ids:
            if cancel is not None and cancel.is_set():
                break
            self._compare(item_id, fresh.get(item_id), plan, report, force=force, cancel=cancel, on_compare=on_compare)
        for search_id in search_ids or []:
            if cancel is not None and cancel.is_set():
                break
            if self.lock is not None:
                self.lock.heartbeat()
            self._run_search(search_id, plan, report, force=force, cancel=cancel, on_search=on_search)
        return report

    def _write_group(
        self,
        results: list[FetchResult],
        plan: PollPlan,
        report: PollReport,
        on_event: Callable[[PollEvent], None] | None,
    ) -> None:
        """Write what a few answers mean in one transaction of the store (one commit, not one per item);
        each item's writes stay atomic, and a failure keeps the items written before it. The rows' events
        follow the commit."""
        events: list[PollEvent] = []
        try:
            with self.watchlist.store.db.batch():
                for result in results:
                    failure = result.failure
                    if failure is not None and failure.kind in (ErrorKind.CANCELLED, ErrorKind.NOT_ATTEMPTED):
                        report.not_attempted += failure.kind is ErrorKind.NOT_ATTEMPTED
                        continue  # nothing was learnt about the item: it stays due
                    at = result.fetched_at if result.fetched_at is not None else self.clock()
                    state, alerts = self._apply(result, at, plan, report)
                    report.checked += 1
                    events.append(PollEvent(result.item_id, result, tuple(alerts), state))
        finally:
            if on_event is not None:
                for event in events:
                    on_event(event)

    def _compare(
        self,
        item_id: str,
        result: FetchResult | None,
        plan: PollPlan,
        report: PollReport,
        *,
        force: bool,
        cancel: threading.Event | None,
        on_compare: Callable[[CompareEvent], None] | None,
    ) -> None:
        """One comparison of my listing on the round's answer of it, written; a cancelled one stays due.
        An item the round did not get, or that is not on sale, is not compared (nothing to undercut)."""
        assert self.market is not None
        interval = plan.compare_interval
        next_compare = self.clock() + (interval if interval != float("inf") else self.intervals.gone)
        error: str | None = None
        summary: MarketSummary | None = None
        alerts: list[Alert] = []
        market_failed = False
        if result is None or result.item is None or result.raw is None:
            failure = result.failure if result is not None else None
            if failure is not None and failure.kind is ErrorKind.CANCELLED:
                return
            error = "没有取到商品本身，没有比价" + (f"（{failure.kind.label}：{failure.message}）" if failure else "")
            next_compare = self.clock() + self.intervals.after_error
        elif (result.item.status or ItemStatus.ONSALE) != ItemStatus.ONSALE:
            error = "商品不在售，没有比价"
        else:
            try:
                market = self.market.compare_item(
                    result.item, result.raw, max_calls=self.compare_max_calls, force=force, cancel=cancel
                )
            except Cancelled:
                return
            if market.market_failed:
                market_failed = True
                error = "；".join(f.describe() for f in market.failures) or "同款行情没有取到"
                next_compare = self.clock() + self.intervals.after_error
            else:
                at = self.clock()
                alerts = self.mine.record(market, at, next_compare)
                summary = self.mine.summary(item_id)
        if error is not None:
            self.mine.record_error(item_id, error, next_compare)
            if result is None or result.item is None or market_failed:
                report.compare_errors.append((item_id, error))
        else:
            report.compared += 1
            report.alerts.extend(alerts)
        if on_compare is not None:
            on_compare(CompareEvent(item_id, summary, tuple(alerts), error))

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

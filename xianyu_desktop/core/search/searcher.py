"""A keyword search as a seller runs it: pages fetched one after another through the shared client (the
same limiter, daily quota, ledger and audit log as item_get), each page answered from the search cache
when it was fetched a couple of minutes ago, the listings de-duplicated by item id across pages, the
whole run cancellable between pages and while a page waits for its slot.

``plan`` says before a search how many calls it may take (pages not in the cache) against what is left
today; ``run`` yields one ``SearchStep`` per page as it arrives and stops at the listing limit, the
last page, the 2,000-result cap, a failure or a cancel.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import NamedTuple

from xianyu_desktop.core.errors import ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.client import CANCEL_CHECK_S, ItemClient
from xianyu_desktop.core.gateway.limits import PACING_MARGIN, Cancelled, TierSpec
from xianyu_desktop.core.gateway.search import (
    MAX_PAGE_SIZE,
    MAX_RESULTS,
    Listing,
    SearchPage,
    SearchQuery,
    dedup_listings,
    page_from_cache,
)
from xianyu_desktop.core.storage.search_cache import SearchPageCache
from xianyu_desktop.core.thread_priority import lower_current_thread

SEARCH_PAGE_SIZE = MAX_PAGE_SIZE  # a page costs one call whatever its size: ask for the most
PIPELINE = 3  # pages asked at once after the first: enough to keep the tier's pace through a round trip


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """What a search may spend: at most ``pages`` pages, of which ``cached`` are answered by the cache."""

    pages: int
    cached: int
    remaining: int  # calls left today
    tier: TierSpec

    @property
    def calls(self) -> int:
        """Calls at most (a search that ends early spends fewer; retries come on top)."""
        return self.pages - self.cached

    @property
    def fits(self) -> bool:
        return self.calls <= self.remaining

    @property
    def seconds(self) -> float:
        return min(self.calls, self.remaining) * (1 + PACING_MARGIN) / self.tier.per_second


@dataclass(frozen=True, slots=True)
class SearchStep:
    """One page of a run: the listings not seen on an earlier page, and what the gateway said of the rest."""

    page_no: int
    listings: tuple[Listing, ...] = ()
    total_results: int = 0
    has_more: bool = False
    from_cache: bool = False
    fetched_at: float | None = None
    repeated: int = 0  # listings of this page already shown on an earlier one (results shift over time)
    unreadable: tuple[str, ...] = ()
    unreadable_count: int = 0
    attempts: int = 0  # calls this page took (0 from the cache)
    failure: GatewayFailure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def pages_for(query: SearchQuery, limit: int) -> int:
    """Pages needed to collect ``limit`` listings from ``query.page_no`` on, within the 2,000-result cap."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    return max(0, min(math.ceil(limit / query.page_size), query.last_page_allowed - query.page_no + 1))


class Searcher:
    def __init__(
        self,
        client: ItemClient,
        cache: SearchPageCache | None = None,
        *,
        on_cache_hit: Callable[[SearchQuery], None] | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self._on_cache_hit = on_cache_hit

    def plan(self, query: SearchQuery, limit: int, *, force: bool = False) -> SearchPlan:
        pages = pages_for(query, limit)
        cached = 0
        if not force and self.cache is not None:
            cached = sum(1 for n in range(pages) if self._cached(query.page(query.page_no + n)) is not None)
        spec = self.client.config.tier.spec
        return SearchPlan(pages, cached, self.client.quota.remaining, spec)

    def run(
        self,
        query: SearchQuery,
        limit: int,
        *,
        seen: Collection[str] = (),
        force: bool = False,
        cancel: threading.Event | None = None,
    ) -> Iterator[SearchStep]:
        """Pages from ``query.page_no`` until ``limit`` new listings (not in ``seen``) are collected, the
        results end or a page fails (its step carries the failure, and the run stops). ``force`` asks the
        gateway even for pages the cache holds (刷新, ``--no-cache``).

        The first page goes alone: its ``total_results`` says how many pages there are. The rest are asked
        ``PIPELINE`` at a time (each still in its own slot of the shared limiter), so a long search runs at
        the tier's rate rather than at one page per round trip, and no page past the end is paid for.
        Steps come out in page order, de-duplicated in that order."""
        wanted = pages_for(query, limit)
        if wanted == 0:
            return
        shown = set(seen)
        collected = 0

        def step_of(fetched: _Fetched) -> SearchStep:
            nonlocal collected
            step = fetched.step(shown)
            if step.listings and collected + len(step.listings) > limit:
                step = dataclasses.replace(step, listings=step.listings[: limit - collected])
            collected += len(step.listings)
            shown.update(listing.item_id for listing in step.listings)
            return step

        if cancel is not None and cancel.is_set():
            yield SearchStep(query.page_no, failure=_cancelled())
            return
        first = step_of(self._fetch(query, force, cancel))
        yield first
        if not first.ok or not first.has_more or collected >= limit:
            return
        last = min(query.page_no + wanted - 1, math.ceil(min(first.total_results, MAX_RESULTS) / query.page_size))
        numbers = iter(range(query.page_no + 1, last + 1))
        stop = threading.Event()
        pool = ThreadPoolExecutor(PIPELINE, "search-page", initializer=lower_current_thread)
        pending: deque[tuple[int, Future[_Fetched]]] = deque()

        def ask_next() -> None:
            """Up to PIPELINE pages in flight; one at a time when today's quota is nearly spent, so the
            pages that get the last calls are the first ones, and the one refused is the last."""
            while len(pending) < PIPELINE:
                if pending and self.client.quota.remaining <= 2 * PIPELINE:
                    return
                number = next(numbers, None)
                if number is None:
                    return
                pending.append((number, pool.submit(self._fetch, query.page(number), force, stop)))

        if cancel is not None and cancel.is_set():
            yield SearchStep(first.page_no + 1, failure=_cancelled())
            return
        try:
            ask_next()
            while pending:
                number, future = pending.popleft()
                while True:
                    if cancel is not None and cancel.is_set():
                        stop.set()
                        yield SearchStep(number, failure=_cancelled())
                        return
                    try:
                        fetched = future.result(timeout=CANCEL_CHECK_S)
                        break
                    except FutureTimeout:
                        continue
                step = step_of(fetched)
                yield step
                if not step.ok or not step.has_more or collected >= limit:
                    return
                ask_next()
        finally:
            stop.set()  # pages still waiting for a slot are not sent (their calls refunded)
            pool.shutdown(wait=False)

    def page(
        self,
        query: SearchQuery,
        *,
        seen: Collection[str] = (),
        force: bool = False,
        cancel: threading.Event | None = None,
    ) -> SearchStep:
        """One page (the cache's when fresh, unless ``force``); never raises for the gateway's trouble."""
        return self._fetch(query, force, cancel).step(seen)

    def _fetch(self, query: SearchQuery, force: bool, cancel: threading.Event | None) -> _Fetched:
        cached = None if force else self._cached(query)
        if cached is not None:
            page, fetched_at = cached
            if self._on_cache_hit is not None:
                self._on_cache_hit(query)
            return _Fetched(query.page_no, page, None, True, fetched_at, 0)
        try:
            page, attempts = self.client.search_page(query, cancel=cancel)
        except GatewayError as exc:
            return _Fetched(query.page_no, None, exc.failure, False, None, exc.attempts)
        except Cancelled:
            return _Fetched(query.page_no, None, _cancelled(), False, None, 0)
        fetched_at = self.client.now()
        if self.cache is not None:
            self.cache.put(query.private_params(), page.to_cache())
        return _Fetched(query.page_no, page, None, False, fetched_at, attempts)

    def _cached(self, query: SearchQuery) -> tuple[SearchPage, float] | None:
        if self.cache is None:
            return None
        hit = self.cache.get(query.private_params())
        if hit is None:
            return None
        page = page_from_cache(hit.page, query)
        return None if page is None else (page, hit.fetched_at)


class _Fetched(NamedTuple):
    """One page as it came (from the gateway or the cache), before de-duplication against the run."""

    page_no: int
    page: SearchPage | None
    failure: GatewayFailure | None
    from_cache: bool
    fetched_at: float | None
    attempts: int

    def step(self, seen: Collection[str]) -> SearchStep:
        if self.page is None:
            return SearchStep(self.page_no, failure=self.failure, attempts=self.attempts)
        page = self.page
        fresh = dedup_listings(page.listings, seen)
        return SearchStep(
            page_no=page.page_no,
            listings=tuple(fresh),
            total_results=page.total_results,
            has_more=page.has_more,
            from_cache=self.from_cache,
            fetched_at=self.fetched_at,
            repeated=len(page.listings) - len(fresh),
            unreadable=page.unreadable,
            unreadable_count=page.unreadable_count,
            attempts=self.attempts,
        )


def _cancelled() -> GatewayFailure:
    return GatewayFailure(ErrorKind.CANCELLED, "搜索已取消")

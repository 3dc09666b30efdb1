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
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from xianyu_desktop.core.errors import ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.client import ItemClient
from xianyu_desktop.core.gateway.limits import PACING_MARGIN, Cancelled, TierSpec
from xianyu_desktop.core.gateway.search import (
    MAX_PAGE_SIZE,
    Listing,
    SearchPage,
    SearchQuery,
    dedup_listings,
    page_from_cache,
)
from xianyu_desktop.core.storage.search_cache import SearchPageCache

SEARCH_PAGE_SIZE = MAX_PAGE_SIZE  # a page costs one call whatever its size: ask for the most


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
        gateway even for pages the cache holds (刷新, ``--no-cache``)."""
        shown = set(seen)
        collected = 0
        for n in range(pages_for(query, limit)):
            if cancel is not None and cancel.is_set():
                yield SearchStep(query.page_no + n, failure=_cancelled())
                return
            page_query = query.page(query.page_no + n)
            step = self.page(page_query, seen=shown, force=force, cancel=cancel)
            if step.listings and collected + len(step.listings) > limit:
                step = dataclasses.replace(step, listings=step.listings[: limit - collected])
            collected += len(step.listings)
            shown.update(listing.item_id for listing in step.listings)
            yield step
            if not step.ok or not step.has_more or collected >= limit:
                return

    def page(
        self,
        query: SearchQuery,
        *,
        seen: Collection[str] = (),
        force: bool = False,
        cancel: threading.Event | None = None,
    ) -> SearchStep:
        """One page (the cache's when fresh, unless ``force``); never raises for the gateway's trouble."""
        cached = None if force else self._cached(query)
        if cached is not None:
            page, fetched_at = cached
            if self._on_cache_hit is not None:
                self._on_cache_hit(query)
            return _step(page, seen, from_cache=True, fetched_at=fetched_at, attempts=0)
        try:
            page, attempts = self.client.search_page(query, cancel=cancel)
        except GatewayError as exc:
            return SearchStep(query.page_no, failure=exc.failure, attempts=exc.attempts)
        except Cancelled:
            return SearchStep(query.page_no, failure=_cancelled())
        fetched_at = self.client.now()
        if self.cache is not None:
            self.cache.put(query.private_params(), page.to_cache())
        return _step(page, seen, from_cache=False, fetched_at=fetched_at, attempts=attempts)

    def _cached(self, query: SearchQuery) -> tuple[SearchPage, float] | None:
        if self.cache is None:
            return None
        hit = self.cache.get(query.private_params())
        if hit is None:
            return None
        page = page_from_cache(hit.page, query)
        return None if page is None else (page, hit.fetched_at)


def _step(page: SearchPage, seen: Collection[str], *, from_cache: bool, fetched_at: float, attempts: int) -> SearchStep:
    fresh = dedup_listings(page.listings, seen)
    return SearchStep(
        page_no=page.page_no,
        listings=tuple(fresh),
        total_results=page.total_results,
        has_more=page.has_more,
        from_cache=from_cache,
        fetched_at=fetched_at,
        repeated=len(page.listings) - len(fresh),
        unreadable=page.unreadable,
        unreadable_count=page.unreadable_count,
        attempts=attempts,
    )


def _cancelled() -> GatewayFailure:
    return GatewayFailure(ErrorKind.CANCELLED, "搜索已取消")

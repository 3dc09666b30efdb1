"""What an export contains: the watchlist (with the last full answer cached for each item and its
price history), the current lookup results or the search results (their summary fields)."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from xianyu_desktop.core.export.writer import ExportRow, HistoryRow
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.search import Listing
from xianyu_desktop.core.lookup import result_from_cache
from xianyu_desktop.core.market.completion import complete_fields
from xianyu_desktop.core.market.vocabulary import Vocabulary
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.watch.mine import MyListings
from xianyu_desktop.core.watch.watchlist import Watchlist


def watchlist_rows(
    watchlist: Watchlist,
    cache: ItemCache,
    vocabulary: Vocabulary | None = None,
    *,
    cancel: threading.Event | None = None,
) -> tuple[list[ExportRow], list[HistoryRow]]:
    """Each watched item with its cached answer, its last comparison (when it has one) and, given the
    vocabulary, its fields completed from the title (marked inferred); and the price history. A cancel
    stops it early (what it returns then is incomplete: the caller checks ``cancel``)."""
    states = watchlist.items()
    latest = cache.latest(s.item_id for s in states)
    summaries = MyListings(watchlist.store).summaries()
    rows: list[ExportRow] = []
    for n, state in enumerate(states):
        if n % 500 == 0 and cancel is not None and cancel.is_set():
            return rows, []
        hit = latest.get(state.item_id)
        cached = result_from_cache(hit) if hit is not None else None
        item = cached.item if cached is not None else None
        fetched = hit.fetched_at if hit is not None else state.last_checked
        completion = complete_fields(item, vocabulary) if item is not None and vocabulary is not None else None
        rows.append(ExportRow(state.item_id, item, fetched, state, summaries.get(state.item_id), completion))
    titles = {s.item_id: s.title for s in states}
    history = [HistoryRow(item_id, titles.get(item_id), point) for item_id, point in watchlist.all_history()]
    return rows, history


def result_rows(results: Iterable[FetchResult], vocabulary: Vocabulary | None = None) -> list[ExportRow]:
    """Lookup results; given the vocabulary, with their fields completed from the title (marked inferred)."""
    return [
        ExportRow(
            r.item_id,
            r.item,
            r.fetched_at,
            completion=complete_fields(r.item, vocabulary) if r.item is not None and vocabulary is not None else None,
        )
        for r in results
    ]


def listing_rows(listings: Iterable[tuple[Listing, float | None]]) -> list[ExportRow]:
    """Search results as shown, each with when its page was answered: the summary fields fill their
    columns (title, price, condition, location, listed time, seller, link); the rest stay empty."""
    return [ExportRow(listing.item_id, listing.as_item(), fetched_at) for listing, fetched_at in listings]

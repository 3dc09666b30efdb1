"""Saved searches (关键词监控): a query with an optional max price, condition and location, run with the
watchlist's rounds (core/watch/poller.py) inside the same quota plan, that alerts on listings it has not
seen before.

Rules (each one tested in tests/e2e/test_saved_searches.py):
  - A round is one search, newest listings first (``time_desc``), the max price sent as ``end_price``, at
    most ``ROUND_PAGES`` pages of 50: a round costs its pages' calls. A search whose total is above that
    cap is "too broad" (the list and the window say: add a max price or words).
  - The first round after saving is a silent baseline: it records what it saw and alerts on nothing.
  - Afterwards each listing id this search has never seen raises one ``new_listing`` alert (query, item id,
    title, price) and is remembered, so it never alerts again. A listing that falls to the max price
    enters the results then for the first time and so alerts once: for a seller that is a new offer.
  - A listing above the max price is never alerted (nor remembered) even if the gateway returned it.
  - In a too-broad search the oldest listings drift in past the cap as newer ones sell; a listing older
    than the oldest one the last capped round reached is remembered silently, not alerted.
  - Seen ids are kept while they keep showing up; an id not seen for ``FORGET_AFTER_S`` (30 days) is
    forgotten, so a listing that comes back after that long alerts once more.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from xianyu_desktop.core.errors import GatewayFailure
from xianyu_desktop.core.gateway.search import Listing, SearchQuery, SearchSort, parse_price
from xianyu_desktop.core.search.searcher import SEARCH_PAGE_SIZE, Searcher
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.alerts import AlertKind, alert_subject, new_listing_sentence
from xianyu_desktop.core.watch.watchlist import Alert

ROUND_PAGES = 2
ROUND_LISTINGS = ROUND_PAGES * SEARCH_PAGE_SIZE
FORGET_AFTER_S = 30 * 24 * 3600

_COLUMNS = (
    "s.id, s.query, s.max_price, s.condition, s.location, s.created_at, s.last_run, s.next_run, s.total_results,"
    " s.baseline_done, s.new_count, s.horizon, s.last_error,"
    " (SELECT count(*) FROM saved_search_seen seen WHERE seen.search_id = s.id)"
)


class SavedSearchError(ValueError):
    """An id that names no saved search."""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    id: int
    query: str
    max_price: Decimal | None
    condition: str | None
    location: str | None
    created_at: float
    last_run: float | None = None
    next_run: float | None = None
    total_results: int | None = None  # as the last round's first page said
    baseline_done: bool = False
    new_count: int = 0  # new_listing alerts raised so far
    horizon: float | None = None  # the oldest listing time a capped round reached (epoch seconds)
    last_error: str | None = None
    seen_count: int = 0

    def search_query(self) -> SearchQuery:
        return saved_query(self.query, self.max_price, self.condition, self.location)

    @property
    def too_broad(self) -> bool:
        """More results than a round reads: the newest are still seen, but add a max price or words."""
        return self.total_results is not None and self.total_results > ROUND_LISTINGS

    @property
    def pages_per_round(self) -> int:
        """What a round is expected to cost: its pages (the cap until a round has said the total)."""
        if self.total_results is None:
            return ROUND_PAGES
        return max(1, min(ROUND_PAGES, math.ceil(self.total_results / SEARCH_PAGE_SIZE)))


def saved_query(
    text: str, max_price: Decimal | str | None = None, condition: str | None = None, location: str | None = None
) -> SearchQuery:
    """The search a saved search runs, checked as the gateway would check it (SearchQueryError, a
    UserError, in plain words). ``max_price`` may be the seller's text (``5000``, ``¥4,999.5``)."""
    price = parse_price(max_price, "最高价") if isinstance(max_price, str) else max_price
    return SearchQuery(
        text,
        page_size=SEARCH_PAGE_SIZE,
        sort=SearchSort.TIME_DESC,
        end_price=price,
        condition=(condition or "").strip() or None,
        location=location,
    )


@dataclass(frozen=True, slots=True)
class RoundOutcome:
    """What one successful round found: every listing the pages held (in order) and the first page's total."""

    listings: tuple[Listing, ...]
    total_results: int
    at: float


def search_round(
    searcher: Searcher, saved: SavedSearch, *, force: bool = False, cancel: threading.Event | None = None
) -> RoundOutcome | GatewayFailure:
    """One round's pages (at most ROUND_PAGES calls); the failure of a page that failed (nothing of the
    round is then recorded: the search stays due after the error interval, or at once when cancelled)."""
    listings: list[Listing] = []
    total = 0
    at = searcher.client.now()
    for step in searcher.run(saved.search_query(), ROUND_LISTINGS, force=force, cancel=cancel):
        if step.failure is not None:
            return step.failure
        if step.page_no == 1:
            total = step.total_results
            at = step.fetched_at if step.fetched_at is not None else at
        listings.extend(step.listings)
    return RoundOutcome(tuple(listings), total, at)


def _decimal(text: Any) -> Decimal | None:
    try:
        return None if text is None else Decimal(str(text))
    except InvalidOperation:
        return None


def _saved(row: Sequence[Any]) -> SavedSearch:
    (sid, query, max_price, condition, location, created, last_run, next_run, total, baseline, new_count, horizon,
     error, seen) = row  # fmt: skip
    return SavedSearch(
        sid, query, _decimal(max_price), condition, location, created, last_run, next_run, total, bool(baseline),
        new_count, horizon, error, seen,
    )  # fmt: skip


def _listing_time(listing: Listing) -> float | None:
    return None if listing.valid_time is None else listing.valid_time.timestamp()


class SavedSearches:
    """The saved searches in the user's store, their seen ids and the alerts they raise."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _conn(self) -> sqlite3.Connection:
        return self.store.db.connection()

    def add(self, query: SearchQuery, *, now: float) -> SavedSearch:
        """Saves ``query`` (from ``saved_query``); its first round is due at once and is the baseline."""
        with self.store.db.write() as conn:
            sid = conn.execute(
                "INSERT INTO saved_searches (query, max_price, condition, location, created_at) VALUES (?, ?, ?, ?, ?)",
                (
                    query.q,
                    None if query.end_price is None else str(query.end_price),
                    query.condition,
                    query.location,
                    now,
                ),
            ).lastrowid
        assert sid is not None
        saved = self.get(sid)
        assert saved is not None
        return saved

    def remove(self, search_id: int) -> bool:
        """Forgets the search and what it saw; its alerts stay (they name their query)."""
        with self.store.db.write() as conn:
            return bool(conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,)).rowcount)

    def get(self, search_id: int) -> SavedSearch | None:
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM saved_searches s WHERE s.id = ?", (search_id,)).fetchone()
        return None if row is None else _saved(row)

    def all(self) -> list[SavedSearch]:
        return [_saved(row) for row in self._conn().execute(f"SELECT {_COLUMNS} FROM saved_searches s ORDER BY s.id")]

    def ids(self) -> list[int]:
        return [row[0] for row in self._conn().execute("SELECT id FROM saved_searches ORDER BY id")]

    def due(self, now: float) -> list[int]:
        """Never run or whose next run has come, the longest waiting first."""
        rows = self._conn().execute(
            "SELECT id FROM saved_searches WHERE next_run IS NULL OR next_run <= ?"
            " ORDER BY next_run IS NOT NULL, next_run, id",
            (now,),
        )
        return [row[0] for row in rows]

    def pages_per_round(self) -> int:
        """The calls one round of every saved search is expected to take (for the quota plan)."""
        return sum(saved.pages_per_round for saved in self.all())

    def seen_ids(self, search_id: int) -> set[str]:
        rows = self._conn().execute("SELECT item_id FROM saved_search_seen WHERE search_id = ?", (search_id,))
        return {row[0] for row in rows}

    def record_error(self, search_id: int, message: str, at: float, next_run: float) -> None:
        with self.store.db.write() as conn:
            conn.execute(
                "UPDATE saved_searches SET last_error = ?, last_run = ?, next_run = ? WHERE id = ?",
                (message, at, next_run, search_id),
            )

    def record_round(self, search_id: int, outcome: RoundOutcome, next_run: float) -> list[Alert]:
        """Writes one round in one transaction: the ids seen, the alerts for the new ones (none in the
        baseline round), the times; returns the alerts (none when the search was removed meanwhile)."""
        with self.store.db.write() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM saved_searches s WHERE s.id = ?", (search_id,)).fetchone()
            if row is None:
                return []
            saved = _saved(row)
            seen = {
                r[0] for r in conn.execute("SELECT item_id FROM saved_search_seen WHERE search_id = ?", (search_id,))
            }
            fresh, remembered = _new_listings(saved, outcome.listings, seen)
            alerts = [] if not saved.baseline_done else [self._alert(conn, saved, item, outcome.at) for item in fresh]
            conn.executemany(
                "INSERT INTO saved_search_seen (search_id, item_id, last_seen) VALUES (?, ?, ?)"
                " ON CONFLICT (search_id, item_id) DO UPDATE SET last_seen = excluded.last_seen",
                [(search_id, item_id, outcome.at) for item_id in remembered],
            )
            conn.execute(
                "DELETE FROM saved_search_seen WHERE search_id = ? AND last_seen < ?",
                (search_id, outcome.at - FORGET_AFTER_S),
            )
            capped = outcome.total_results > len(outcome.listings)
            times = [t for t in map(_listing_time, outcome.listings) if t is not None]
            horizon = min(times) if capped and times else None
            conn.execute(
                "UPDATE saved_searches SET last_run = ?, next_run = ?, total_results = ?, baseline_done = 1,"
                " new_count = new_count + ?, horizon = ?, last_error = NULL WHERE id = ?",
                (outcome.at, next_run, outcome.total_results, len(alerts), horizon, search_id),
            )
            return alerts

    def _alert(self, conn: sqlite3.Connection, saved: SavedSearch, listing: Listing, at: float) -> Alert:
        price = None if listing.price is None else str(listing.price)
        message = new_listing_sentence(saved.query, alert_subject(listing.title, listing.item_id), listing.price)
        kind = AlertKind.NEW_LISTING
        alert_id = conn.execute(
            "INSERT INTO alerts (item_id, at, kind, old, new, message, last_price, search_id, query, title)"
            " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
            (listing.item_id, at, kind.value, price, message, price, saved.id, saved.query, listing.title),
        ).lastrowid
        assert alert_id is not None
        return Alert(
            alert_id, listing.item_id, at, kind, None, price, message, False, None, listing.price, saved.query,
            listing.title, saved.id,
        )  # fmt: skip


def _new_listings(saved: SavedSearch, listings: Iterable[Listing], seen: set[str]) -> tuple[list[Listing], list[str]]:
    """The listings to alert on (never seen, at or under the max price, not drifted in past the cap) and
    the ids to remember (every listing that matches, alerted or not)."""
    fresh: list[Listing] = []
    remembered: list[str] = []
    for listing in listings:
        if saved.max_price is not None and (listing.price is None or listing.price > saved.max_price):
            continue  # the gateway's answer is not trusted to have filtered: never alerted, never remembered
        remembered.append(listing.item_id)
        if listing.item_id in seen:
            continue
        listed = _listing_time(listing)
        if saved.horizon is not None and listed is not None and listed < saved.horizon:
            continue  # older than what the last capped round reached: it drifted in, it is not new
        fresh.append(listing)
        seen.add(listing.item_id)
    return fresh, remembered

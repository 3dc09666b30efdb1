"""The listings item_search pages through: a fixed market of the catalogue's own listings, indexed once.

Any 10-19 digit id is a listing to item_get, so the catalogue cannot be enumerated; a search needs a finite
market. ``market_ids`` picks one per seed: for each product, listings in proportion to how often it is
drawn (``LISTINGS_PER_WEIGHT`` per unit of weight: 280 iPhone 14 Pro, 40 of the rarest lens), including the
example item and every same_items peer, so what a search finds item_get serves and drifts the same way.
``Market`` keeps what a search reads of each (a ``Listing``: the title folded for matching, the epoch-0
price and status, the summary fields), about 4,100 listings for every seed; the prices and statuses of the
moment come from the catalogue's drift at search time.

Where PROTOCOL.md is silent this module chooses, in the manner of TOP's other search methods: ``default``
(relevance) puts titles that are mostly the query first (matched characters over title length, in
hundredths), then a fixed per-listing order; every sort ends on ``item_id`` so a page boundary is the same
for every call within an epoch.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from xianyu_desktop.sandbox.listing_words import h64, loose_price

LISTINGS_PER_WEIGHT = 40
SORTS = ("default", "price_asc", "price_desc", "time_desc")
SUMMARY_FIELDS = (
    "item_id", "title", "price", "pic_url", "condition", "location", "valid_time", "seller_id", "seller_nick",
    "status",
)  # fmt: skip


def fold(text: str) -> str:
    """Full-width to half-width (NFKC, which also turns the ideographic space into a space), then casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


class Listing(NamedTuple):
    item_id: str
    folded: str
    title: str
    cents0: int
    status0: str
    sold_ms0: int
    price_style: int
    condition: str
    location: str
    valid_time: int
    seller_id: str
    seller_nick: str
    order: int


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A checked item_search call: the words already folded, prices in cents (inclusive)."""

    words: tuple[str, ...]
    page_no: int = 1
    page_size: int = 20
    sort: str = "default"
    start_cents: int | None = None
    end_cents: int | None = None
    condition: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    items: list[dict[str, Any]]


def market_ids(
    seed: int,
    weights: list[int],
    product_of: Callable[[str], int],
    exists: Callable[[str], bool],
    candidate: Callable[[int], str],
    given: Iterable[tuple[int, str]],
) -> list[str]:
    """The market's ids: ``given`` (product, id) pairs first, then candidates until each product is full."""
    want = [w * LISTINGS_PER_WEIGHT for w in weights]
    out: list[str] = []
    seen: set[str] = set()

    def take(pi: int, item_id: str) -> None:
        if item_id not in seen and want[pi] > 0 and exists(item_id):
            seen.add(item_id)
            want[pi] -= 1
            out.append(item_id)

    for pi, item_id in given:
        take(pi, item_id)
    n = 0
    while any(w > 0 for w in want):
        item_id = candidate(n)
        n += 1
        take(product_of(item_id), item_id)
    return out


class Market:
    """The indexed listings; read-only once built, so searches may share it across threads."""

    def __init__(self, seed: int, listings: list[Listing]) -> None:
        self._seed = seed
        self.listings = tuple(listings)

    def search(self, query: SearchQuery, now: Callable[[Listing], tuple[str, int]], base_url: str) -> SearchPage:
        """One page of the listings on sale that match; ``now`` gives a listing's (status, cents) this epoch."""
        found: list[tuple[Listing, int]] = []
        for listing in self.listings:
            if not all(word in listing.folded for word in query.words):
                continue
            if query.condition is not None and listing.condition != query.condition:
                continue
            if query.location is not None and query.location not in listing.location:
                continue
            status, cents = now(listing)
            if status != "onsale":
                continue
            if query.start_cents is not None and cents < query.start_cents:
                continue
            if query.end_cents is not None and cents > query.end_cents:
                continue
            found.append((listing, cents))
        found.sort(key=_sort_key(query))
        first = (query.page_no - 1) * query.page_size
        page = found[first : first + query.page_size]
        return SearchPage(len(found), [_summary(listing, cents, base_url) for listing, cents in page])


def _sort_key(query: SearchQuery) -> Callable[[tuple[Listing, int]], tuple[int, int, str]]:
    matched = sum(len(w) for w in query.words)
    if query.sort == "price_asc":
        return lambda pair: (pair[1], 0, pair[0].item_id)
    if query.sort == "price_desc":
        return lambda pair: (-pair[1], 0, pair[0].item_id)
    if query.sort == "time_desc":
        return lambda pair: (-pair[0].valid_time, 0, pair[0].item_id)
    return lambda pair: (-(matched * 100 // max(1, len(pair[0].folded))), pair[0].order, pair[0].item_id)


def _summary(listing: Listing, cents: int, base_url: str) -> dict[str, Any]:
    return {
        "item_id": listing.item_id,
        "title": listing.title,
        "price": loose_price(cents, listing.price_style),
        "pic_url": f"{base_url}/img/item/{listing.item_id}/0.png",
        "condition": listing.condition,
        "location": listing.location,
        "valid_time": listing.valid_time,
        "seller_id": listing.seller_id,
        "seller_nick": listing.seller_nick,
        "status": "onsale",
    }


def listing_of(seed: int, fields: dict[str, Any], cents0: int, status0: str, sold_ms0: int, style: int) -> Listing:
    """What the market keeps of one built listing (its item_get fields at epoch 0)."""
    item_id: str = fields["item_id"]
    return Listing(
        item_id=item_id,
        folded=fold(fields["title"]),
        title=fields["title"],
        cents0=cents0,
        status0=status0,
        sold_ms0=sold_ms0,
        price_style=style,
        condition=fields["condition"],
        location=fields["location"],
        valid_time=fields["valid_time"],
        seller_id=fields["seller_id"],
        seller_nick=fields["seller_nick"],
        order=h64(seed, item_id, "rank") % 1_000_000,
    )

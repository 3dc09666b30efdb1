"""The listings item_search pages through: a fixed market of the catalogue's own listings, indexed once.

Any 10-19 digit id is a listing to item_get, so the catalogue cannot be enumerated; a search needs a finite
market. ``market_ids`` picks one per seed: for each product, listings in proportion to how often it is
drawn (``LISTINGS_PER_WEIGHT`` per unit of weight: 280 iPhone 14 Pro, 40 of the rarest lens), including the
example item and every same_items peer, so what a search finds item_get serves and drifts the same way.
``Market`` keeps what a search reads of each (a ``Listing``: the title folded for matching, the epoch-0
price and status, the summary fields), about 4,100 listings for every seed; the prices and statuses of the
moment come from the catalogue's drift at search time.

New listings enter the market over time, as on the real site: ``late_id(seed, n)`` is the n-th, listed at
epoch ``appear_epoch(n)``, ``LATE_PER_EPOCH`` an epoch: about as many as sell or vanish from the starting
market each epoch (the drift ends about 3.5% of the listings on sale an epoch), so the market stays the
same size while its listings turn over. Their ids are 13 digits: 9, n in seven digits and a check of five
hashed digits, a form the catalogue's other ids never take, so item_get knows from the id alone that
such a listing does not exist yet (no data) before its epoch, and a search finds it from then on, newest
first under ``time_desc``. A listing sold or gone for good leaves the index (it can never be found again),
so the index stays the size of the market however long the sandbox runs.

Where PROTOCOL.md is silent this module chooses, in the manner of TOP's other search methods: ``default``
(relevance) puts titles that are mostly the query first (matched characters over title length, in
hundredths), then a fixed per-listing order; every sort ends on ``item_id`` so a page boundary is the same
for every call within an epoch.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from xianyu_desktop.sandbox.listing_words import h64, loose_price

LISTINGS_PER_WEIGHT = 40
LATE_PER_EPOCH = 110  # new listings an epoch (600 s of catalogue time)
MAX_LATE = 10**7  # then no more appear: 15 years at speed 1, 10 days at the demo's speed 60
ENDED = frozenset({"soldout", "gone"})  # states the drift never leaves
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
    ended: list[str] = dataclasses.field(default_factory=list)  # listings that left the index


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


def late_id(seed: int, n: int) -> str:
    """The id of the n-th listing to appear after the start (13 digits: 9, n, a check)."""
    return f"9{n:07d}{h64(seed, 'late', n) % 10**5:05d}"


def late_number(seed: int, item_id: str) -> int | None:
    """n when ``item_id`` is ``late_id(seed, n)``, else None."""
    if len(item_id) != 13 or item_id[0] != "9" or not item_id.isdigit():
        return None
    n = int(item_id[1:8])
    return n if n < MAX_LATE and late_id(seed, n) == item_id else None


def appear_epoch(n: int) -> int:
    return 1 + n // LATE_PER_EPOCH


class Market:
    """The indexed listings. Searches run under the catalogue's lock, which ``add`` (new listings of a
    later epoch) needs too."""

    def __init__(self, seed: int, listings: list[Listing]) -> None:
        self._seed = seed
        self.listings = list(listings)
        self.late = 0  # late listings considered so far (those already ended when reached are not added)

    def add_late(self, listings: Iterable[Listing], up_to: int) -> None:
        self.listings.extend(listings)
        self.late = up_to

    def search(self, query: SearchQuery, now: Callable[[Listing], tuple[str, int]], base_url: str) -> SearchPage:
        """One page of the listings on sale that match; ``now`` gives a listing's (status, cents) this epoch.
        The matching listings found ended are dropped from the index (the result's ``ended``)."""
        found: list[tuple[Listing, int]] = []
        ended: list[str] = []
        for listing in self.listings:
            if not all(word in listing.folded for word in query.words):
                continue
            if query.condition is not None and listing.condition != query.condition:
                continue
            if query.location is not None and query.location not in listing.location:
                continue
            status, cents = now(listing)
            if status != "onsale":
                if status in ENDED:
                    ended.append(listing.item_id)
                continue
            if query.start_cents is not None and cents < query.start_cents:
                continue
            if query.end_cents is not None and cents > query.end_cents:
                continue
            found.append((listing, cents))
        found.sort(key=_sort_key(query))
        first = (query.page_no - 1) * query.page_size
        page = found[first : first + query.page_size]
        if ended:
            gone = set(ended)
            self.listings = [listing for listing in self.listings if listing.item_id not in gone]
        return SearchPage(len(found), [_summary(listing, cents, base_url) for listing, cents in page], ended)


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

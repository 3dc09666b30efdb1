"""A deterministic, slowly drifting catalogue of second-hand listings for the sandbox gateway.

Every valid item id resolves to the same listing for a given seed, so tests and demos can rely on
it; the state then drifts per epoch (price drops and rises, sales, delistings) so a watchlist has
something to notice. Everything is derived from blake2b of (seed, id, …), never from ``hash()``,
which is salted per process.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from itertools import accumulate
from typing import Any, NamedTuple

from xianyu_desktop.sandbox.catalogue_data import (
    COND_PRICE_PCT,
    CONDITIONS,
    EXAMPLE_PRODUCT,
    GUARANTEES,
    LEVEL_UNITS,
    LOCATIONS,
    LOGISTICS,
    PRODUCTS,
)
from xianyu_desktop.sandbox.catalogue_ids import (
    EXAMPLE_ITEM_ID,
    OFFLINE,
    ONSALE,
    SOLDOUT,
    demo_ids,
    no_data_at_start,
    product_index,
    short_id,
    status_at_start,
)
from xianyu_desktop.sandbox.listing_words import (
    cents_of,
    digest,
    draw_description,
    draw_nick,
    draw_params,
    draw_title,
    fixed_price,
    h64,
    loose_price,
    seeded_rng,
    tidy_price,
    tier,
)
from xianyu_desktop.sandbox.market import (
    LATE_PER_EPOCH,
    MAX_LATE,
    Listing,
    Market,
    SearchPage,
    SearchQuery,
    appear_epoch,
    late_id,
    late_number,
    listing_of,
    market_ids,
)
from xianyu_desktop.sandbox.noise import noise_class, noisy_listing

GONE = "gone"

_ID_RE = re.compile(r"[0-9]{10,19}")
_DAY_MS = 86_400_000
_BASE_CACHE_SIZE = 4096
_PEER_POOL_SIZE = 24
_COND_CUM = list(accumulate(w for _, w in CONDITIONS))


class _Base(NamedTuple):
    fields: dict[str, Any]
    cents0: int
    status0: str
    sold_ms0: int
    price_style: int
    records: tuple[tuple[int, int], ...]


class _State(NamedTuple):
    epoch: int
    status: str
    cents: int
    sold_ms: int


class Catalogue:
    """The sandbox's item store. Thread-safe; all public methods may be called from any thread."""

    def __init__(
        self,
        seed: int = 0,
        *,
        speed: float = 1.0,
        start: float | None = None,
        clock: Callable[[], float] = time.time,
        epoch_seconds: float = 600.0,
    ) -> None:
        if speed < 0 or epoch_seconds <= 0:
            raise ValueError("speed must be >= 0 and epoch_seconds > 0")
        self._seed = seed
        self._speed = speed
        self._clock = clock
        self._epoch_seconds = epoch_seconds
        self._start = clock() if start is None else start
        self._start_ms = int(self._start * 1000)
        self._lock = threading.Lock()
        self._bases: OrderedDict[str, _Base | None] = OrderedDict()
        self._states: dict[str, _State] = {}
        self._sellers: dict[int, dict[str, str]] = {}
        self._pools: dict[int, list[str]] = {}
        self._peers: dict[str, dict[str, str]] = {}
        self._market: Market | None = None

    def epoch(self) -> int:
        elapsed = max(0.0, self._clock() - self._start)
        return int(elapsed * self._speed // self._epoch_seconds)

    def item(self, item_id: str, base_url: str) -> dict[str, Any] | None:
        """The raw item at the current epoch, or None for "no data". Raises ValueError on a bad id."""
        if not _ID_RE.fullmatch(item_id):
            raise ValueError("item_id must be 10-19 ASCII digits")
        k = self.epoch()
        if self._first_epoch(item_id) > k:
            return None  # a listing of a later epoch: not listed yet
        with self._lock:
            base = self._base(item_id)
            if base is None:
                return None
            state = self._state(item_id, base, k)
        if state.status == GONE:
            return None
        out = dict(base.fields)
        img = f"{base_url}/img/item/{item_id}/"
        out["pic_url"] = img + "0.png"
        out["item_imgs"] = [f"{img}{n}.png" for n in range(out["item_imgs"])]
        out["params"] = dict(out["params"])
        out["guarantee"] = list(out["guarantee"])
        out["same_items"] = [dict(s) for s in out["same_items"]]
        out["seller_avatar"] = f"{base_url}/img/avatar/{out['seller_id']}.png"
        out["price"] = loose_price(state.cents, base.price_style)
        out["status"] = state.status
        out["sales"] = 1 if state.status == SOLDOUT else 0
        records = list(base.records)
        if state.status == SOLDOUT:
            records.append((state.sold_ms, state.cents))
        records.sort(reverse=True)
        out["trade_record"] = [{"time": t, "price": fixed_price(c)} for t, c in records]
        return out

    def search(self, query: SearchQuery, base_url: str) -> SearchPage:
        """One page of item_search over the market (sandbox/market.py), at the current epoch."""
        k = self.epoch()
        with self._lock:
            market = self._market_index()
            self._list_late(market, k)

            def now(listing: Listing) -> tuple[str, int]:
                state = self._state(listing.item_id, listing, k)
                return state.status, state.cents

            page = market.search(query, now, base_url)
            for item_id in page.ended:
                self._states.pop(item_id, None)  # item_get derives an ended listing's state again if asked
            return page

    def market_size(self) -> int:
        with self._lock:
            return len(self._market_index().listings)

    def demo_ids(self, n: int = 40) -> list[str]:
        """The example id, then ids that exist at epoch 0, balanced over product kinds and statuses."""
        return demo_ids(self._seed, n)

    # -- internals (called with the lock held) -------------------------------------------------

    def _base(self, item_id: str) -> _Base | None:
        if item_id in self._bases:
            self._bases.move_to_end(item_id)
            return self._bases[item_id]
        late = late_number(self._seed, item_id) is not None
        base = None if no_data_at_start(self._seed, item_id) and not late else self._build(item_id)
        self._bases[item_id] = base
        if len(self._bases) > _BASE_CACHE_SIZE:
            self._bases.popitem(last=False)
        return base

    def _market_index(self) -> Market:
        """Built on the first search: about 6,000 ids hashed and 4,100 listings built, once per catalogue."""
        if self._market is None:
            seed = self._seed
            given = [(EXAMPLE_PRODUCT, EXAMPLE_ITEM_ID)]
            given += [(pi, peer) for pi in range(len(PRODUCTS)) for peer in self._peer_pool(pi)]
            ids = market_ids(
                seed,
                [p.weight for p in PRODUCTS],
                lambda item_id: product_index(seed, item_id),
                lambda item_id: not no_data_at_start(seed, item_id),
                lambda n: short_id(seed, "market", n),
                given,
            )
            listings = []
            for item_id in ids:
                base = self._build(item_id)
                listings.append(
                    listing_of(seed, base.fields, base.cents0, base.status0, base.sold_ms0, base.price_style)
                )
            self._market = Market(seed, listings)
        return self._market

    def _list_late(self, market: Market, k: int) -> None:
        """Add to the market the listings that have appeared by epoch ``k``."""
        due = min(MAX_LATE, k * LATE_PER_EPOCH)
        if market.late >= due:
            return
        seed = self._seed
        added = []
        for n in range(market.late, due):
            item_id = late_id(seed, n)
            # Whether it has ended by now does not depend on its price: skip building those (after a long
            # idle, most of what appeared meanwhile has sold already).
            if self._advance(item_id, _State(appear_epoch(n), ONSALE, 0, 0), k).status in (SOLDOUT, GONE):
                continue
            base = self._build(item_id)
            added.append(listing_of(seed, base.fields, base.cents0, base.status0, base.sold_ms0, base.price_style))
        market.add_late(added, due)

    def _first_epoch(self, item_id: str) -> int:
        """The epoch a listing is first on the market: 0, or a late listing's."""
        n = late_number(self._seed, item_id)
        return 0 if n is None else appear_epoch(n)

    def _core(self, item_id: str) -> tuple[int, str, dict[str, str], str, int]:
        """Product index, condition, params, title and epoch-0 price: what a same_items peer needs too."""
        seed = self._seed
        pi = product_index(seed, item_id)
        p = PRODUCTS[pi]
        rng = seeded_rng(seed, item_id, "core")
        condition = CONDITIONS[bisect_right(_COND_CUM, rng.randrange(_COND_CUM[-1]))][0]
        params = draw_params(p, condition, rng)
        lo, hi = cents_of(p.lo), cents_of(p.hi)
        if condition in COND_PRICE_PCT:
            pct = min(105, COND_PRICE_PCT[condition] + rng.randint(0, 35) + 12 * tier(p, params))
            cents = lo + (hi - lo) * pct // 100
        else:
            cents = lo * rng.randint(30, 55) // 100
        cents = tidy_price(cents, rng.random())
        title = draw_title(p, params, condition, rng)
        noise = noise_class(seed, item_id, p)
        if noise is not None and item_id != EXAMPLE_ITEM_ID:
            title, cents, changed = noisy_listing(noise, p, params, seeded_rng(seed, item_id, "noisy"))
            condition = changed or condition
        if item_id == EXAMPLE_ITEM_ID:
            condition, cents = "like_new", 429_900
            params.update(
                {
                    "存储容量": "256G",
                    "颜色": "暗紫色",
                    "版本": "国行",
                    "电池健康": "87%",
                    "维修情况": "无拆无修",
                }
            )
            title = "自用 iPhone 14 Pro 256G 暗紫色 国行 电池87% 无拆无修 可小刀"
        return pi, condition, params, title, cents

    def _seller(self, idx: int) -> dict[str, str]:
        seller = self._sellers.get(idx)
        if seller is None:
            rng = seeded_rng(self._seed, "seller", idx)
            level = f"{rng.randint(1, 5)}{LEVEL_UNITS[min(3, int(rng.random() ** 1.5 * 4))]}"
            seller = {
                "seller_id": str(2_200_000_000 + h64(self._seed, "sid", idx) % 10**9),
                "seller_nick": draw_nick(rng),
                "seller_level": level,
                "seller_score": f"{rng.randint(950, 1000) / 10:.1f}",
                "seller_location": rng.choice(LOCATIONS),
            }
            self._sellers[idx] = seller
        return seller

    def _build(self, item_id: str) -> _Base:
        seed = self._seed
        pi, condition, params, title, cents = self._core(item_id)
        p = PRODUCTS[pi]
        rng = seeded_rng(seed, item_id, "extra")
        seller = self._seller(rng.randrange(3000))
        msrp = cents_of(p.msrp)
        if tier(p, params):
            msrp = tidy_price(msrp * (100 + 12 * tier(p, params)) // 100, 0.0)
        valid_ms = self._start_ms - rng.randint(_DAY_MS, 180 * _DAY_MS)
        status0 = status_at_start(seed, item_id)
        sold_ms0 = rng.randint(valid_ms, self._start_ms)
        first = self._first_epoch(item_id)
        if first:  # a new listing: on sale from the moment (within its epoch) it was listed
            valid_ms = self._epoch_ms(first - 1) + int(
                rng.random() * (self._epoch_ms(first) - self._epoch_ms(first - 1))
            )
            status0, sold_ms0 = ONSALE, valid_ms
        guarantee = [g for g in GUARANTEES if rng.random() < (0.7 if p.kind == "bag" else 0.4)]
        logistics = rng.choice(("自提", "自提", "买家承担运费") if p.kind == "bike" else LOGISTICS)
        location = seller["seller_location"] if rng.random() < 0.85 else rng.choice(LOCATIONS)
        pool = [x for x in self._peer_pool(pi) if x != item_id]
        same = [self._peer_info(peer) for peer in rng.sample(pool, rng.randint(2, 4))]
        records = tuple(
            (
                rng.randint(self._start_ms - 200 * _DAY_MS, self._start_ms),
                tidy_price(rng.randint(cents_of(p.lo), cents_of(p.hi)), rng.random()),
            )
            for _ in range(rng.randint(0, 4))
        )
        fields: dict[str, Any] = {
            "item_id": item_id,
            "title": title,
            "pic_url": "",
            "item_imgs": rng.randint(2, 5),
            "price": "",
            "original_price": fixed_price(msrp) if rng.random() < 0.7 else "",
            "condition": condition,
            "category": p.category,
            "params": params,
            "status": status0,
            "sales": 0,
            "logistics": logistics,
            "location": location,
            "valid_time": valid_ms,
            "guarantee": guarantee,
            "seller_id": seller["seller_id"],
            "seller_nick": seller["seller_nick"],
            "seller_avatar": "",
            "seller_level": seller["seller_level"],
            "seller_score": seller["seller_score"],
            "seller_location": seller["seller_location"],
            "desc": draw_description(p, params, condition, rng),
            "same_items": same,
            "trade_record": [],
        }
        return _Base(fields, cents, status0, sold_ms0, h64(seed, item_id, "style") % 100, records)

    def _peer_pool(self, pi: int) -> list[str]:
        """Ids of live listings of product ``pi`` to offer as same_items; scanned once per product."""
        pool = self._pools.get(pi)
        if pool is None:
            pool = []
            n = 0
            while len(pool) < _PEER_POOL_SIZE:
                cand = short_id(self._seed, "pool", pi, n)
                n += 1
                if product_index(self._seed, cand) == pi and not no_data_at_start(self._seed, cand):
                    pool.append(cand)
            self._pools[pi] = pool
        return pool

    def _peer_info(self, peer: str) -> dict[str, str]:
        info = self._peers.get(peer)
        if info is None:
            _, _, _, title, cents = self._core(peer)
            nick = self._seller(seeded_rng(self._seed, peer, "extra").randrange(3000))["seller_nick"]
            info = {"item_id": peer, "title": title, "price": fixed_price(cents), "seller_nick": nick}
            self._peers[peer] = info
        return info

    def _state(self, item_id: str, base: _Base | Listing, k: int) -> _State:
        state = self._states.get(item_id)
        if state is None or state.epoch > k:
            state = _State(self._first_epoch(item_id), base.status0, base.cents0, base.sold_ms0)
        if state.epoch < k:
            state = self._advance(item_id, state, k)
            self._states[item_id] = state
        return state

    def _advance(self, item_id: str, state: _State, k: int) -> _State:
        _, status, cents, sold_ms = state
        e = state.epoch
        while e < k and status in (ONSALE, OFFLINE):
            e += 1
            d = digest(self._seed, item_id, "e", e, size=12)
            u1, u2, u3 = (int.from_bytes(d[i : i + 4], "big") / 2**32 for i in (0, 4, 8))
            if status == OFFLINE:
                if u1 < 0.3:
                    status = ONSALE
            elif u1 < 0.005:
                status = GONE
            elif u1 < 0.035:
                status, sold_ms = SOLDOUT, self._epoch_ms(e)
            elif u1 < 0.055:
                status = OFFLINE
            elif u1 < 0.175:
                cents = self._move(cents, -(300 + int(u2 * 1701)), u3)
            elif u1 < 0.215:
                cents = self._move(cents, 200 + int(u2 * 601), u3)
        return _State(k, status, cents, sold_ms)

    @staticmethod
    def _move(cents: int, basis_points: int, u: float) -> int:
        new = tidy_price(cents * (10_000 + basis_points) // 10_000, u)
        unit = 100 if cents >= 10_000 else 10
        if basis_points < 0 and new >= cents:
            new = cents - unit
        elif basis_points > 0 and new <= cents:
            new = cents + unit
        # A cheap listing (a case, a 1-yuan bait) is not repriced by a rounding step larger than a move.
        if new < 100 or not cents * 75 < new * 100 < cents * 112:
            return cents
        return new

    def _epoch_ms(self, e: int) -> int:
        if self._speed == 0:
            return self._start_ms
        return self._start_ms + int(e * self._epoch_seconds / self._speed * 1000)

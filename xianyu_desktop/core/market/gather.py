"""Gathering an item's comparables within a call budget (PROTOCOL.md: "same_items and trade_record",
"Same-item comparison"): what is asked for, in what order, and what a comparison may spend.

1. The item, through the lookup (cache first), with the tier's whole field list: on advanced its answer
   carries ``same_items`` (the gateway's own matches, free with the item); on basic and advanced its own
   ``trade_record`` (this listing's sales: sold prices of the same product, free too).
2. item_search with the template's query, pages of 50 in the default (relevance) order, from page 1 until
   the results end or the search's share of the budget is spent.
3. On the enterprise tiers (basic, advanced) the sold prices: item_get of the listings that pass the
   comparison's filter so far (same product, no noise, a real price, on sale), ``same_items`` first (the
   gateway's own matching), then the search hits in relevance order; each ``trade_record`` row becomes a
   candidate of source ``trade_record`` priced at what was paid, and the looked-up listing's summary
   replaces the search's (its price and status now). They are asked with the tier's whole field list,
   not a subset: the answer goes to the shared item cache, where a partial one would replace a watched
   item's whole answer. A listing whose answer is fresh in the cache is read free; at most
   ``MAX_TRADE_LOOKUPS`` listings are looked up.

Budget: ``DEFAULT_MAX_CALLS`` = 10 calls, at least 1 (the item alone: no market, so 样本不足). The item
takes one (none when cached or at hand). On the enterprise tiers search gets the larger half of the rest
and the trade_record lookups the smaller (10 → 1 + 5 pages + 4 lookups); calls a search that ended early
did not use go to the lookups. On personal the rest is search's. A call is every request the gateway admits and
counts, retries included (a request refused before admission, for the rate or the day's quota, is not
counted by the gateway nor here): each call's attempts are capped so that the total never passes the
budget, and a page or an answer the cache holds costs none.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from xianyu_desktop.core.gateway.client import CallRecord
from xianyu_desktop.core.gateway.limits import PACING_MARGIN, Tier, TierSpec
from xianyu_desktop.core.gateway.search import MAX_RESULTS, Listing, SearchQuery, SearchQueryError, page_from_cache
from xianyu_desktop.core.items.item import Item, ItemDataError, parse_money
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.market.filtering import Candidate, Source
from xianyu_desktop.core.search.searcher import SEARCH_PAGE_SIZE, Searcher
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP, Said

DEFAULT_MAX_CALLS = 10
MIN_MAX_CALLS = 1
MAX_SEARCH_PAGES = MAX_RESULTS // SEARCH_PAGE_SIZE  # the gateway pages through 2,000 results at most
MAX_TRADE_LOOKUPS = 20


def has_same_items(tier: Tier) -> bool:
    return tier is Tier.ADVANCED


def has_trade_record(tier: Tier) -> bool:
    return tier in (Tier.BASIC, Tier.ADVANCED)


def split_budget(left: int, tier: Tier) -> tuple[int, int]:
    """(search pages, trade_record lookups) for the calls left after the item."""
    if left <= 0:
        return 0, 0
    if not has_trade_record(tier):
        return min(left, MAX_SEARCH_PAGES), 0
    lookups = min(left // 2, MAX_TRADE_LOOKUPS)
    return min(left - lookups, MAX_SEARCH_PAGES), lookups


@dataclass(frozen=True, slots=True)
class MarketPlan:
    """What a comparison will spend at most, before it spends it; cache hits are free and not counted."""

    max_calls: int
    tier: TierSpec
    item: int  # 1 when the item must be asked for, 0 when it is at hand or cached
    search_pages: int  # search pages to ask the gateway for, at most
    search_cached: int  # pages the search cache answers (free)
    trade_records: int  # trade_record lookups, at most (calls a short search leaves come on top)
    remaining: int  # calls left today
    left_out: tuple[Said, ...] = ()  # what the budget or the tier leaves out, in plain words

    @property
    def calls(self) -> int:
        return self.item + self.search_pages + self.trade_records

    @property
    def fits(self) -> bool:
        return self.calls <= self.remaining

    @property
    def seconds(self) -> float:
        return min(self.calls, self.remaining) * (1 + PACING_MARGIN) / self.tier.per_second

    def to_json_dict(self) -> dict[str, object]:
        return {
            "max_calls": self.max_calls,
            "calls": self.calls,
            "item": self.item,
            "search_pages": self.search_pages,
            "search_cached": self.search_cached,
            "trade_records": self.trade_records,
            "left_out": [str(what) for what in self.left_out],
        }

    def describe(self) -> str:
        parts = [f"商品本身 {self.item} 次" if self.item else "商品本身用缓存或已有的数据（不花调用）"]
        if self.search_pages or self.search_cached:
            cached = f"，另有 {self.search_cached} 页用缓存" if self.search_cached else ""
            parts.append(f"同款搜索最多 {self.search_pages} 页{cached}")
        if self.trade_records:
            parts.append(f"成交记录最多查 {self.trade_records} 件同款（搜索提前结束时省下的调用也用在这里）")
        text = (
            f"这次比价最多 {self.calls} 次调用（上限 {self.max_calls} 次）：{'，'.join(parts)}。"
            f"今日还剩 {self.remaining} 次（{self.tier.label}权限：每天 {self.tier.daily_calls} 次、"
            f"每秒 {self.tier.per_second} 次）。"
        )
        if self.left_out:
            text += f"没有包括：{'；'.join(str(what) for what in self.left_out)}。"
        return text


def make_plan(
    tier: Tier,
    max_calls: int,
    *,
    item_calls: int,
    searcher: Searcher,
    query: SearchQuery | None,
    force: bool = False,
) -> MarketPlan:
    """The plan for a comparison whose item costs ``item_calls`` (0 or 1) and searches ``query`` (None: no
    search possible, or not known yet because the item is still to be fetched)."""
    left = max(0, max_calls - item_calls)
    pages, lookups = split_budget(left, tier)
    cached = 0
    if query is not None and pages and not force:
        cached, needed = _cached_pages(searcher, query, pages)
        if needed < pages:  # the cache holds the search's end: what it leaves goes to the lookups
            lookups = min(left - needed, MAX_TRADE_LOOKUPS) if has_trade_record(tier) else 0
            pages = needed
    left_out: list[Said] = []
    tier_name = Said(tier.spec.label)
    if not has_same_items(tier):
        left_out.append(
            Said(QT_TRANSLATE_NOOP("core", "网关的同款列表 same_items（需要企业高级权限，现在是%1）"), (tier_name,))
        )
    if not has_trade_record(tier):
        said = QT_TRANSLATE_NOOP("core", "成交价 trade_record（需要企业权限，现在是%1）")
        left_out.append(Said(said, (tier_name,)))
    if left == 0:
        left_out.append(
            Said(QT_TRANSLATE_NOOP("core", "同款搜索和成交记录（调用上限只够查商品本身，结果会是样本不足）"))
        )
    elif has_trade_record(tier) and lookups == 0:
        left_out.append(Said(QT_TRANSLATE_NOOP("core", "成交记录（调用上限不够，至少要 3 次才查成交价）")))
    spec = tier.spec
    remaining = searcher.client.quota.remaining
    return MarketPlan(max_calls, spec, item_calls, pages, cached, lookups, remaining, tuple(left_out))


def _cached_pages(searcher: Searcher, query: SearchQuery, pages: int) -> tuple[int, int]:
    """(pages the cache answers, pages to ask for) of a search given ``pages`` uncached pages: a cached
    last page ends the count, the search stops there."""
    cached = uncached = 0
    page_no = 1
    while uncached < pages and page_no <= min(query.last_page_allowed, MAX_SEARCH_PAGES):
        page_query = query.page(page_no)
        hit = searcher.cache.get(page_query.private_params()) if searcher.cache is not None else None
        page = page_from_cache(hit.page, page_query) if hit is not None else None
        if page is None:
            uncached += 1
        else:
            cached += 1
            if not page.has_more:
                return cached, uncached
        page_no += 1
    return cached, pages


def search_query(text: str) -> SearchQuery | None:
    """The search for a template's query, or None when it is not one the gateway would take (empty)."""
    if not text.strip():
        return None
    try:
        return SearchQuery(text[:60], page_size=SEARCH_PAGE_SIZE)
    except SearchQueryError:
        return None


# --- Bounded calls -------------------------------------------------------------------------------------

_Caller = TypeVar("_Caller", ItemLookup, Searcher)

# Codes of the refusals the gateway answers before a call is admitted, so it does not count the call
# (PROTOCOL.md; the sandbox's router order): 7 app call limited (frequency or daily quota), and the
# method, app key, timestamp, version and signature checks.
NOT_ADMITTED_CODES = frozenset({7, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32})


def counted_by_gateway(record: CallRecord) -> bool:
    return record.error_code not in NOT_ADMITTED_CODES


def bounded(caller: _Caller, attempts: int, observer: Callable[[CallRecord], None]) -> _Caller:
    """The lookup or searcher over the same client (limiter, quota ledger, audit, cache), with each call's
    attempts capped at ``attempts`` in all (at least one), so a budget is never overrun, and every request
    sent reported to ``observer``."""
    out = copy.copy(caller)
    out.client = caller.client.for_job(max_attempts=attempts, observer=observer)
    return out


# --- Candidates from the three sources --------------------------------------------------------------------


def item_candidate(item: Item) -> Candidate:
    return Candidate(
        item.item_id, item.title or "", item.price, item.condition, item.seller_id, item.seller_nick, item.status
    )


def listing_candidate(listing: Listing) -> Candidate:
    return Candidate(
        listing.item_id,
        listing.title or "",
        listing.price,
        listing.condition,
        listing.seller_id,
        listing.seller_nick,
        listing.status,
        Source.SEARCH,
    )


def same_item_candidates(rows: Iterable[Mapping[str, Any]]) -> tuple[list[Candidate], int]:
    """The item's ``same_items`` rows as candidates, and how many rows could not be read (no id or title)."""
    found: list[Candidate] = []
    unreadable = 0
    for row in rows:
        item_id, title, nick = row.get("item_id"), row.get("title"), row.get("seller_nick")
        if not isinstance(item_id, str | int) or isinstance(item_id, bool) or not isinstance(title, str):
            unreadable += 1
            continue
        price = _price(row.get("price"))
        nick = nick if isinstance(nick, str) and nick else None
        found.append(Candidate(str(item_id), title, price, seller_nick=nick, source=Source.SAME_ITEMS))
    return found, unreadable


def looked_up(candidate: Candidate, item: Item) -> Candidate:
    """A comparable as its own item_get answer has it now (its source kept)."""
    return Candidate(
        candidate.item_id,
        item.title or candidate.title,
        item.price,
        item.condition,
        item.seller_id,
        item.seller_nick or candidate.seller_nick,
        item.status,
        candidate.source,
    )


def trade_candidates(item: Item) -> list[Candidate]:
    """Each sale of the listing as a candidate priced at what was paid (no status: it is a sale)."""
    return [
        Candidate(
            item.item_id,
            item.title or "",
            _price(record.get("price")),
            item.condition,
            item.seller_id,
            item.seller_nick,
            None,
            Source.TRADE_RECORD,
        )
        for record in item.trade_record
    ]


def _price(value: object) -> Decimal | None:
    try:
        return parse_money(value, "price")
    except ItemDataError:
        return None  # an unreadable price is a bad_price, said by the filter


def lookup_share(budget: int, count: int) -> int:
    """Attempts each of ``count`` lookups made together may take without the batch passing ``budget``."""
    return max(1, math.floor(budget / count)) if count else 1

"""One comparison end to end, for the window, the command line and the watch: the item, its market
gathered within a call budget (gather.py says what is asked for and in what order), the filter, the
statistics, the verdict and the completed fields, as one ``MarketReport``. No Qt; the caller runs it off
the GUI thread and may cancel it (``Cancelled`` is raised) or follow it (``progress``).

A failure to get the item itself raises ``GatewayError`` (a UserError: the command line exits 3). A
failed search page or trade_record lookup does not: the report is made of what came, and says what did
not (``failures``); ``market_failed`` is set when market calls were made and none was answered.
``calls_used`` counts the requests the gateway admitted and counted, retries included (every request
sent is seen through the client's observer; one refused before admission, for the rate or the day's
quota, the gateway does not count); cache hits are not calls.
"""

from __future__ import annotations

import dataclasses
import enum
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.client import CallRecord, FetchResult
from xianyu_desktop.core.gateway.limits import Cancelled, Tier
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.lookup import ItemLookup, result_from_cache
from xianyu_desktop.core.market.comparison import Comparison, Verdict, compare
from xianyu_desktop.core.market.completion import Completion, complete_fields
from xianyu_desktop.core.market.filtering import NO_OVERRIDES, Candidate, Overrides, Source, filter_comparables
from xianyu_desktop.core.market.gather import (
    DEFAULT_MAX_CALLS,
    MAX_SEARCH_PAGES,
    MAX_TRADE_LOOKUPS,
    MIN_MAX_CALLS,
    MarketPlan,
    bounded,
    counted_by_gateway,
    has_same_items,
    has_trade_record,
    item_candidate,
    listing_candidate,
    looked_up,
    lookup_share,
    make_plan,
    same_item_candidates,
    search_query,
    trade_candidates,
)
from xianyu_desktop.core.market.template import extract_template
from xianyu_desktop.core.market.vocabulary import Vocabulary
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP, Said

__all__ = ["DEFAULT_MAX_CALLS", "MarketFailure", "MarketPlan", "MarketProgress", "MarketReport", "MarketService"]


class MarketBudgetError(ConfigError):
    """A call budget below one call (the item itself): nothing was asked."""


class MarketStage(enum.StrEnum):
    ITEM = "item"
    SEARCH = "search"
    TRADE_RECORD = "trade_record"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class MarketProgress:
    stage: MarketStage
    calls_used: int
    max_calls: int
    text: str  # one line in Chinese, for a status bar


@dataclass(frozen=True, slots=True)
class MarketFailure:
    """A market call that failed: a search page, or one comparable's trade_record lookup."""

    stage: MarketStage
    target: str  # the page ("第 2 页") or the comparable's item id
    failure: GatewayFailure

    def describe(self) -> str:
        what = f"同款搜索{self.target}" if self.stage is MarketStage.SEARCH else f"商品 {self.target} 的成交记录"
        return f"{what}没有取到：{self.failure.kind.label}：{self.failure.message}"


@dataclass(frozen=True, slots=True)
class MarketReport:
    item: Item
    raw: Mapping[str, Any]
    comparison: Comparison
    calls_used: int
    plan: MarketPlan
    completion: Completion
    failures: tuple[MarketFailure, ...] = ()
    item_from_cache: bool = False
    notes: tuple[Said, ...] = ()  # what was left out, in plain words (the budget ran out, unreadable rows)
    market_failed: bool = False
    candidates: tuple[Candidate, ...] = ()  # everything gathered, before the filter: for recomparing

    def recompared(self, vocabulary: Vocabulary, overrides: Overrides) -> MarketReport:
        """The same gathered listings filtered again under ``overrides`` (the seller changed a row, or
        blocked a seller): no call is made, the plan and the calls used stay those of the gathering."""
        comparison = compare(item_candidate(self.item), self.candidates, vocabulary, overrides)
        return dataclasses.replace(self, comparison=comparison)

    @property
    def verdict(self) -> Verdict:
        return self.comparison.verdict

    def to_json_dict(self) -> dict[str, object]:
        """The issue's ``compare --json`` object: ``item`` as ``fetch --json`` prints it, then the market."""
        market = self.comparison.to_json_dict()
        return {
            "item": {**self.item.to_json_dict(), "from_cache": self.item_from_cache},
            "template": market["template"],
            "calls_used": self.calls_used,
            "comparables": market["comparables"],
            "excluded": market["excluded"],
            "stats": market["stats"],
            "percentile": market["percentile"],
            "value_score": market["value_score"],
            "suggested": market["suggested"],
            "verdict": market["verdict"],
            "completed": self.completion.to_json_dict(),
        }


@dataclass(slots=True)
class _Run:
    """One comparison's spending and what it heard."""

    max_calls: int
    cancel: threading.Event | None
    progress: Callable[[MarketProgress], None] | None
    used: int = 0
    tried: bool = False  # a market call was sent
    answered: bool = False  # the market answered something (a page, an item)
    failures: list[MarketFailure] = field(default_factory=list)
    notes: list[Said] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, call: CallRecord) -> None:
        """Every request sent (from any thread of a batch): counted when the gateway counts it."""
        if counted_by_gateway(call):
            with self.lock:
                self.used += 1

    @property
    def left(self) -> int:
        return max(0, self.max_calls - self.used)

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled

    def say(self, stage: MarketStage, text: str) -> None:
        if self.progress is not None:
            self.progress(MarketProgress(stage, self.used, self.max_calls, text))


def check_max_calls(max_calls: int) -> None:
    if max_calls < MIN_MAX_CALLS:
        raise MarketBudgetError(f"调用上限至少为 {MIN_MAX_CALLS} 次（只查商品本身），收到 {max_calls}")


def _spent_budget() -> threading.Event:
    """A cancel already set: only the cache may answer (no budget left for a call)."""
    stop = threading.Event()
    stop.set()
    return stop


class MarketService:
    def __init__(
        self,
        lookup: ItemLookup,
        searcher: Searcher,
        vocabulary: Vocabulary,
        tier: Tier,
        overrides: Callable[[str], Overrides] = lambda item_id: NO_OVERRIDES,
    ) -> None:
        self.lookup = lookup
        self.searcher = searcher
        self.vocabulary = vocabulary
        self.tier = tier
        self.overrides = overrides

    def plan(self, item: Item, max_calls: int, *, force: bool = False, item_calls: int = 0) -> MarketPlan:
        """What comparing an item at hand will spend (its search pages the cache holds are free)."""
        check_max_calls(max_calls)
        query = search_query(extract_template(item.title or "", self.vocabulary).query)
        plan = make_plan(self.tier, max_calls, item_calls=item_calls, searcher=self.searcher, query=query, force=force)
        if query is None:
            return _with_left_out(plan, Said(QT_TRANSLATE_NOOP("core", "同款搜索（商品标题里没有可以搜索的词）")))
        return plan

    def plan_for(self, item_id: str, max_calls: int, *, force: bool = False) -> MarketPlan:
        """What ``compare(item_id)`` will spend: the item's cached answer costs nothing and names the search;
        otherwise the item is one call and its search is not known until its title is."""
        check_max_calls(max_calls)
        cached = None if force else self._cached(item_id)
        if cached is not None:
            return self.plan(cached, max_calls, force=force)
        return make_plan(self.tier, max_calls, item_calls=1, searcher=self.searcher, query=None, force=force)

    def compare(
        self,
        item_id: str,
        *,
        max_calls: int = DEFAULT_MAX_CALLS,
        force: bool = False,
        cancel: threading.Event | None = None,
        progress: Callable[[MarketProgress], None] | None = None,
    ) -> MarketReport:
        """The item (cache first, unless ``force``) and its market. Raises GatewayError when the item
        cannot be had, Cancelled on a cancel, MarketBudgetError for a budget below 1."""
        check_max_calls(max_calls)
        run = _Run(max_calls, cancel, progress)
        run.say(MarketStage.ITEM, "正在查询商品…")
        lookup = bounded(self.lookup, max_calls, run.record)
        result = next(iter(list(lookup.lookup_many([item_id], None, force=force, cancel=cancel))))
        if result.failure is not None or result.item is None or result.raw is None:
            failure = result.failure or GatewayFailure(ErrorKind.NOT_FOUND, "网关没有返回该商品的数据")
            if failure.kind is ErrorKind.CANCELLED:
                raise Cancelled
            raise GatewayError(failure, attempts=result.attempts)
        return self._market(run, result.item, result.raw, item_from_cache=result.from_cache, force=force)

    def compare_item(
        self,
        item: Item,
        raw: Mapping[str, Any],
        *,
        max_calls: int = DEFAULT_MAX_CALLS,
        force: bool = False,
        cancel: threading.Event | None = None,
        progress: Callable[[MarketProgress], None] | None = None,
    ) -> MarketReport:
        """The market of an item already at hand (a pasted listing, a watched item's cached answer): no
        call is spent on the item itself."""
        check_max_calls(max_calls)
        return self._market(_Run(max_calls, cancel, progress), item, raw, item_from_cache=True, force=force)

    def _cached(self, item_id: str) -> Item | None:
        if self.lookup.cache is None:
            return None
        hit = self.lookup.cache.get_fresh([item_id], None).get(item_id)
        cached = result_from_cache(hit) if hit is not None else None
        return None if cached is None else cached.item

    def _market(
        self, run: _Run, item: Item, raw: Mapping[str, Any], *, item_from_cache: bool, force: bool
    ) -> MarketReport:
        plan = self.plan(item, run.max_calls, force=force, item_calls=min(run.used, run.max_calls))
        template = extract_template(item.title or "", self.vocabulary)
        overrides = self.overrides(item.item_id)
        me = item_candidate(item)
        candidates: list[Candidate] = []
        if has_same_items(self.tier):
            same, unreadable = same_item_candidates(item.same_items)
            candidates += same
            if unreadable:
                said = QT_TRANSLATE_NOOP("core", "网关的同款列表里有 %1 条没有商品 ID 或标题，已略过")
                run.notes.append(Said(said, (str(unreadable),)))
        sold = trade_candidates(item) if has_trade_record(self.tier) else []
        candidates += self._search(run, template.query, plan.search_pages, force)
        if has_trade_record(self.tier):
            sold += self._sales(run, me, candidates, overrides, force)
        run.check_cancel()
        gathered = (*candidates, *sold)
        comparison = compare(me, gathered, self.vocabulary, overrides)
        run.say(MarketStage.DONE, f"比价完成：{run.used} 次调用")
        return MarketReport(
            item=item,
            raw=raw,
            comparison=comparison,
            calls_used=run.used,
            plan=plan,
            completion=complete_fields(item, self.vocabulary, template),
            failures=tuple(run.failures),
            item_from_cache=item_from_cache,
            notes=tuple(run.notes),
            market_failed=run.tried and not run.answered,
            candidates=gathered,
        )

    def _search(self, run: _Run, text: str, pages: int, force: bool) -> list[Candidate]:
        """Pages of the template's search while its share of the budget lasts (cached pages are free, and
        read even when the share is nothing)."""
        query = search_query(text)
        if query is None:
            return []
        found: list[Candidate] = []
        seen: set[str] = set()
        budget, total = pages, 0
        for page_no in range(1, min(query.last_page_allowed, MAX_SEARCH_PAGES) + 1):
            run.check_cancel()
            share = min(budget, run.left)
            stop = run.cancel if share > 0 else _spent_budget()
            searcher = bounded(self.searcher, share, run.record)
            step = searcher.page(query.page(page_no), seen=seen, force=force, cancel=stop)
            budget -= step.attempts
            run.tried = run.tried or step.attempts > 0
            if step.failure is not None:
                if step.failure.kind is ErrorKind.CANCELLED:
                    run.check_cancel()
                    if page_no > 1:
                        template = QT_TRANSLATE_NOOP(
                            "core", "同款搜索只看了前 %1 页（共 %2 条结果）：分给搜索的调用用完"
                        )
                        run.notes.append(Said(template, (str(page_no - 1), str(total))))
                else:
                    run.failures.append(MarketFailure(MarketStage.SEARCH, f"第 {page_no} 页", step.failure))
                return found
            run.answered = True
            total = step.total_results
            found += [listing_candidate(listing) for listing in step.listings]
            seen.update(listing.item_id for listing in step.listings)
            run.say(MarketStage.SEARCH, f"同款搜索第 {page_no} 页：已找到 {len(found)} 条")
            if not step.has_more:
                break
        return found

    def _sales(
        self, run: _Run, me: Candidate, candidates: list[Candidate], overrides: Overrides, force: bool
    ) -> list[Candidate]:
        """The sold prices of the comparables so far (same_items first, then search hits), within the
        budget left; each looked-up comparable's candidate is replaced by its answer's summary."""
        kept = filter_comparables(me, candidates, self.vocabulary, overrides).comparables
        order = [c for c in kept if c.source is Source.SAME_ITEMS] + [c for c in kept if c.source is Source.SEARCH]
        ids = list(dict.fromkeys(c.item_id for c in order))
        hits = {} if force or self.lookup.cache is None else self.lookup.cache.get_fresh(ids, None)
        answers: list[FetchResult] = []
        paid: list[str] = []
        gone = 0
        budget = run.left
        for item_id in ids:
            if len(answers) + len(paid) + gone >= MAX_TRADE_LOOKUPS:
                break
            cached = result_from_cache(hits[item_id]) if item_id in hits else None
            if cached is not None and cached.item is not None:
                answers.append(cached)
            elif cached is not None:
                gone += 1  # the cache remembers the gateway had no data for it
            elif len(paid) < budget:
                paid.append(item_id)
        looked = len(answers) + len(paid) + gone
        if looked < min(len(ids), MAX_TRADE_LOOKUPS):
            said = QT_TRANSLATE_NOOP("core", "成交记录只查了 %1 件同款（共 %2 件）：调用上限用完")
            run.notes.append(Said(said, (str(looked), str(len(ids)))))
        if paid:
            run.say(MarketStage.TRADE_RECORD, f"正在查 {len(paid)} 件同款的成交记录…")
            lookup = bounded(self.lookup, lookup_share(budget, len(paid)), run.record)
            for result in lookup.lookup_many(paid, None, force=True, cancel=run.cancel):
                run.tried = run.tried or result.attempts > 0
                if result.item is not None:
                    run.answered = True
                    answers.append(result)
                elif result.failure is not None and result.failure.kind is ErrorKind.NOT_FOUND:
                    run.answered, gone = True, gone + 1
                elif result.failure is not None and result.failure.kind is not ErrorKind.CANCELLED:
                    run.failures.append(MarketFailure(MarketStage.TRADE_RECORD, result.item_id, result.failure))
            run.check_cancel()
        if gone:
            said = QT_TRANSLATE_NOOP("core", "%1 件同款查成交记录时网关已没有数据（可能已下架），没有成交价")
            run.notes.append(Said(said, (str(gone),)))
        sold: list[Candidate] = []
        by_id = {result.item_id: result.item for result in answers if result.item is not None}
        for n, c in enumerate(candidates):
            if c.item_id in by_id:
                candidates[n] = looked_up(c, by_id[c.item_id])
        for item in by_id.values():
            sold += trade_candidates(item)
        return sold


def _with_left_out(plan: MarketPlan, what: Said) -> MarketPlan:
    return dataclasses.replace(plan, left_out=(*plan.left_out, what))

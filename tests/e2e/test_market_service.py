"""MarketService against the sandbox over loopback: what a comparison gathers on each tier, that its
``calls_used`` is what the gateway counted, that the budget is never overrun, that cache hits are free,
the plan, a thin market, failures that still make a report, and cancel."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.errors import ErrorKind, GatewayError
from xianyu_desktop.core.gateway.limits import Cancelled, Tier
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.market.comparison import Verdict
from xianyu_desktop.core.market.filtering import Source
from xianyu_desktop.core.market.gather import DEFAULT_MAX_CALLS, split_budget
from xianyu_desktop.core.market.service import MarketBudgetError, MarketProgress, MarketService, MarketStage
from xianyu_desktop.core.market.vocabulary import load_vocabulary
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.search_cache import SearchPageCache
from xianyu_desktop.sandbox.catalogue_ids import EXAMPLE_ITEM_ID

pytestmark = pytest.mark.e2e
TIERS = ("personal", "basic", "advanced")
JSON_KEYS = [
    "item", "template", "calls_used", "comparables", "excluded", "stats", "percentile", "value_score", "suggested",
    "verdict", "completed",
]  # fmt: skip


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


@pytest.fixture
def market(start_sandbox):
    """A sandbox whose market stands still, so two runs see the same listings."""
    return start_sandbox(catalogue_clock=FakeClock())


@pytest.fixture
def cache(tmp_path):
    opened = ItemCache(tmp_path / "cache").open()
    yield opened
    opened.close()


@pytest.fixture
def service(make_client, cache, vocabulary):
    def build(gateway, tier: str = "basic") -> MarketService:
        client = make_client(gateway, tier)
        return MarketService(
            ItemLookup(client, cache), Searcher(client, SearchPageCache(cache)), vocabulary, Tier.parse(tier)
        )

    return build


def used(gateway, tier: str = "basic") -> int:
    return gateway.state.snapshot()["apps"].get(f"sandbox-{tier}", {}).get("used_today", 0)


def sources(report) -> set[Source]:
    return {c.source for c in report.comparison.comparables} | {e.candidate.source for e in report.comparison.excluded}


@pytest.mark.parametrize("tier", TIERS)
def test_calls_used_is_what_the_gateway_counted_and_the_sources_follow_the_tier(market, service, tier):
    before = used(market, tier)
    report = service(market, tier).compare(EXAMPLE_ITEM_ID)
    assert report.calls_used == used(market, tier) - before
    assert 1 < report.calls_used <= DEFAULT_MAX_CALLS
    assert report.calls_used <= report.plan.calls <= DEFAULT_MAX_CALLS
    found = sources(report)
    assert Source.SEARCH in found
    assert (Source.SAME_ITEMS in found) is (tier == "advanced")
    assert (Source.TRADE_RECORD in found) is (tier != "personal")
    assert not report.failures and not report.market_failed


@pytest.mark.parametrize("tier", TIERS)
def test_the_example_item_is_ok_with_suggested_prices_inside_the_market(market, service, tier):
    report = service(market, tier).compare(EXAMPLE_ITEM_ID)
    comparison, stats = report.comparison, report.comparison.stats
    assert report.item.title and "iPhone 14 Pro" in report.item.title
    assert comparison.template.model == "iPhone 14 Pro" and comparison.template.specs == {"storage": "256G"}
    assert comparison.verdict is Verdict.OK
    assert comparison.suggested is not None and stats.min is not None and stats.max is not None
    assert stats.min <= comparison.suggested.quick_sale <= comparison.suggested.patient <= stats.max
    assert 0 <= (comparison.percentile or -1) <= 100 and 0 <= (comparison.value_score or -1) <= 100
    assert all("256" not in c.title or "512" not in c.title for c in comparison.comparables)
    sold = [c for c in comparison.comparables if c.source is Source.TRADE_RECORD]
    assert (stats.sold_median is not None) is bool(sold)


def test_the_json_object_has_the_issues_keys_and_the_item_as_fetch_prints_it(market, service):
    report = service(market, "advanced").compare(EXAMPLE_ITEM_ID)
    data = report.to_json_dict()
    assert list(data) == JSON_KEYS
    assert data["item"] == {**report.item.to_json_dict(), "from_cache": False}
    assert data["calls_used"] == report.calls_used
    assert set(data["template"]) == {"brand", "model", "specs", "query"}
    assert all(
        set(c) == {"item_id", "title", "price", "condition", "seller_nick", "source"} for c in data["comparables"]
    )
    assert all(set(e) == {"item_id", "title", "price", "reason"} for e in data["excluded"])
    assert data["suggested"] is not None and set(data["suggested"]) == {"quick_sale", "patient"}
    assert all(isinstance(Decimal(v), Decimal) for v in data["suggested"].values())
    assert data["verdict"] == "ok"
    assert set(data["completed"]) == {"category", "category_inferred", "original_price", "original_price_inferred"}


@pytest.mark.parametrize(
    ("tier", "max_calls"), [("basic", 1), ("basic", 2), ("basic", 4), ("advanced", 3), ("advanced", 7)]
)
def test_the_budget_is_never_overrun(market, service, tier, max_calls):
    before = used(market, tier)
    report = service(market, tier).compare(EXAMPLE_ITEM_ID, max_calls=max_calls)
    assert report.calls_used == used(market, tier) - before <= max_calls
    assert report.plan.calls <= max_calls
    if max_calls == 1:
        assert report.comparison.verdict is Verdict.THIN and report.comparison.suggested is None
        assert report.calls_used == 1
        assert any("只够查商品本身" in str(what) for what in report.plan.left_out)


def test_the_budget_holds_with_retries_spent_on_a_faulty_gateway(start_sandbox, service):
    gateway = start_sandbox(fault_rate=0.3, seed=5, catalogue_clock=FakeClock())
    for max_calls in (2, 5):
        before = used(gateway)
        try:
            report = service(gateway).compare(EXAMPLE_ITEM_ID, max_calls=max_calls, force=True)
        except GatewayError as exc:  # the item itself failed on every attempt it was allowed
            assert exc.attempts == used(gateway) - before <= max_calls
            continue
        assert report.calls_used == used(gateway) - before <= max_calls
    assert sum(v for k, v in gateway.state.snapshot()["counts"].items() if k.startswith("fault_")) > 0


def test_cache_hits_are_not_counted_and_force_asks_again(market, service):
    compare = service(market, "personal")
    first = compare.compare(EXAMPLE_ITEM_ID)
    assert first.calls_used == used(market, "personal") > 1
    plan = compare.plan_for(EXAMPLE_ITEM_ID, DEFAULT_MAX_CALLS)
    assert (plan.item, plan.search_pages, plan.calls) == (0, 0, 0) and plan.search_cached == first.calls_used - 1
    second = compare.compare(EXAMPLE_ITEM_ID)
    assert second.item_from_cache and second.calls_used == 0 == used(market, "personal") - first.calls_used
    assert second.comparison.to_json_dict() == first.comparison.to_json_dict()
    forced = compare.compare(EXAMPLE_ITEM_ID, force=True)
    assert not forced.item_from_cache and forced.calls_used == first.calls_used
    assert used(market, "personal") == 2 * first.calls_used


def test_a_second_comparison_spends_its_budget_only_on_sold_prices_not_yet_cached(
    market, make_client, cache, vocabulary
):
    calls = []
    client = make_client(market, "basic", observer=calls.append)
    compare = MarketService(ItemLookup(client, cache), Searcher(client, SearchPageCache(cache)), vocabulary, Tier.BASIC)
    first = compare.compare(EXAMPLE_ITEM_ID)
    looked_up = {c.item_id for c in calls if c.method == "xianyu.item.get"} - {EXAMPLE_ITEM_ID}
    calls.clear()
    second = compare.compare(EXAMPLE_ITEM_ID)
    assert second.calls_used == len(calls) == used(market) - first.calls_used
    assert {c.method for c in calls} == {"xianyu.item.get"}
    assert not {c.item_id for c in calls} & (looked_up | {EXAMPLE_ITEM_ID})  # the cached ones were free
    sold = [c for c in second.comparison.comparables if c.source is Source.TRADE_RECORD]
    assert len(sold) > len([c for c in first.comparison.comparables if c.source is Source.TRADE_RECORD])


def test_the_plan_says_what_it_will_spend_before_spending(market, service):
    compare = service(market, "basic")
    before = used(market)
    plan = compare.plan_for(EXAMPLE_ITEM_ID, 10)
    assert used(market) == before
    assert (plan.item, plan.search_pages, plan.trade_records) == (1, *split_budget(9, Tier.BASIC)) == (1, 5, 4)
    text = plan.describe()
    assert "最多 10 次调用" in text and "same_items" in text and "企业高级" in text
    small = compare.plan_for(EXAMPLE_ITEM_ID, 2)
    assert (small.calls, small.trade_records) == (2, 0) and any("成交记录" in str(w) for w in small.left_out)
    personal = service(market, "personal").plan_for(EXAMPLE_ITEM_ID, 10)
    assert (personal.search_pages, personal.trade_records) == (9, 0)
    assert any("trade_record" in str(w) for w in personal.left_out)
    with pytest.raises(MarketBudgetError, match="至少为 1"):
        compare.plan_for(EXAMPLE_ITEM_ID, 0)
    with pytest.raises(MarketBudgetError):
        compare.compare(EXAMPLE_ITEM_ID, max_calls=0)
    assert used(market) == before


def test_an_item_at_hand_costs_nothing_and_a_rare_product_is_thin(market, service):
    item = Item("123456789012", title="iPhone 12 mini 128G 白色 自用", price=Decimal("1500"), condition="good")
    compare = service(market, "personal")
    plan = compare.plan(item, 5)
    assert plan.item == 0 and plan.search_pages == 5
    before = used(market, "personal")
    report = compare.compare_item(item, {"item_id": item.item_id})
    assert report.calls_used == used(market, "personal") - before == 1  # one page: no listing of it at all
    assert report.comparison.verdict is Verdict.THIN and report.comparison.suggested is None
    assert report.comparison.stats.count == 0 and not report.market_failed
    assert report.completion.category == "苹果手机" and report.completion.category_inferred
    assert report.completion.original_price == Decimal("5999") and report.completion.original_price_inferred


def test_a_failed_search_is_said_in_a_report_and_a_failed_item_raises(market, service):
    market.state.set_used_today("sandbox-basic", 9_999)  # the item takes the day's last call
    report = service(market, "basic").compare(EXAMPLE_ITEM_ID)
    assert report.calls_used == used(market) - 9_999 == 1
    assert report.market_failed and report.failures
    assert report.failures[0].stage is MarketStage.SEARCH
    assert report.failures[0].failure.kind is ErrorKind.QUOTA_EXHAUSTED
    assert "同款搜索第 1 页没有取到" in report.failures[0].describe()
    with pytest.raises(GatewayError) as caught:
        service(market, "basic").compare(EXAMPLE_ITEM_ID, force=True)
    assert caught.value.kind is ErrorKind.QUOTA_EXHAUSTED


def test_progress_is_reported_and_a_cancel_stops_the_comparison(market, service):
    seen: list[MarketProgress] = []
    service(market, "basic").compare(EXAMPLE_ITEM_ID, progress=seen.append)
    stages = [p.stage for p in seen]
    assert stages[0] is MarketStage.ITEM and stages[-1] is MarketStage.DONE
    assert MarketStage.SEARCH in stages and MarketStage.TRADE_RECORD in stages
    assert [p.calls_used for p in seen] == sorted(p.calls_used for p in seen)
    cancel = threading.Event()

    def stop_after_first_page(progress: MarketProgress) -> None:
        if progress.stage is MarketStage.SEARCH:
            cancel.set()

    before = used(market, "advanced")
    with pytest.raises(Cancelled):
        service(market, "advanced").compare(EXAMPLE_ITEM_ID, force=True, cancel=cancel, progress=stop_after_first_page)
    assert used(market, "advanced") - before == 2  # the item and one page, then nothing more


def test_a_request_refused_for_the_rate_is_not_counted_as_the_gateway_does_not(market, make_client, service):
    make_client(market, "personal").fetch(EXAMPLE_ITEM_ID, "title")  # another client's call, this very second
    report = service(market, "personal").compare(EXAMPLE_ITEM_ID, max_calls=3, force=True)
    snapshot = market.state.snapshot()
    assert snapshot["counts"].get("refused_code_7", 0) >= 1  # the comparison's first request was refused
    assert report.calls_used == snapshot["apps"]["sandbox-personal"]["used_today"] - 1 == 3

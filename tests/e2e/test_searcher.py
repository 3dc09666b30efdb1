"""The client's search against the sandbox over loopback: pages through the shared limits, the search
cache, de-duplication across pages, the listing limit, the plan, failures and cancel."""

from __future__ import annotations

import json
import threading
from decimal import Decimal

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.errors import ErrorKind
from xianyu_desktop.core.gateway.client import CallRecord
from xianyu_desktop.core.gateway.limits import QuotaCounter
from xianyu_desktop.core.gateway.search import SearchQuery, SearchSort
from xianyu_desktop.core.search.searcher import SEARCH_PAGE_SIZE, Searcher, pages_for
from xianyu_desktop.core.storage.audit import AuditLog
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.search_cache import SearchPageCache

pytestmark = pytest.mark.e2e


def query(q: str = "iPhone 14 Pro", **kwargs) -> SearchQuery:
    return SearchQuery(q, page_size=kwargs.pop("page_size", SEARCH_PAGE_SIZE), **kwargs)


@pytest.fixture
def cache(tmp_path):
    opened = ItemCache(tmp_path / "cache").open()
    yield opened
    opened.close()


def test_a_search_collects_every_result_across_pages_once(sandbox, make_client, cache):
    calls: list[CallRecord] = []
    searcher = Searcher(make_client(sandbox, "advanced", observer=calls.append), SearchPageCache(cache))
    steps = list(searcher.run(query("iPhone 14 Pro"), 10_000))
    ids = [listing.item_id for step in steps for listing in step.listings]
    assert all(step.ok for step in steps)
    assert len(ids) == len(set(ids)) == steps[0].total_results > SEARCH_PAGE_SIZE
    assert len(steps) == pages_for(query(), steps[0].total_results)
    assert not steps[-1].has_more
    assert [c.method for c in calls] == ["xianyu.item.search"] * len(steps)
    assert sorted(c.query for c in calls) == sorted(f"iPhone 14 Pro p{n}" for n in range(1, len(steps) + 1))
    assert sandbox.state.snapshot()["apps"]["sandbox-advanced"]["used_today"] == len(steps)


def test_the_limit_stops_the_run_and_cuts_the_last_page(sandbox, make_client):
    searcher = Searcher(make_client(sandbox))
    steps = list(searcher.run(query(), 70))
    assert [len(step.listings) for step in steps] == [50, 20]
    assert sandbox.state.snapshot()["apps"]["sandbox-basic"]["used_today"] == 2


def test_a_repeated_search_is_answered_by_the_cache_and_force_asks_again(sandbox, make_client, cache, tmp_path):
    audit = AuditLog(tmp_path / "logs")
    searcher = Searcher(make_client(sandbox), SearchPageCache(cache), on_cache_hit=audit.record_search_cache_hit)
    first = list(searcher.run(query(sort=SearchSort.PRICE_ASC), 100))
    plan = searcher.plan(query(sort=SearchSort.PRICE_ASC), 100)
    assert (plan.pages, plan.cached, plan.calls) == (2, 2, 0)
    again = list(searcher.run(query(sort=SearchSort.PRICE_ASC), 100))
    assert all(step.from_cache and step.attempts == 0 for step in again)
    assert [s.listings for s in again] == [s.listings for s in first]
    assert sandbox.state.snapshot()["apps"]["sandbox-basic"]["used_today"] == 2
    forced = list(searcher.run(query(sort=SearchSort.PRICE_ASC), 100, force=True))
    assert not any(step.from_cache for step in forced)
    assert sandbox.state.snapshot()["apps"]["sandbox-basic"]["used_today"] == 4
    records = [json.loads(line) for path in (tmp_path / "logs").iterdir() for line in path.read_text().splitlines()]
    assert [r["from_cache"] for r in records] == [True, True]
    assert {r["method"] for r in records} == {"xianyu.item.search"} and "sign" not in json.dumps(records)


def test_a_cached_page_expires_after_its_lifetime(sandbox, make_client, cache):
    clock = FakeClock(1_800_000_000.0)
    searcher = Searcher(make_client(sandbox), SearchPageCache(cache, clock=clock))
    list(searcher.run(query(), 50))
    clock.now += 119
    assert searcher.plan(query(), 50).cached == 1
    clock.now += 2
    assert searcher.plan(query(), 50).cached == 0


def test_listings_already_seen_are_left_out(sandbox, make_client):
    searcher = Searcher(make_client(sandbox))
    first = next(searcher.run(query(), 50))
    shown = {listing.item_id for listing in first.listings[:10]}
    again = next(searcher.run(query(), 50, seen=shown))
    assert again.repeated == 10 and len(again.listings) == 40
    assert not shown & {listing.item_id for listing in again.listings}


def test_filters_reach_the_gateway(sandbox, make_client):
    searcher = Searcher(make_client(sandbox))
    found = query("iPhone 14", start_price=Decimal(3000), end_price=Decimal(5000), condition="like_new")
    listings = [listing for step in searcher.run(found, 500) for listing in step.listings]
    assert listings and all(Decimal(3000) <= listing.price <= Decimal(5000) for listing in listings)
    assert {listing.condition for listing in listings} == {"like_new"}


def test_a_refusal_ends_the_run_with_its_failure(sandbox, make_client):
    steps = list(Searcher(make_client(sandbox, secret="wrong")).run(query(), 500))
    assert len(steps) == 1 and steps[0].failure.kind is ErrorKind.AUTH


def test_no_quota_left_ends_the_run_without_a_call(sandbox, make_client):
    client = make_client(sandbox, quota=QuotaCounter(1))
    steps = list(Searcher(client).run(query(), 500))
    assert [step.ok for step in steps] == [True, False]
    assert steps[-1].failure.kind is ErrorKind.QUOTA_EXHAUSTED
    assert sandbox.state.snapshot()["apps"]["sandbox-basic"]["used_today"] == 1


def test_cancel_stops_before_the_next_page(sandbox, make_client):
    cancel = threading.Event()
    steps = []
    for step in Searcher(make_client(sandbox)).run(query(), 500, cancel=cancel):
        steps.append(step)
        cancel.set()
    assert [step.ok for step in steps] == [True, False]
    assert steps[-1].failure.kind is ErrorKind.CANCELLED
    assert sandbox.state.snapshot()["apps"]["sandbox-basic"]["used_today"] == 1


def test_nothing_found_is_one_empty_page(sandbox, make_client):
    steps = list(Searcher(make_client(sandbox)).run(query("没有这种东西的关键词"), 100))
    assert len(steps) == 1 and steps[0].ok and not steps[0].listings and steps[0].total_results == 0


def test_the_plan_counts_pages_within_the_cap():
    assert pages_for(query(), 1) == 1
    assert pages_for(query(), 120) == 3
    assert pages_for(query(), 100_000) == 40
    assert pages_for(query().page(39), 500) == 2


def test_pages_after_the_first_overlap_yet_come_out_in_order_and_none_past_the_end(start_sandbox, make_client):
    slow = start_sandbox(latency_ms=300)
    steps = list(Searcher(make_client(slow, "advanced")).run(query(), 10_000))
    assert [step.page_no for step in steps] == list(range(1, len(steps) + 1))
    assert slow.state.snapshot()["apps"]["sandbox-advanced"]["used_today"] == len(steps)
    # at 300 ms a round trip, one page after another would take 0.3 s each; overlapped they do not
    assert len(steps) >= 5

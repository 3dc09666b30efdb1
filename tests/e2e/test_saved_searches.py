"""Saved searches (关键词监控) against the real sandbox over loopback, its catalogue on a clock the test
moves (prices fall and rise, listings sell and come back): the silent baseline, one new_listing alert per
new matching listing, none above the max price, none repeated, the quota plan stretching them like the
items, and a store from before saved searches upgrading."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import sqlite3
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.gateway.search import Listing, SearchQueryError
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.storage.store import MIGRATIONS, STORE_FILE, Store
from xianyu_desktop.core.watch.alerts import AlertKind
from xianyu_desktop.core.watch.plan import PollIntervals, lookup_reserve
from xianyu_desktop.core.watch.poller import Poller, SearchEvent
from xianyu_desktop.core.watch.saved_searches import (
    FORGET_AFTER_S,
    ROUND_LISTINGS,
    RoundOutcome,
    SavedSearches,
    saved_query,
)
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.sandbox.search_checks import search_query

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent.parent / "fixtures"
SPEED = 2_000
EPOCH_S = 600 / SPEED  # catalogue seconds per epoch at SPEED
QUERY, MAX_PRICE, CONDITION = "iPhone 14 Pro", Decimal(5000), "like_new"  # a few dozen listings


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "home").open()
    yield opened
    opened.close(backup=False)


def make_poller(gateway, make_client, store, *, quota=lambda: 100_000, clock=time.time, tier="advanced"):
    client = make_client(gateway, tier)
    searches = SavedSearches(store)
    poller = Poller(
        Watchlist(store),
        ItemLookup(client),
        quota,
        Tier.parse(tier).spec,
        clock=clock,
        searches=searches,
        searcher=Searcher(client),
    )
    return poller, searches


def matching_now(gateway, *, max_price=MAX_PRICE, condition=CONDITION) -> dict[str, Decimal]:
    """What the sandbox's market holds for the saved search right now, read from the sandbox itself."""
    params = {"q": QUERY, "page_size": "50", "sort": "time_desc", "end_price": str(max_price)}
    if condition:
        params["condition"] = condition
    found: dict[str, Decimal] = {}
    page_no = 1
    while True:
        page = gateway.state.catalogue.search(search_query({**params, "page_no": str(page_no)}), gateway.url)
        found.update({item["item_id"]: Decimal(item["price"]) for item in page.items})
        if page_no * 50 >= page.total:
            return found
        page_no += 1


def test_baseline_is_silent_then_each_new_listing_alerts_once(start_sandbox, make_client, store):
    clock = FakeClock(time.time())
    gateway = start_sandbox(speed=SPEED, no_limits=True, catalogue_clock=clock)
    poller, searches = make_poller(gateway, make_client, store)
    saved = searches.add(saved_query(QUERY, str(MAX_PRICE), CONDITION), now=time.time())
    events: list[SearchEvent] = []

    baseline = matching_now(gateway)
    assert 0 < len(baseline) <= ROUND_LISTINGS
    report = poller.poll(on_search=events.append)  # a scheduled round: the new search is due at once
    assert report.searched == 1 and report.alerts == [] and Watchlist(store).alerts() == []
    assert [e.search_id for e in events] == [saved.id] and events[0].alerts == ()
    after = searches.get(saved.id)
    assert after is not None and after.baseline_done and after.seen_count == len(baseline)
    assert after.last_run is not None and after.next_run is not None and after.next_run > after.last_run
    assert searches.due(time.time()) == []  # not due again until its interval has passed

    seen = set(baseline)
    alerted: list[str] = []
    for epochs in (3, 4, 5):
        clock.now += epochs * EPOCH_S  # prices fall under the max, listings sell and come back
        now = matching_now(gateway)
        report = poller.poll(poller.watchlist.item_ids(), search_ids=[saved.id])
        new = [a for a in report.alerts if a.kind is AlertKind.NEW_LISTING]
        assert sorted(a.item_id for a in new) == sorted(set(now) - seen)  # one per new matching listing
        for alert in new:
            assert alert.query == QUERY and alert.search_id == saved.id
            assert alert.last_price == now[alert.item_id] <= MAX_PRICE
            assert alert.title and alert.title in alert.message and QUERY in alert.message
        seen |= set(now)
        alerted += [a.item_id for a in new]
    assert alerted and len(alerted) == len(set(alerted))  # never repeated across rounds
    stored = Watchlist(store).alerts()
    assert sorted(a.item_id for a in stored) == sorted(alerted)
    assert all(a.kind is AlertKind.NEW_LISTING and a.new == str(a.last_price) for a in stored)
    final = searches.get(saved.id)
    assert final is not None and final.new_count == len(alerted) and final.seen_count == len(seen)

    again = poller.poll(poller.watchlist.item_ids(), search_ids=[saved.id])  # same epoch: nothing new
    assert again.searched == 1 and again.alerts == []


def listing(item_id: str, price: str, title: str = "iPhone 14 Pro 256G", listed: float = 1_800_000_000.0) -> Listing:
    return Listing(item_id, title, Decimal(price), valid_time=dt.datetime.fromtimestamp(listed, dt.UTC))


def test_a_listing_above_the_max_price_is_never_alerted_even_if_the_gateway_returns_it(store):
    searches = SavedSearches(store)
    saved = searches.add(saved_query(QUERY, "5000"), now=1_800_000_000.0)
    searches.record_round(saved.id, RoundOutcome((listing("1000000000001", "4800"),), 1, 1_800_000_100.0), 0)
    round_two = (
        listing("1000000000002", "5000.01"),
        listing("1000000000003", "5000"),
        listing("1000000000001", "4800"),
    )
    alerts = searches.record_round(saved.id, RoundOutcome(round_two, 3, 1_800_000_200.0), 0)
    assert [(a.item_id, a.last_price) for a in alerts] == [("1000000000003", Decimal(5000))]
    assert searches.seen_ids(saved.id) == {"1000000000001", "1000000000003"}  # the dearer one is not remembered
    # Once it falls to the max price it appears for the first time: one alert.
    alerts = searches.record_round(saved.id, RoundOutcome((listing("1000000000002", "4999"),), 1, 1_800_000_300.0), 0)
    assert [a.item_id for a in alerts] == ["1000000000002"]


def test_seen_ids_are_forgotten_after_30_days_and_drift_past_a_capped_round_is_not_news(store):
    searches = SavedSearches(store)
    saved = searches.add(saved_query(QUERY), now=1_800_000_000.0)
    t0 = 1_800_000_000.0
    first = tuple(listing(f"10000000001{n:02d}", "4000", listed=t0 - n * 60) for n in range(3))
    searches.record_round(saved.id, RoundOutcome(first, 500, t0), 0)  # capped: 500 results, 3 read
    # One sold: an older listing slides into the window (older than the round reached: silent), and a
    # newly listed one (newer than everything seen) alerts.
    slid, fresh = listing("1000000000299", "4000", listed=t0 - 3600), listing("1000000000300", "4000", listed=t0 + 60)
    alerts = searches.record_round(saved.id, RoundOutcome((fresh, first[0], first[1], slid), 500, t0 + 300), 0)
    assert [a.item_id for a in alerts] == [fresh.item_id]
    assert slid.item_id in searches.seen_ids(saved.id)
    later = t0 + 300 + FORGET_AFTER_S + 1
    searches.record_round(saved.id, RoundOutcome((fresh,), 1, later), 0)
    assert searches.seen_ids(saved.id) == {fresh.item_id}  # the others were not seen for 30 days


def test_the_quota_plan_stretches_a_saved_search_like_the_items(start_sandbox, make_client, store):
    gateway = start_sandbox(speed=SPEED, no_limits=True)
    clock = FakeClock(time.time())
    remaining = [100_000]
    poller, searches = make_poller(gateway, make_client, store, quota=lambda: remaining[0], clock=clock)
    poller.intervals = PollIntervals()
    watchlist = poller.watchlist
    item_id = gateway.state.catalogue.demo_ids(2)[1]
    watchlist.add([item_id])
    relaxed = poller.plan()
    saved = searches.add(saved_query(QUERY, str(MAX_PRICE), CONDITION), now=clock())
    with_search = poller.plan()
    assert (with_search.searches, with_search.search_pages) == (1, 2)  # the cap until a round says the total
    assert with_search.calls_wanted > relaxed.calls_wanted
    assert "1 个关键词监控（每轮 2 次调用）" in with_search.describe()

    remaining[0] = lookup_reserve(poller.tier.daily_calls) + 100  # nearly spent: everything must slow down
    plan = poller.plan()
    assert 1 < plan.stretch < math.inf
    assert plan.search_interval == plan.interval_for("onsale") == PollIntervals().onsale * plan.stretch
    report = poller.poll()
    assert report.searched == 1 and report.checked == 1
    after, state = searches.get(saved.id), watchlist.get(item_id)
    assert after is not None and state is not None and state.last_status == "onsale"
    assert after.next_run == pytest.approx(clock() + PollIntervals().onsale * poller.plan().stretch, rel=0.05)
    assert after.next_run == pytest.approx(state.next_check, rel=0.05)  # the same stretch for both
    assert after.pages_per_round == 1 and poller.plan().search_pages == 1  # a few dozen results: one page
    assert "放慢" in poller.plan().describe()

    remaining[0] = 3  # only the lookups' reserve is left: scheduled rounds pause, saved searches too
    clock.now += 10 * 24 * 3600
    paused = poller.poll()
    assert poller.plan().paused and paused.searched == 0 and paused.checked == 0


def test_a_query_the_gateway_would_refuse_is_refused_before_saving(store):
    refused = (("   ",), (QUERY, "cheap"), (QUERY, "-1"), (QUERY, None, "brand_new_ish"), (QUERY, None, None, "x" * 31))
    for args in refused:
        with pytest.raises(SearchQueryError):
            saved_query(*args)
    assert SavedSearches(store).all() == []


def test_an_old_store_upgrades_and_keeps_its_alerts(tmp_path):
    """A v2 store (before saved searches) opens at the latest version: its alerts and items are kept, an
    item's own alerts still go when it is removed, a saved search's alerts stay when the search goes."""
    shutil.copy(FIXTURES / "store-v2-alerts.sqlite3", tmp_path / STORE_FILE)
    before = sqlite3.connect(FIXTURES / "store-v2-alerts.sqlite3")
    old_alerts = dict(before.execute("SELECT id, message FROM alerts"))
    item_ids = [row[0] for row in before.execute("SELECT item_id FROM watch_items")]
    before.close()
    store = Store(tmp_path).open()
    assert store.db.version() == MIGRATIONS[-1].version
    watchlist = Watchlist(store)
    assert {a.id: a.message for a in watchlist.alerts()} == old_alerts
    searches = SavedSearches(store)
    saved = searches.add(saved_query(QUERY, "5000"), now=1_800_000_000.0)
    searches.record_round(saved.id, RoundOutcome((), 0, 1_800_000_000.0), 0)
    raised = searches.record_round(saved.id, RoundOutcome((listing("1000000000001", "4500"),), 1, 1_800_000_100.0), 0)
    assert [a.kind for a in raised] == [AlertKind.NEW_LISTING]
    watchlist.remove(item_ids)
    assert [a.kind for a in watchlist.alerts()] == [AlertKind.NEW_LISTING]  # the items' alerts went with them
    assert searches.remove(saved.id) and not searches.remove(saved.id)
    kept = watchlist.alerts()
    assert [(a.query, a.search_id, a.title) for a in kept] == [(QUERY, None, "iPhone 14 Pro 256G")]
    store.close(backup=False)

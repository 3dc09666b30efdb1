"""My listings (我的) against the real sandbox over loopback, its catalogue on a clock the test moves
(prices drift down over epochs, new listings appear): the comparison re-runs on the watch schedule on the
round's answer of the item, ``undercut`` alerts once per competitor and price and never for my own
listings or an excluded one, the quota plan counts and stretches the comparisons, and a store from before
my listings upgrades."""

from __future__ import annotations

import shutil
import sqlite3
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.market.filtering import Source
from xianyu_desktop.core.market.gather import split_budget
from xianyu_desktop.core.market.service import MarketReport, MarketService
from xianyu_desktop.core.market.vocabulary import load_vocabulary
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.storage.store import MIGRATIONS, STORE_FILE, Store
from xianyu_desktop.core.watch.alerts import AlertKind, drop_pct
from xianyu_desktop.core.watch.mine import MyListings
from xianyu_desktop.core.watch.plan import PollIntervals, lookup_reserve
from xianyu_desktop.core.watch.poller import CompareEvent, Poller
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.sandbox.search_checks import search_query

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent.parent / "fixtures"
SPEED = 2_000
EPOCH_S = 600 / SPEED


class RecordingMarket(MarketService):
    """The real market service, keeping each report it made for the test to check the alerts against."""

    reports: list[MarketReport]

    def compare_item(self, *args: object, **kwargs: object) -> MarketReport:  # type: ignore[override]
        report = super().compare_item(*args, **kwargs)  # type: ignore[arg-type]
        self.reports.append(report)
        return report


def make_poller(gateway, make_client, store, *, quota=lambda: 100_000, clock=time.time, tier="basic"):
    client = make_client(gateway, tier)
    lookup = ItemLookup(client)
    market = RecordingMarket(lookup, Searcher(client), load_vocabulary(), Tier.parse(tier))
    market.reports = []
    poller = Poller(
        Watchlist(store), lookup, quota, Tier.parse(tier).spec, clock=clock, searcher=Searcher(client), market=market
    )
    return poller, market


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "home").open()
    yield opened
    opened.close(backup=False)


def on_sale_256(gateway) -> dict[str, Decimal]:
    """The iPhone 14 Pro 256G listings on sale now above 3,000 (phones, not accessories), by id."""
    found: dict[str, Decimal] = {}
    for page_no in range(1, 6):
        params = {"q": "iPhone 14 Pro 256G", "page_size": "50", "page_no": str(page_no)}
        page = gateway.state.catalogue.search(search_query(params), gateway.url)
        found |= {i["item_id"]: Decimal(i["price"]) for i in page.items if "256G" in i["title"]}
        if page_no * 50 >= page.total:
            break
    return {item_id: price for item_id, price in found.items() if price > 3000}


def priciest_256(gateway, clock: FakeClock, epochs: int = 0) -> str:
    """A listing near the top of the iPhone 14 Pro 256G market (most competitors cheaper) that the
    sandbox keeps on sale for the next ``epochs`` epochs (read from the sandbox, the clock put back)."""
    start = clock.now
    prices = on_sale_256(gateway)
    staying = set(prices)
    for n in range(1, epochs + 1):
        clock.now = start + n * EPOCH_S
        staying &= set(on_sale_256(gateway))
    clock.now = start
    ranked = sorted(staying, key=lambda item_id: prices[item_id], reverse=True)
    return ranked[len(ranked) // 5]


def test_undercut_once_per_competitor_and_price_never_mine_never_excluded(start_sandbox, make_client, store):
    clock = FakeClock(time.time())
    gateway = start_sandbox(speed=SPEED, no_limits=True, catalogue_clock=clock)
    poller, market = make_poller(gateway, make_client, store)
    watchlist, mine = Watchlist(store), MyListings(store)
    my_id = priciest_256(gateway, clock, 13)
    watchlist.add([my_id])
    watchlist.update_rules(my_id, threshold_pct=Decimal(2))
    assert mine.set_mine(my_id, True) and not mine.set_mine("123456789012", True)  # not watched
    events: list[CompareEvent] = []

    first = poller.poll(on_compare=events.append)  # scheduled: the item and its comparison are both due
    assert first.compared == 1 and first.compare_errors == [] and len(market.reports) == 1
    report = market.reports[0]
    assert report.item.item_id == my_id and report.item_from_cache  # the round's answer: no call for the item
    assert report.calls_used <= poller.compare_max_calls
    assert [e.item_id for e in events] == [my_id] and events[0].summary is not None
    summary = mine.summary(my_id)
    assert summary is not None and summary.count == report.comparison.stats.count
    assert summary.median == report.comparison.stats.median and summary.my_price == report.item.price
    assert summary.verdict == report.comparison.verdict.value

    # Another of my listings: one of the cheaper comparables, marked mine from now on.
    cheaper = [c for c in report.comparison.comparables if c.source is Source.SEARCH and c.price < report.item.price]
    other_mine = cheaper[-1].item_id
    watchlist.add([other_mine])
    mine.set_mine(other_mine, True)

    alerted: dict[tuple[str, Decimal], int] = {}
    lowest: dict[str, Decimal] = {}
    fresh_competitors = 0
    excluded_cheaper = 0
    for round_no in range(5):
        if round_no:
            clock.now += 3 * EPOCH_S  # prices drift down, new listings appear
            market.reports.clear()
            polled = poller.poll([my_id], compare_ids=[my_id])
            assert polled.compared == 1, (polled.compare_errors, Watchlist(store).get(my_id))
        report = market.reports[-1]
        undercuts = [a for a in watchlist.alerts() if a.kind is AlertKind.UNDERCUT]
        new = [a for a in undercuts if (a.competitor_id, Decimal(a.new or "0")) not in alerted]
        my_price = report.item.price
        assert my_price is not None
        excluded = {e.candidate.item_id for e in report.comparison.excluded}
        excluded_cheaper += sum(
            1 for e in report.comparison.excluded if e.candidate.price is not None and e.candidate.price < my_price
        )
        expected = set()
        for c in report.comparison.comparables:
            if c.source is Source.TRADE_RECORD or (c.item_id in (my_id, other_mine) and round_no):
                continue
            if c.item_id == my_id or c.price is None or drop_pct(my_price, c.price) < Decimal(2):
                continue
            if c.item_id in lowest and c.price >= lowest[c.item_id]:
                continue
            expected.add((c.item_id, c.price))
        assert {(a.competitor_id, Decimal(a.new or "0")) for a in new} == expected
        for alert in new:
            key = (alert.competitor_id, Decimal(alert.new or "0"))
            assert alert.item_id == my_id and alert.competitor_id not in excluded
            assert alert.competitor_id != my_id and (round_no == 0 or alert.competitor_id != other_mine)
            assert Decimal(alert.old or "0") == my_price and alert.last_price == my_price
            assert alert.competitor_title and alert.competitor_title in alert.message
            fresh_competitors += alert.competitor_id not in lowest
            alerted[key] = alerted.get(key, 0) + 1
            lowest[alert.competitor_id] = min(key[1], lowest.get(alert.competitor_id, key[1]))
    assert all(n == 1 for n in alerted.values())  # once per competitor and price
    stored = [(a.competitor_id, a.new) for a in watchlist.alerts() if a.kind is AlertKind.UNDERCUT]
    assert len(stored) == len(set(stored)) == len(alerted)
    assert len(alerted) > len(lowest)  # some competitor dropped further and alerted again
    assert fresh_competitors > 0 and excluded_cheaper > 0  # accessories, wanted posts… never alerted

    market.reports.clear()
    again = poller.poll([my_id], compare_ids=[my_id])  # same epoch: nothing new to alert
    assert again.compared == 1 and [a for a in again.alerts if a.kind is AlertKind.UNDERCUT] == []


def test_comparisons_due_on_their_own_interval_counted_and_stretched_in_the_plan(start_sandbox, make_client, store):
    clock, market_time = FakeClock(time.time()), FakeClock(time.time())  # the market stands still meanwhile
    gateway = start_sandbox(speed=SPEED, no_limits=True, catalogue_clock=market_time)
    poller, market = make_poller(gateway, make_client, store, clock=clock)
    my_id = priciest_256(gateway, market_time)
    Watchlist(store).add([my_id])
    mine = MyListings(store)
    assert poller.plan().comparisons == 0
    mine.set_mine(my_id, True)
    plan = poller.plan()
    per = sum(split_budget(poller.compare_max_calls, Tier.BASIC))
    assert plan.comparisons == 1 and plan.comparison_calls == per == poller.comparison_calls()
    assert "1 个我的商品约每 6.0 小时比价一次" in plan.describe() and f"约 {per} 次调用" in plan.describe()

    poller.poll()
    next_compare, error = mine.next_compare(my_id)
    assert error is None and next_compare == pytest.approx(clock.now + PollIntervals().compare)
    clock.now += 3600
    market.reports.clear()
    poller.poll()  # the item is due again (5 min), its comparison is not (6 h)
    assert market.reports == []
    clock.now += 6 * 3600
    poller.poll()
    assert len(market.reports) == 1

    # The comparisons' calls count in what the plan wants; with a quota between what the items alone want
    # and what items and comparisons want, the comparisons alone make the plan stretch, items and all.
    with_mine = poller.plan()
    alone = Poller(Watchlist(store), poller.lookup, lambda: 100_000, Tier.BASIC.spec, clock=clock).plan()
    horizon_share = (with_mine.calls_wanted - alone.calls_wanted) / per
    assert with_mine.calls_wanted > alone.calls_wanted and horizon_share > 0
    quota = lookup_reserve(Tier.BASIC.spec.daily_calls) + (with_mine.calls_wanted + alone.calls_wanted) // 2
    tight, _ = make_poller(gateway, make_client, store, clock=clock, quota=lambda: quota)
    stretched = tight.plan()
    assert Poller(Watchlist(store), tight.lookup, lambda: quota, Tier.BASIC.spec, clock=clock).plan().stretch == 1
    assert stretched.stretch > 1
    assert stretched.compare_interval == pytest.approx(PollIntervals().compare * stretched.stretch)
    assert stretched.interval_for("onsale") == pytest.approx(PollIntervals().onsale * stretched.stretch)
    assert "放慢" in stretched.describe() and "我的商品" in stretched.describe()
    market.reports.clear()
    clock.now += PollIntervals().compare * 1.01  # due by the plain interval, not by the stretched one
    tight.poll()
    next_compare, _ = MyListings(store).next_compare(my_id)
    assert next_compare == pytest.approx(clock.now + stretched.compare_interval, rel=1e-3)


@pytest.mark.parametrize("version", [2, 4])
def test_store_from_before_my_listings_upgrades(tmp_path, version):
    """A v2 store (the fixture) and a v4 one (before my listings): items and alerts kept, none mine, and
    marking one works at once; removing it takes its summary and undercut memory with it."""
    shutil.copy(FIXTURES / "store-v2-alerts.sqlite3", tmp_path / STORE_FILE)
    if version == 4:
        old = sqlite3.connect(tmp_path / STORE_FILE)
        for migration in MIGRATIONS:
            if 2 < migration.version <= 4:
                for statement in migration.statements:
                    old.execute(statement)
        old.execute("PRAGMA user_version = 4")
        old.commit()
        old.close()
    before = sqlite3.connect(tmp_path / STORE_FILE)
    old_alerts = dict(before.execute("SELECT id, message FROM alerts"))
    before.close()
    store = Store(tmp_path).open()
    try:
        assert store.db.version() == MIGRATIONS[-1].version >= 6
        watchlist = Watchlist(store)
        assert {a.id: a.message for a in watchlist.alerts()} == old_alerts
        assert all(a.competitor_id is None for a in watchlist.alerts())
        states = watchlist.items()
        assert states and not any(s.mine for s in states)
        mine = MyListings(store)
        item_id = states[0].item_id
        assert mine.due(time.time()) == [] and mine.set_mine(item_id, True)
        state = watchlist.get(item_id)
        assert state is not None and state.mine and mine.due(time.time()) == [item_id]
        with store.db.write() as conn:
            conn.execute("INSERT INTO undercut_alerted VALUES (?, '1000000000001', '4500.00', 1)", (item_id,))
        assert mine.alerted(item_id) == {"1000000000001": {Decimal(4500)}}
        assert mine.set_mine(item_id, False) and mine.alerted(item_id)  # unmarking keeps what was alerted
        watchlist.remove([item_id])
        assert mine.alerted(item_id) == {} and mine.summary(item_id) is None
    finally:
        store.close(backup=False)

"""Every watch rule, with a scripted sequence of what the gateway says and a controllable clock."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from decimal import Decimal

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.errors import ErrorKind, GatewayFailure
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.plan import PollIntervals, make_plan
from xianyu_desktop.core.watch.poller import Poller
from xianyu_desktop.core.watch.rules import AlertKind, Observation, WatchState, observe
from xianyu_desktop.core.watch.watchlist import Watchlist

ID = "698765432109876543"
D = Decimal


def run(observations: Iterable[Observation], **rules) -> tuple[WatchState, list, list]:
    state = WatchState(ID, 0.0, **rules)
    history, alerts = [], []
    for seen in observations:
        outcome = observe(state, seen)
        state = outcome.state
        if outcome.history:
            history.append(outcome.history)
        alerts.extend(outcome.alerts)
    return state, history, alerts


def onsale(at: float, price: str) -> Observation:
    return Observation(at, "onsale", D(price), "自用 iPhone 14 Pro")


def test_first_observation_is_the_baseline_without_alerts():
    state, history, alerts = run([onsale(1, "1000")])
    assert (state.first_price, state.lowest_price, state.highest_price, state.alerted_price) == (D(1000),) * 4
    assert len(history) == 1 and alerts == []


def test_a_15_percent_drop_alerts_once_and_repeated_polls_never_repeat_it():
    state, history, alerts = run([onsale(1, "1000"), onsale(2, "850"), onsale(3, "850"), onsale(4, "850")])
    assert [a.kind for a in alerts] == [AlertKind.PRICE_DROP]
    assert "降价 15.0%" in alerts[0].message and "¥1,000.00 → ¥850.00" in alerts[0].message
    assert (alerts[0].old, alerts[0].new) == ("1000", "850")
    assert len(history) == 2  # the baseline and the one change; unchanged polls add nothing
    assert (state.last_price, state.previous_price, state.change_pct) == (D(850), D(1000), D("-15.0"))


def test_a_5_percent_drop_is_recorded_but_does_not_alert_until_drops_add_up():
    state, history, alerts = run([onsale(1, "1000"), onsale(2, "950")])
    assert alerts == [] and len(history) == 2 and state.lowest_price == D(950)
    state, history, alerts = run([onsale(1, "1000"), onsale(2, "950"), onsale(3, "900")])
    assert [a.kind for a in alerts] == [AlertKind.PRICE_DROP]
    assert "降价 10.0%" in alerts[0].message  # against the last alerted price, not the last price


def test_own_threshold_per_item():
    _, _, alerts = run([onsale(1, "1000"), onsale(2, "970")], threshold_pct=D(3))
    assert [a.kind for a in alerts] == [AlertKind.PRICE_DROP]


def test_sold_is_a_sold_alert_never_a_drop_to_zero():
    sold = Observation(3, "soldout", D(0), None)
    state, history, alerts = run([onsale(1, "1000"), sold, Observation(4, "soldout", D(0))])
    assert [a.kind for a in alerts] == [AlertKind.SOLD]
    assert "已售出" in alerts[0].message and "¥1,000.00" in alerts[0].message
    assert state.last_price == D(1000) and state.lowest_price == D(1000)
    assert history[-1].status == "soldout" and history[-1].price is None


def test_offline_then_back_on_sale():
    seq = [onsale(1, "1000"), Observation(2, "offline"), Observation(3, "offline"), onsale(4, "880")]
    state, history, alerts = run(seq)
    assert [a.kind for a in alerts] == [AlertKind.OFFLINE, AlertKind.BACK_ON_SALE]
    assert "重新上架" in alerts[1].message and "¥880.00" in alerts[1].message
    assert [p.status for p in history] == ["onsale", "offline", "onsale"]
    assert state.alerted_price == D(880)  # the new baseline


def test_no_data_is_gone():
    state, _, alerts = run([onsale(1, "1000"), Observation(2, "gone"), Observation(3, "gone")])
    assert [a.kind for a in alerts] == [AlertKind.GONE]
    assert state.last_status == "gone"


def test_rise_is_recorded_and_alerts_only_when_asked():
    state, history, alerts = run([onsale(1, "1000"), onsale(2, "1100")])
    assert alerts == [] and len(history) == 2 and state.highest_price == D(1100)
    _, _, alerts = run([onsale(1, "1000"), onsale(2, "1100")], alert_on_rise=True)
    assert [a.kind for a in alerts] == [AlertKind.PRICE_RISE] and "涨价 10.0%" in alerts[0].message


def test_a_fall_back_after_a_rise_is_measured_from_the_higher_price():
    _, _, alerts = run([onsale(1, "1000"), onsale(2, "1200"), onsale(3, "1060")])
    assert [a.kind for a in alerts] == [AlertKind.PRICE_DROP]


def test_target_price_reached_is_one_alert_even_when_the_drop_also_crosses_the_threshold():
    _, _, alerts = run([onsale(1, "1000"), onsale(2, "800"), onsale(3, "790")], target_price=D(850))
    assert [a.kind for a in alerts] == [AlertKind.TARGET_REACHED]
    assert "目标价 ¥850.00" in alerts[0].message


def test_target_already_met_at_first_sight_alerts():
    _, _, alerts = run([onsale(1, "800")], target_price=D(850))
    assert [a.kind for a in alerts] == [AlertKind.TARGET_REACHED]


# --- the plan ------------------------------------------------------------------------------------


def test_plan_within_quota_keeps_the_configured_intervals():
    plan = make_plan({"onsale": 10}, remaining_today=10_000, daily_limit=10_000, seconds_to_reset=43_200, per_second=5)
    assert plan.stretch == 1.0 and plan.interval_for("onsale") == 300
    assert plan.describe() == "10 个商品，在售商品约每 5 分钟检查一次，在今日额度之内"


def test_plan_stretches_evenly_when_the_watchlist_is_too_big_for_the_quota():
    counts = {"onsale": 143, "soldout": 10, "offline": 7}
    plan = make_plan(counts, remaining_today=10_000, daily_limit=10_000, seconds_to_reset=86_400, per_second=5)
    wanted = 143 * 288 + 10 * 24 + 7
    assert plan.stretch == pytest.approx(wanted / (10_000 - 1_000))
    assert plan.interval_for("soldout") == pytest.approx(3600 * plan.stretch)
    text = plan.describe()
    assert text.startswith("160 个商品，在售商品约每 ") and f"放慢 {plan.stretch:.1f} 倍" in text


def test_plan_pauses_when_only_the_lookup_reserve_is_left():
    plan = make_plan({"onsale": 3}, remaining_today=8, daily_limit=100, seconds_to_reset=3600, per_second=1)
    assert plan.paused and math.isinf(plan.interval_for("onsale"))
    assert "暂停" in plan.describe()


# --- the poller, on a real store, with a scripted gateway ----------------------------------------


class ScriptedLookup:
    """Stands where the gateway would: answers each item from a script, one entry per poll."""

    def __init__(self, script: dict[str, list[object]]) -> None:
        self.script = script
        self.calls: list[list[str]] = []

    def lookup_many(self, ids, fields=None, *, force=False, cancel=None) -> Iterator[FetchResult]:
        self.calls.append(list(ids))
        for item_id in ids:
            step = self.script[item_id].pop(0)
            if isinstance(step, GatewayFailure):
                yield FetchResult(item_id, failure=step)
            elif step == "gone":
                yield FetchResult(item_id, failure=GatewayFailure(ErrorKind.NOT_FOUND, "无数据"))
            else:
                status, price = step  # type: ignore[misc]
                item = Item(item_id, title="相机", price=D(price) if price else None, status=status)
                yield FetchResult(item_id, item=item)


@pytest.fixture
def watchlist(tmp_path):
    store = Store(tmp_path).open()
    yield Watchlist(store)
    store.close()


def test_poller_scripted_sequence_end_to_end_on_the_store(watchlist):
    a, b = "100000000001", "100000000002"
    watchlist.add([a, b])
    script = {
        a: [("onsale", "1000"), ("onsale", "850"), ("onsale", "850"), ("soldout", "850")],
        b: [("onsale", "500"), ("offline", None), ("onsale", "480"), "gone"],
    }
    clock = FakeClock()
    poller = Poller(watchlist, ScriptedLookup(script), lambda: 10_000, Tier.BASIC.spec, clock=clock)
    kinds = []
    for _ in range(4):
        report = poller.poll()
        kinds.append(sorted(x.kind.value for x in report.alerts))
        assert watchlist.due(clock.now) == []  # each item is scheduled after its check
        clock.now += 24 * 3600 + 1
    assert kinds == [[], ["offline", "price_drop"], ["back_on_sale"], ["gone", "sold"]]
    assert [p.status for p in watchlist.history(a)] == ["onsale", "onsale", "soldout"]
    assert [str(p.price) for p in watchlist.history(a)] == ["1000", "850", "None"]
    assert len(watchlist.alerts()) == 5 and len(watchlist.alerts(unread_only=True)) == 5
    watchlist.mark_read()
    assert watchlist.alerts(unread_only=True) == []


def test_errors_are_recorded_and_retried_later_without_alerts(watchlist):
    watchlist.add([ID])
    failure = GatewayFailure(ErrorKind.TIMEOUT, "15 秒内没有收到网关响应")
    clock = FakeClock()
    poller = Poller(watchlist, ScriptedLookup({ID: [failure]}), lambda: 10_000, Tier.BASIC.spec, clock=clock)
    report = poller.poll()
    assert report.alerts == [] and report.errors == [(ID, "响应超时：15 秒内没有收到网关响应")]
    state = watchlist.get(ID)
    assert state.last_error and state.next_check == clock.now + PollIntervals().after_error


def test_next_check_follows_status_and_plan(watchlist):
    watchlist.add([ID])
    clock = FakeClock()
    lookup = ScriptedLookup({ID: [("soldout", "10")]})
    Poller(watchlist, lookup, lambda: 10_000, Tier.BASIC.spec, clock=clock).poll()
    assert watchlist.get(ID).next_check == clock.now + 3600
    assert watchlist.due(clock.now + 3599) == [] and watchlist.due(clock.now + 3600) == [ID]


def test_a_paused_plan_polls_nothing(watchlist):
    watchlist.add([ID])
    lookup = ScriptedLookup({ID: []})
    report = Poller(watchlist, lookup, lambda: 3, Tier.PERSONAL.spec, clock=FakeClock()).poll()
    assert report.checked == 0 and lookup.calls == []


def test_an_item_first_seen_sold_keeps_its_last_price_without_alerts():
    state, history, alerts = run([Observation(1, "soldout", D("799"), "相机"), Observation(2, "soldout", D(0))])
    assert alerts == [] and state.last_price == D(799) and len(history) == 1
    _, _, alerts = run([Observation(1, "soldout", D(0))], target_price=D(850))
    assert alerts == []  # a sold item's price (0 or not) never "reaches the target"

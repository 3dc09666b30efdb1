"""The market item_search pages through: a believable spread per product, its noise, and item_get's agreement."""

from __future__ import annotations

import statistics
from collections import Counter
from decimal import Decimal

from tests.sandbox.test_catalogue import BASE, EPOCH_S, START, FakeClock, make
from xianyu_desktop.sandbox.catalogue import EXAMPLE_ITEM_ID
from xianyu_desktop.sandbox.catalogue_data import PRODUCTS
from xianyu_desktop.sandbox.catalogue_ids import short_id
from xianyu_desktop.sandbox.market import LATE_PER_EPOCH, SearchQuery, appear_epoch, fold, late_id, late_number


def everything(cat, q: str, **kw):
    query = SearchQuery(tuple(fold(q).split()), page_size=50, **kw)
    first = cat.search(query, BASE)
    items = list(first.items)
    page = 2
    while len(items) < first.total:
        items += cat.search(SearchQuery(query.words, page, 50, **kw), BASE).items
        page += 1
    return first.total, items


def test_popular_products_have_hundreds_and_rare_ones_dozens() -> None:
    cat = make()
    counts: Counter[str] = Counter()
    for p in PRODUCTS:
        total, _ = everything(cat, p.name)
        counts[p.name] = total
    assert counts["iPhone 14 Pro"] >= 150  # the name is part of no other product's
    assert min(counts.values()) >= 20
    assert 3000 < cat.market_size() < 5000


def test_noise_a_seller_sees_is_there_and_ordinary_listings_spread_by_condition() -> None:
    cat = make()
    _, items = everything(cat, "iPhone 14 Pro")
    titles = [i["title"] for i in items]
    for word in ("壳", "膜", "包装盒", "求购", "私聊"):
        assert any(word in t for t in titles), word
    assert any(w in t for t in titles for w in ("故障", "屏幕碎", "坏"))
    prices = [Decimal(str(i["price"])) for i in items]
    assert Decimal(1) in prices and max(prices) > Decimal(50_000)
    fair = {c: [] for c in ("new", "like_new", "very_good", "good", "acceptable")}
    noise = ("壳", "膜", "盒", "求购", "收", "私聊", "故障", "碎", "坏", "拆机", "进水")
    for item, price in zip(items, prices, strict=True):
        if item["condition"] in fair and not any(w in item["title"] for w in noise) and 3000 < price < 7000:
            fair[item["condition"]].append(price)
    medians = [statistics.median(fair[c]) for c in fair]
    assert all(len(v) >= 5 for v in fair.values())
    assert medians[0] > medians[2] > medians[4]  # new above very good above acceptable


def test_every_listing_found_is_the_one_item_get_serves_and_both_drift_together() -> None:
    clock = FakeClock()
    cat = make(clock=clock)
    assert EXAMPLE_ITEM_ID in {i["item_id"] for i in everything(cat, "iPhone 14 Pro 256G")[1]}
    for k in (0, 40):
        clock.to_epoch(k)
        _, items = everything(cat, "switch")
        assert items and len({i["item_id"] for i in items}) == len(items)
        for summary in items:
            full = cat.item(summary["item_id"], BASE)
            assert full is not None and full["status"] == "onsale"
            assert {k: full[k] for k in summary} == summary


def test_the_index_is_built_once_and_is_the_same_for_the_same_seed() -> None:
    a, b = make(0), make(0)
    query = SearchQuery(("mate",), 1, 50, "price_desc")
    assert a.search(query, BASE) == b.search(query, BASE)
    assert a.search(query, BASE) != make(1).search(query, BASE)


def test_new_listings_appear_over_time_in_search_and_item_get_alike() -> None:
    clock = FakeClock()
    cat = make(clock=clock)
    probe = make(clock=FakeClock(START + 3 * EPOCH_S))
    n = next(i for i in range(300) if "iPhone" in (probe.item(late_id(0, i), BASE) or {}).get("title", ""))
    new_id = late_id(0, n)
    clock.now = START + (appear_epoch(n) - 1) * EPOCH_S
    assert cat.item(new_id, BASE) is None  # not listed yet: no data
    before_total, before = everything(cat, "iPhone", sort="time_desc")
    assert new_id not in {i["item_id"] for i in before}
    clock.now = START + appear_epoch(n) * EPOCH_S
    item = cat.item(new_id, BASE)
    assert item is not None and item["status"] == "onsale"
    listed_ms = (START + (appear_epoch(n) - 1) * EPOCH_S) * 1000
    assert listed_ms <= item["valid_time"] <= listed_ms + EPOCH_S * 1000
    after_total, after = everything(cat, "iPhone", sort="time_desc")
    found = {i["item_id"]: i for i in after}
    assert new_id in found and found[new_id]["price"] == item["price"] and found[new_id]["title"] == item["title"]
    appeared = {i["item_id"] for i in after} - {i["item_id"] for i in before}
    assert new_id in appeared  # (with listings back on sale from offline)
    assert before_total > 500 and after_total > 500
    assert after[0]["valid_time"] >= item["valid_time"]  # the newest first: the new ones lead time_desc


def test_new_listings_keep_drifting_and_their_ids_are_never_the_catalogues_own() -> None:
    clock = FakeClock(START + 200 * EPOCH_S)
    cat = make(clock=clock)
    recent = range(200 * LATE_PER_EPOCH - 300, 200 * LATE_PER_EPOCH, 3)  # listed in the last epochs
    statuses = Counter((cat.item(late_id(0, n), BASE) or {"status": "gone"})["status"] for n in recent)
    assert statuses["onsale"] > 70 and statuses["soldout"] + statuses["offline"] + statuses["gone"] > 0
    assert cat.item(late_id(0, 200 * LATE_PER_EPOCH + 5), BASE) is None  # the next epoch's
    assert late_number(0, late_id(0, 42)) == 42 and late_number(1, late_id(0, 42)) is None
    assert all(late_number(0, i["item_id"]) is None for i in everything(make(), "iPhone")[1])
    assert all(late_number(0, short_id(0, "market", n)) is None for n in range(20_000))


def test_the_market_turns_over_but_keeps_its_size() -> None:
    clock = FakeClock()
    cat = make(clock=clock)
    on_sale = {}
    for k in (0, 50, 150):
        clock.now = START + k * EPOCH_S
        on_sale[k] = cat.search(SearchQuery((), page_size=50), BASE).total
    assert 0.75 < on_sale[50] / on_sale[0] < 1.25 and 0.75 < on_sale[150] / on_sale[0] < 1.25
    assert cat.market_size() < 1.5 * on_sale[0]  # sold and gone listings left the index
    newest = cat.search(SearchQuery((), page_size=50, sort="time_desc"), BASE).items
    assert all(late_number(0, i["item_id"]) is not None for i in newest)

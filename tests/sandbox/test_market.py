"""The market item_search pages through: a believable spread per product, its noise, and item_get's agreement."""

from __future__ import annotations

import statistics
from collections import Counter
from decimal import Decimal

from tests.sandbox.test_catalogue import BASE, FakeClock, make
from xianyu_desktop.sandbox.catalogue import EXAMPLE_ITEM_ID
from xianyu_desktop.sandbox.catalogue_data import PRODUCTS
from xianyu_desktop.sandbox.market import SearchQuery, fold


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

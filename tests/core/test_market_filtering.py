"""Filtering with reasons on a fixed market holding every noise class, overrides, and the comparison that
follows (statistics, percentile, value score, suggested prices, thin evidence, the JSON shape)."""

from __future__ import annotations

import random
from decimal import Decimal

from xianyu_desktop.core.market.comparison import Verdict, compare, thin_message
from xianyu_desktop.core.market.filtering import Candidate, Overrides, Reason, Source, filter_comparables
from xianyu_desktop.core.market.vocabulary import load_vocabulary
from xianyu_desktop.sandbox.catalogue_data import PRODUCTS
from xianyu_desktop.sandbox.listing_words import draw_params, draw_title
from xianyu_desktop.sandbox.noise import noisy_listing

VOCABULARY = load_vocabulary()
D = Decimal


def listing(item_id, title, price, condition="like_new", seller="", status="onsale", source=Source.SEARCH, nick=None):
    return Candidate(item_id, title, None if price is None else D(price), condition, seller or None,
                     nick or f"nick-{seller}", status, source)  # fmt: skip


ITEM = listing("100", "自用 iPhone 14 Pro 256G 国行 99新", "5000", seller="me")
COMPARABLES = [
    listing("1", "iPhone 14 Pro 256G 99新 无拆无修", "4500", seller="A"),
    listing("2", "iPhone14Pro 256GB 九成新 送壳膜", "4600", "very_good", seller="B"),
    listing("3", "iPhone 14 Pro 256G 不是故障机 面容正常", "4800", seller="C"),
    listing("4", "iPhone 14 Pro 256G 全新未拆封", "4900", "new", seller="D"),
    listing("5", "苹果14pro 256g 暗紫色", "5000", "very_good", seller="A"),
    listing("6", "iPhone 14 Pro 256G 金色", "5200", None, status=None, source=Source.SAME_ITEMS, nick="E"),
    listing("7", "iPhone 14 Pro 99新 国行", "5400", "new", seller="F"),  # no storage: no difference
]
NOISE = {
    "self": listing("100", "自用 iPhone 14 Pro 256G 国行 99新", "5000", source=Source.SAME_ITEMS, nick="me"),
    "accessory": listing("20", "适用iPhone 14 Pro 手机壳 磁吸 透明", "29", "new", seller="G"),
    "wanted": listing("21", "收 iPhone 14 Pro 256G 成色好的来 价格好说", "3500", None, seller="H"),
    "broken": listing("22", "iPhone 14 Pro 256G 主板坏 配件机 不退不换", "1200", "acceptable", seller="I"),
    "other_product": listing("23", "iPhone 14 256G 蓝色", "3200", seller="J"),
    "other_product 512G": listing("24", "iPhone 14 Pro 512G 银色", "5600", seller="K"),
    "bad_price": listing("25", "急出 iPhone 14 Pro 256G 私聊", "1", seller="L"),
    "bad_price 0": listing("26", "iPhone 14 Pro 256G 详情私聊", "0", seller="L"),
    "not_on_sale": listing("27", "iPhone 14 Pro 256G 九成新", "4700", seller="M", status="soldout"),
    "not_on_sale unknown": listing("28", "iPhone 14 Pro 256G 九成新", "4700", seller="M", status="frozen"),
    "outlier high": listing("29", "iPhone 14 Pro 256G 九成新 自用", "49990", seller="N"),
    "outlier low": listing("30", "iPhone 14 Pro 256G 九成新 自用", "390", seller="O"),
}
SALES = [listing("1", "iPhone 14 Pro 256G 99新 无拆无修", p, None, status=None, source=Source.TRADE_RECORD)
         for p in ("4300", "4400", "4600", "4700")]  # fmt: skip
MARKET = [*COMPARABLES, *NOISE.values(), COMPARABLES[0], *SALES]  # "1" twice: seen by search and same_items


def test_every_excluded_listing_keeps_one_reason():
    filtered = filter_comparables(ITEM, MARKET, VOCABULARY)
    reasons = {e.candidate.item_id: e.reason for e in filtered.excluded}
    assert reasons == {
        "100": Reason.SELF, "20": Reason.ACCESSORY, "21": Reason.WANTED, "22": Reason.BROKEN,
        "23": Reason.OTHER_PRODUCT, "24": Reason.OTHER_PRODUCT, "25": Reason.BAD_PRICE, "26": Reason.BAD_PRICE,
        "27": Reason.NOT_ON_SALE, "28": Reason.NOT_ON_SALE, "29": Reason.OUTLIER, "30": Reason.OUTLIER,
    }  # fmt: skip
    assert len(filtered.excluded) == len(NOISE)
    assert [c.item_id for c in filtered.comparables] == ["1", "2", "3", "4", "5", "6", "7", "1", "1", "1", "1"]
    assert [c.source for c in filtered.comparables][-4:] == [Source.TRADE_RECORD] * 4


def test_the_first_reason_in_the_order_wins():
    both = listing("40", "iPhone 14 Pro 256G 手机壳 坏了", "0", seller="P", status="offline")
    (excluded,) = filter_comparables(ITEM, [both], VOCABULARY).excluded
    assert excluded.reason is Reason.ACCESSORY
    case_of_other = listing("41", "iPhone 14 256G 故障机", "10", seller="P", status="offline")
    assert filter_comparables(ITEM, [case_of_other], VOCABULARY).excluded[0].reason is Reason.BROKEN


def test_the_statistics_of_the_fixed_market():
    result = compare(ITEM, MARKET, VOCABULARY)
    # Kept before the fences: 390 4500 4600 4800 4900 5000 5200 5400 49990; Q1 = 4600, Q3 = 5200 (type 7,
    # h = 2 and 6), IQR 600, fences 3700 and 6100: 390 and 49990 fall out. Then 7 prices:
    # median x3 = 4900; P25 at h = 1.5: 4600 + ½·200 = 4700; P75 at h = 4.5: 5000 + ½·200 = 5100;
    # mean 34400/7 = 4914.29. Sales 4300 4400 4600 4700: median 4500. Sellers A B C D E F.
    assert result.stats.to_json_dict() == {
        "count": 7, "sellers": 6, "median": "4900.00", "p25": "4700.00", "p75": "5100.00", "mean": "4914.29",
        "min": "4500.00", "max": "5400.00", "sold_median": "4500.00",
    }  # fmt: skip
    assert result.percentile == 64.3  # 4 below, 1 equal: (4 + ½) / 7
    # Ranks 4 3 4 5 3 (unknown) 2 5 → median 4 = the item's: fair 4900, q = 5000/4900, 100/(1 + q⁴) = 47.98
    assert result.value_score == 48.0
    assert result.verdict is Verdict.OK
    assert result.suggested is not None
    assert (result.suggested.quick_sale, result.suggested.patient) == (D("4700.00"), D("5000.00"))
    assert "中位价 ¥4,900.00" in result.suggested.reasoning and "成交中位价 ¥4,500.00" in result.suggested.reasoning


def test_the_json_shape():
    shape = compare(ITEM, MARKET, VOCABULARY).to_json_dict()
    assert list(shape) == [
        "template",
        "comparables",
        "excluded",
        "stats",
        "percentile",
        "value_score",
        "suggested",
        "verdict",
    ]
    assert shape["template"] == {
        "brand": "Apple",
        "model": "iPhone 14 Pro",
        "specs": {"storage": "256G"},
        "query": "iPhone 14 Pro",
    }
    assert shape["comparables"][5] == {"item_id": "6", "title": "iPhone 14 Pro 256G 金色", "price": "5200.00",
                                       "condition": None, "seller_nick": "E", "source": "same_items"}  # fmt: skip
    assert {"item_id": "25", "title": "急出 iPhone 14 Pro 256G 私聊", "price": "1.00", "reason": "bad_price"} in shape[
        "excluded"
    ]
    assert shape["suggested"] == {"quick_sale": "4700.00", "patient": "5000.00"}


def test_overrides_include_exclude_and_block():
    overrides = Overrides(
        include=frozenset({"24", "100"}), exclude=frozenset({"1"}), blocked_sellers=frozenset({"nick-B", "E"}),
        blocked_listings=frozenset({"3"}),
    )  # fmt: skip
    filtered = filter_comparables(ITEM, MARKET, VOCABULARY, overrides)
    reasons = {e.candidate.item_id: e.reason for e in filtered.excluded}
    assert reasons["1"] is Reason.MANUAL
    assert reasons["2"] is Reason.BLOCKED and reasons["6"] is Reason.BLOCKED  # by nickname, by seller id
    assert reasons["3"] is Reason.BLOCKED
    assert reasons["100"] is Reason.SELF  # including oneself by hand changes nothing
    assert "24" not in reasons and "24" in [c.item_id for c in filtered.comparables]  # 512G, kept by hand


def test_a_listing_included_by_hand_is_not_fenced_out():
    overrides = Overrides(include=frozenset({"29"}))
    filtered = filter_comparables(ITEM, MARKET, VOCABULARY, overrides)
    assert "29" in [c.item_id for c in filtered.comparables]


def test_thin_evidence_gives_no_price():
    four = compare(ITEM, COMPARABLES[:4], VOCABULARY)
    assert (four.verdict, four.suggested, four.stats.count) == (Verdict.THIN, None, 4)
    assert four.to_json_dict()["suggested"] is None and four.value_score is not None
    two_sellers = [listing(str(n), "iPhone 14 Pro 256G", str(4500 + n * 100), seller="AB"[n % 2]) for n in range(8)]
    thin = compare(ITEM, two_sellers, VOCABULARY)
    assert (thin.stats.count, thin.stats.sellers, thin.verdict, thin.suggested) == (8, 2, Verdict.THIN, None)
    assert thin_message(thin.stats) == "样本不足：只找到 8 件同款、2 位卖家（至少要 5 件、3 位卖家），不给建议价。"
    five = compare(ITEM, COMPARABLES[:6], VOCABULARY)
    assert five.verdict is Verdict.OK
    nothing = compare(ITEM, [], VOCABULARY)
    assert (nothing.percentile, nothing.value_score, nothing.stats.median) == (None, None, None)


def test_an_accessory_item_is_compared_with_accessories():
    case = listing("50", "iPhone 14 Pro 手机壳 磁吸", "39", "new", seller="Q")
    market = [
        listing("51", "适用 iPhone 14 Pro 手机壳 透明", "29", "new", seller="R"),
        listing("52", "iPhone 14 Pro 256G 99新", "5000", seller="S"),
        listing("53", "收 iPhone 14 Pro 手机壳", "10", seller="T"),
    ]
    filtered = filter_comparables(case, market, VOCABULARY)
    assert [c.item_id for c in filtered.comparables] == ["51"]
    assert {e.candidate.item_id: e.reason for e in filtered.excluded} == {
        "52": Reason.OTHER_PRODUCT,
        "53": Reason.WANTED,
    }


def test_every_noise_class_the_sandbox_makes_is_excluded_from_a_sandbox_market():
    product = PRODUCTS[2]  # iPhone 14 Pro
    item = listing("item", "iPhone 14 Pro 国行 99新", "4800", seller="me")
    rng = random.Random(15)
    market, expected = [], {}
    for n in range(60):
        params = draw_params(product, "very_good", rng)
        market.append(listing(f"o{n}", draw_title(product, params, "very_good", rng), str(rng.randint(4300, 5300)),
                              "very_good", seller=f"s{n % 9}"))  # fmt: skip
    kinds = {"accessory": Reason.ACCESSORY, "wanted": Reason.WANTED, "broken": Reason.BROKEN,
             "bait": Reason.BAD_PRICE, "absurd": Reason.OUTLIER}  # fmt: skip
    for kind, reason in kinds.items():
        for n in range(6):
            params = draw_params(product, "very_good", rng)
            title, cents, condition = noisy_listing(kind, product, params, random.Random(f"{kind}{n}"))
            market.append(listing(f"{kind}{n}", title, str(D(cents) / 100), condition, seller=f"n{n}"))
            expected[f"{kind}{n}"] = reason
    filtered = filter_comparables(item, market, VOCABULARY)
    assert {e.candidate.item_id: e.reason for e in filtered.excluded} == expected

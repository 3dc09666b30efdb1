from __future__ import annotations

import json
import re
import struct
import threading
import zlib
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from xianyu_desktop.sandbox import images
from xianyu_desktop.sandbox.catalogue import EXAMPLE_ITEM_ID, Catalogue

START = 1_735_689_600.0
BASE = "http://127.0.0.1:8123"
EPOCH_S = 600.0
CONDITIONS = {"new", "like_new", "very_good", "good", "acceptable"}
STATUSES = {"onsale", "soldout", "offline"}


class FakeClock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def to_epoch(self, k: int) -> None:
        self.now = START + k * EPOCH_S


def make(seed: int = 0, clock: FakeClock | None = None) -> Catalogue:
    return Catalogue(seed, start=START, clock=clock or FakeClock(), epoch_seconds=EPOCH_S)


def ids(n: int, offset: int = 0) -> list[str]:
    return [str(100_000_000_000 + (offset + i) * 7_919_113) for i in range(n)]


def money(value: object) -> Decimal:
    assert isinstance(value, str | int) and not isinstance(value, bool), value
    return Decimal(value)


def test_same_seed_same_items_and_other_seed_differs() -> None:
    a, b, other = make(0), make(0), make(1)
    sample = ids(200)
    assert [a.item(i, BASE) for i in sample] == [b.item(i, BASE) for i in sample]
    differing = sum(a.item(i, BASE) != other.item(i, BASE) for i in sample)
    assert differing > 190


def test_returned_dicts_are_independent_copies() -> None:
    cat = make()
    first = cat.item(EXAMPLE_ITEM_ID, BASE)
    assert first is not None
    first["params"]["颜色"] = "x"
    first["item_imgs"].append("x")
    first["same_items"][0]["title"] = "x"
    assert cat.item(EXAMPLE_ITEM_ID, BASE) == make().item(EXAMPLE_ITEM_ID, BASE)


def test_no_data_rate_is_about_six_percent() -> None:
    cat = make()
    rate = sum(cat.item(i, BASE) is None for i in ids(2000)) / 2000
    assert 0.03 <= rate <= 0.10


def test_invalid_ids_are_refused() -> None:
    cat = make()
    for bad in ("123456789", "12345678901234567890", "12345678901\n", "１２３４５６７８９０１", "abc"):
        with pytest.raises(ValueError):
            cat.item(bad, BASE)
    for shortest_or_longest in ("1234567890", "1234567890123456789"):
        cat.item(shortest_or_longest, BASE)


def check_fields(item: dict[str, Any], item_id: str) -> None:
    assert item["item_id"] == item_id
    assert isinstance(item["title"], str) and len(item["title"]) >= 4
    imgs = item["item_imgs"]
    assert isinstance(imgs, list) and 2 <= len(imgs) <= 5
    assert imgs == [f"{BASE}/img/item/{item_id}/{n}.png" for n in range(len(imgs))]
    assert item["pic_url"] == imgs[0]
    price = money(item["price"])
    assert price > 0 and price == price.quantize(Decimal("0.01"))
    assert isinstance(item["original_price"], str)
    if item["original_price"]:
        assert money(item["original_price"]) >= Decimal("1")
    assert isinstance(item["condition"], str) and re.fullmatch(r"[a-z_]+", item["condition"])
    assert len(item["category"].split("-")) == 3
    params = item["params"]
    assert isinstance(params, dict) and params
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    assert item["status"] in STATUSES
    assert item["sales"] == (1 if item["status"] == "soldout" else 0)
    assert item["logistics"] in {"包邮", "自提", "卖家包邮", "买家承担运费"}
    assert isinstance(item["location"], str) and item["location"]
    start_ms = int(START * 1000)
    assert isinstance(item["valid_time"], int)
    assert start_ms - 200 * 86_400_000 < item["valid_time"] < start_ms
    assert set(item["guarantee"]) <= {"验货担保", "七天无理由", "正品保障"}
    assert isinstance(item["guarantee"], list)
    assert item["seller_id"].isdigit()
    assert isinstance(item["seller_nick"], str) and item["seller_nick"]
    assert item["seller_avatar"] == f"{BASE}/img/avatar/{item['seller_id']}.png"
    assert re.fullmatch(r"[1-5](心|钻|冠|金冠)", item["seller_level"])
    assert Decimal("90") <= money(item["seller_score"]) <= Decimal("100")
    assert isinstance(item["seller_location"], str) and item["seller_location"]
    assert "<p>" in item["desc"] and "<ul>" in item["desc"] and "交易方式" in item["desc"]
    same = item["same_items"]
    assert 2 <= len(same) <= 4
    for s in same:
        assert set(s) == {"item_id", "title", "price", "seller_nick"}
        assert re.fullmatch(r"[0-9]{12,13}", s["item_id"]) and s["item_id"] != item_id
        assert money(s["price"]) > 0
    records = item["trade_record"]
    assert 0 <= len(records) <= 5
    for r in records:
        assert set(r) == {"time", "price"} and isinstance(r["time"], int) and money(r["price"]) > 0
    assert [r["time"] for r in records] == sorted((r["time"] for r in records), reverse=True)
    json.dumps(item)


def test_every_field_present_and_typed() -> None:
    cat = make()
    found = [(i, cat.item(i, BASE)) for i in ids(1500)]
    live = [(i, item) for i, item in found if item is not None]
    for item_id, item in live:
        check_fields(item, item_id)
    items = [item for _, item in live]
    statuses = Counter(item["status"] for item in items)
    assert 0.74 < statuses["onsale"] / len(items) < 0.86
    assert 0.08 < statuses["soldout"] / len(items) < 0.16
    assert 0.05 < statuses["offline"] / len(items) < 0.11
    conditions = Counter(item["condition"] for item in items)
    assert set(conditions) >= CONDITIONS and sum(conditions[c] for c in set(conditions) - CONDITIONS) > 0
    assert 0.22 < sum(item["original_price"] == "" for item in items) / len(items) < 0.38
    assert any(isinstance(item["price"], int) for item in items)
    assert any(isinstance(p, str) and re.fullmatch(r"\d+\.\d", p) for p in (i["price"] for i in items))
    hostile = [i["desc"] for i in items if re.search(r"<script|onclick=|203\.0\.113\.9", i["desc"])]
    assert 0.02 < len(hostile) / len(items) < 0.09
    assert {item["category"].split("-")[0] for item in items} >= {"手机", "数码", "游戏", "图书", "箱包"}


def test_example_item_is_on_sale_at_epoch_zero() -> None:
    for seed in (0, 1, 7):
        item = make(seed).item(EXAMPLE_ITEM_ID, BASE)
        assert item is not None and item["status"] == "onsale" and item["sales"] == 0
        check_fields(item, EXAMPLE_ITEM_ID)
    item = make(0).item(EXAMPLE_ITEM_ID, BASE)
    assert item is not None
    assert item["price"] == "4299.00" and item["category"].startswith("手机-苹果手机-iPhone 14")


def test_epoch_follows_clock_and_speed() -> None:
    clock = FakeClock()
    cat = Catalogue(start=START, clock=clock, speed=60.0, epoch_seconds=600.0)
    assert cat.epoch() == 0
    clock.now = START + 9.9
    assert cat.epoch() == 0
    clock.now = START + 10.0
    assert cat.epoch() == 1
    clock.now = START - 1000
    assert cat.epoch() == 0


def test_drift_over_3000_epochs() -> None:
    clock = FakeClock()
    cat = make(clock=clock)
    sample = ids(200, offset=5000)
    prev = {i: cat.item(i, BASE) for i in sample}
    active = [i for i, item in prev.items() if item is not None and item["status"] != "soldout"]
    seen: Counter[str] = Counter()
    finished: dict[str, dict[str, Any] | None] = {}
    for k in range(1, 3001):
        clock.to_epoch(k)
        still = []
        for i in active:
            now, before = cat.item(i, BASE), prev[i]
            assert before is not None
            if now is None:
                seen["gone"] += 1
                finished[i] = None
                continue
            if now["status"] != before["status"]:
                seen[f"{before['status']}->{now['status']}"] += 1
            delta = money(now["price"]) - money(before["price"])
            if delta:
                assert before["status"] == "onsale" and now["status"] == "onsale"
                seen["drop" if delta < 0 else "rise"] += 1
                ratio = money(now["price"]) / money(before["price"])
                assert Decimal("0.75") < ratio < Decimal("1.12")
            if now["status"] == "soldout":
                assert now["price"] == before["price"] and now["sales"] == 1
                assert now["trade_record"][0]["time"] == int((START + k * EPOCH_S) * 1000)
                finished[i] = now
            else:
                still.append(i)
            prev[i] = now
        active = still
    for key in ("drop", "rise", "onsale->soldout", "onsale->offline", "offline->onsale", "gone"):
        assert seen[key] > 0, (key, seen)
    assert not active
    for i, final in finished.items():
        assert cat.item(i, BASE) == final


def test_memoised_state_equals_fresh_evaluation() -> None:
    clock = FakeClock()
    cat = make(clock=clock)
    sample = [*ids(150, offset=9000), EXAMPLE_ITEM_ID]
    for k in (0, 1, 2, 5, 17, 40, 41, 120, 500):
        clock.to_epoch(k)
        incremental = [cat.item(i, BASE) for i in sample]
        fresh_clock = FakeClock()
        fresh_clock.to_epoch(k)
        fresh = make(clock=fresh_clock)
        assert incremental == [fresh.item(i, BASE) for i in sample]
        assert incremental[:5] == [make(clock=fresh_clock).item(i, BASE) for i in sample[:5]]
    clock.to_epoch(3)
    back = [cat.item(i, BASE) for i in sample]
    fresh = make(clock=clock)
    assert back == [fresh.item(i, BASE) for i in sample]


def test_concurrent_calls_agree_with_serial() -> None:
    clock = FakeClock()
    shared = make(clock=clock)
    sample = ids(300, offset=20_000)
    clock.to_epoch(25)
    results: list[list[dict[str, Any] | None]] = []

    def worker() -> None:
        results.append([shared.item(i, BASE) for i in sample])

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    serial = make(clock=clock)
    expected = [serial.item(i, BASE) for i in sample]
    assert len(results) == 8 and all(r == expected for r in results)


def test_demo_ids() -> None:
    cat = make()
    demo = cat.demo_ids()
    assert len(demo) == 40 == len(set(demo)) and demo[0] == EXAMPLE_ITEM_ID
    assert demo == make().demo_ids() and demo != make(3).demo_ids()
    assert all(re.fullmatch(r"[0-9]{12,13}", i) for i in demo[1:])
    items = [cat.item(i, BASE) for i in demo]
    assert all(item is not None for item in items)
    assert {item["status"] for item in items if item} == STATUSES
    assert len({item["category"].split("-")[0] for item in items if item}) >= 6
    few = cat.demo_ids(5)
    assert len(few) == len(set(few)) == 5 and few[0] == EXAMPLE_ITEM_ID
    assert cat.demo_ids(0) == []


def read_png(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(tag + body)
        chunks.append((tag, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1] == (b"IEND", b"")
    width, height, depth, colour, _, _, _ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(b"".join(body for tag, body in chunks if tag == b"IDAT"))
    return width, height, raw


@pytest.mark.parametrize("size", [1, 2, 17, 96, 320])
def test_pngs_are_valid(size: int) -> None:
    for data in (images.item_png("698765432109876543", size % 4, size), images.avatar_png("2201", size)):
        width, height, raw = read_png(data)
        assert width == height == size
        assert len(raw) == size * (1 + 3 * size)
        assert all(raw[y * (1 + 3 * size)] == 0 for y in range(size))


def test_pngs_are_deterministic_and_vary() -> None:
    a = images.item_png.__wrapped__("698765432109876543", 0)
    assert a == images.item_png.__wrapped__("698765432109876543", 0)
    photos = {images.item_png("698765432109876543", n) for n in range(4)}
    photos |= {images.item_png("3778996666395", 0)}
    assert len(photos) == 5
    assert images.avatar_png("1") != images.avatar_png("2")
    with pytest.raises(ValueError):
        images.item_png("1", 0, 0)

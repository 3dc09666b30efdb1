"""The disposable cache: the seed's lifetimes, fields answered from full entries, self-healing."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.storage.cache import CACHE_FILE, MIGRATIONS, ItemCache

ID = "698765432109876543"
RAW = {"item_id": ID, "title": "相机", "price": "12.50", "status": "onsale", "seller_nick": "x"}


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def cache(tmp_path, clock):
    c = ItemCache(tmp_path, clock=clock).open()
    yield c
    c.close()


@pytest.mark.parametrize(
    ("status", "lifetime"), [("onsale", 300), ("soldout", 3600), ("offline", 86400), ("weird", 300)]
)
def test_lifetimes_follow_the_seed(cache, clock, status, lifetime):
    cache.put(ID, {**RAW, "status": status}, None)
    clock.now += lifetime - 1
    assert ID in cache.get_fresh([ID])
    clock.now += 2
    assert ID not in cache.get_fresh([ID])


def test_no_data_is_cached_for_ten_minutes(cache, clock):
    cache.put(ID, None, None)
    hit = cache.get_fresh([ID])[ID]
    assert hit.raw is None
    clock.now += 601
    assert cache.get_fresh([ID]) == {}


def test_a_full_entry_answers_a_fields_request_with_just_those_fields(cache):
    cache.put(ID, RAW, None)
    hit = cache.get_fresh([ID], "title,price")[ID]
    assert hit.raw == {"item_id": ID, "title": "相机", "price": "12.50"}


def test_a_limited_entry_does_not_answer_a_full_request(cache):
    cache.put(ID, {"item_id": ID, "title": "相机"}, "title")
    assert cache.get_fresh([ID]) == {}
    assert ID in cache.get_fresh([ID], "title")
    assert cache.get_fresh([ID], "title,price") == {}


def test_a_partial_answer_never_replaces_a_whole_one_but_a_whole_one_replaces_either(cache, clock):
    cache.put(ID, RAW, None)
    clock.now += 10
    cache.put(ID, {"item_id": ID, "title": "新标题"}, "title")
    assert cache.latest([ID])[ID].raw == RAW  # the watchlist's details keep every field
    assert cache.get_fresh([ID])[ID].raw == RAW
    cache.put(ID, {**RAW, "title": "新标题"}, None)
    assert cache.latest([ID])[ID].raw["title"] == "新标题"
    other = "123456789013"
    cache.put(other, None, None)
    cache.put(other, {"item_id": other, "title": "又有了"}, "title")  # "no data" is no whole answer
    assert cache.latest([other])[other].raw == {"item_id": other, "title": "又有了"}


def test_many_ids_in_one_call(cache):
    ids = [str(100_000_000_000 + i) for i in range(1200)]
    for item_id in ids[:1000]:
        cache.put(item_id, {**RAW, "item_id": item_id}, None)
    assert len(cache.get_fresh(ids)) == 1000


def test_a_broken_cache_file_is_moved_aside_and_rebuilt(tmp_path, caplog):
    (tmp_path / CACHE_FILE).write_bytes(b"garbage" * 1000)
    with caplog.at_level(logging.WARNING):
        cache = ItemCache(tmp_path).open()
    cache.put(ID, RAW, None)
    assert ID in cache.get_fresh([ID])
    assert [p.name for p in tmp_path.glob(f"{CACHE_FILE}.broken-*")]
    assert "moved to" in caplog.text
    cache.close()


def test_a_cache_from_a_newer_version_is_moved_aside(tmp_path):
    c = ItemCache(tmp_path).open()
    c.db.connection().execute("PRAGMA user_version = 42")
    c.close()
    cache = ItemCache(tmp_path).open()
    assert cache.db.version() == MIGRATIONS[-1].version
    cache.close()
    old = next(tmp_path.glob(f"{CACHE_FILE}.broken-*"))
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 42


def test_a_version_1_cache_gains_the_short_link_and_search_tables_and_keeps_its_answers(tmp_path):
    conn = sqlite3.connect(tmp_path / CACHE_FILE)
    for statement in MIGRATIONS[0].statements:
        conn.execute(statement)
    conn.execute("INSERT INTO items VALUES ('123456789012', 1.0, 'onsale', NULL, '{}')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    cache = ItemCache(tmp_path).open()
    assert cache.db.version() == 3
    assert cache.all_ids() == ["123456789012"]
    assert cache.db.connection().execute("SELECT count(*) FROM short_links").fetchone() == (0,)
    assert cache.db.connection().execute("SELECT count(*) FROM search_pages").fetchone() == (0,)
    cache.close()


def test_old_answers_of_unwatched_items_are_pruned(cache, clock):
    for item_id in ("111111111111", "222222222222", "333333333333"):
        cache.put(item_id, {"item_id": item_id, "status": "onsale"}, None)
    clock.now += 91 * 86_400
    cache.put("444444444444", {"item_id": "444444444444", "status": "onsale"}, None)  # fresh
    removed = cache.prune(keep=["222222222222"])  # watched: its last answer is still shown
    assert removed == 2
    assert sorted(cache.latest(["111111111111", "222222222222", "333333333333", "444444444444"])) == [
        "222222222222",
        "444444444444",
    ]
    assert cache.prune(keep=[]) == 1  # once no longer watched, it goes too

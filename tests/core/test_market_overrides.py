"""The seller's overrides of comparisons in the user's store (migration 5): per item includes and
excludes, global blocks, kept across a reopen, and an older store upgraded to hold them."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from xianyu_desktop.core.market.comparison import compare
from xianyu_desktop.core.market.filtering import Candidate, Overrides, Reason, Source
from xianyu_desktop.core.market.vocabulary import load_vocabulary
from xianyu_desktop.core.storage.store import MIGRATIONS, STORE_FILE, Store
from xianyu_desktop.core.watch.market_overrides import BlockKind, MarketOverrides

FIXTURES = Path(__file__).parents[1] / "fixtures"
ITEM, OTHER = "698765432109876543", "100200300"


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path).open()
    yield store
    store.close()


def test_includes_and_excludes_belong_to_their_item_and_blocks_to_every_comparison(store):
    overrides = MarketOverrides(store)
    assert overrides.for_item(ITEM) == Overrides()
    overrides.set_included(ITEM, "1", False)
    overrides.set_included(ITEM, "2", True)
    overrides.set_included(OTHER, "3", False)
    overrides.block(BlockKind.SELLER, "seller-9", "小王", now=1.0)
    overrides.block(BlockKind.LISTING, "77", "iPhone 14 Pro 256G", now=2.0)
    mine = overrides.for_item(ITEM)
    assert mine == Overrides(frozenset({"2"}), frozenset({"1"}), frozenset({"77"}), frozenset({"seller-9"}))
    assert overrides.for_item(OTHER).exclude == {"3"} and overrides.for_item(OTHER).blocked_sellers == {"seller-9"}
    overrides.set_included(ITEM, "1", True)  # changed their mind: the same row, now included
    overrides.set_included(ITEM, "2", None)  # left to the filter again
    assert overrides.for_item(ITEM).include == {"1"} and overrides.for_item(ITEM).exclude == frozenset()
    assert [(b.kind, b.value, b.label) for b in overrides.blocks()] == [
        (BlockKind.SELLER, "seller-9", "小王"),
        (BlockKind.LISTING, "77", "iPhone 14 Pro 256G"),
    ]
    assert overrides.unblock(BlockKind.SELLER, "seller-9") and not overrides.unblock(BlockKind.SELLER, "seller-9")
    assert overrides.for_item(ITEM).blocked_sellers == frozenset()
    with pytest.raises(ValueError):
        overrides.block(BlockKind.SELLER, "")


def test_overrides_are_kept_across_a_reopen(tmp_path):
    store = Store(tmp_path).open()
    MarketOverrides(store).set_included(ITEM, "5", False)
    MarketOverrides(store).block(BlockKind.SELLER, "nick-only", "nick-only")
    store.close()
    again = Store(tmp_path).open()
    try:
        kept = MarketOverrides(again).for_item(ITEM)
        assert kept.exclude == {"5"} and kept.blocked_sellers == {"nick-only"}
    finally:
        again.close()


def test_an_older_store_upgrades_to_hold_overrides_and_keeps_its_rows(tmp_path):
    shutil.copy(FIXTURES / "store-v2.sqlite3", tmp_path / STORE_FILE)
    store = Store(tmp_path).open()
    try:
        assert store.db.version() == MIGRATIONS[-1].version >= 5
        conn = store.db.connection()
        assert conn.execute("SELECT note FROM watch_items WHERE item_id = ?", (ITEM,)).fetchone()[0] == "对手的 iPhone"
        overrides = MarketOverrides(store)
        assert overrides.for_item(ITEM) == Overrides()
        overrides.set_included(ITEM, "1", False)
        assert overrides.for_item(ITEM).exclude == {"1"}
    finally:
        store.close()


def test_stored_overrides_steer_the_comparison(store):
    """Excluded by hand: reason manual; a blocked seller (by nickname, as same_items names them): blocked."""
    vocabulary = load_vocabulary()

    def c(item_id: str, price: str, seller: str, source: Source = Source.SEARCH) -> Candidate:
        nick = f"nick-{seller}"
        return Candidate(item_id, "iPhone 14 Pro 256G 99新", Decimal(price), "like_new",
                         None if source is Source.SAME_ITEMS else seller, nick, "onsale", source)  # fmt: skip

    me = c(ITEM, "5000", "me")
    market = [c(str(n), str(4500 + 50 * n), f"s{n}") for n in range(1, 8)] + [c("8", "4700", "x", Source.SAME_ITEMS)]
    overrides = MarketOverrides(store)
    overrides.set_included(ITEM, "3", False)
    overrides.block(BlockKind.SELLER, "nick-x")
    result = compare(me, market, vocabulary, overrides.for_item(ITEM))
    reasons = {e.candidate.item_id: e.reason for e in result.excluded}
    assert reasons == {"3": Reason.MANUAL, "8": Reason.BLOCKED}
    assert result.stats.count == 6
    assert compare(me, market, vocabulary, overrides.for_item(OTHER)).stats.count == 7  # the exclude is ITEM's

"""ItemStatus: the codes it reads, and the one mapping from a status to a cache lifetime, a poll interval
and the setting that keeps each."""

from __future__ import annotations

import pytest

from xianyu_desktop.core.items.item import normalize_item
from xianyu_desktop.core.items.status import ItemStatus, by_status, status_label
from xianyu_desktop.core.settings import CACHE_KEYS, WATCH_KEYS, AppSettings
from xianyu_desktop.core.storage.cache import CachePolicy
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.plan import PollIntervals

SLOTS = {ItemStatus.ONSALE: 1.0, ItemStatus.SOLDOUT: 2.0, ItemStatus.OFFLINE: 3.0, ItemStatus.GONE: 4.0}


def test_codes_read_as_statuses_and_unknown_ones_are_kept_as_sent():
    assert [ItemStatus.of(code) for code in ("onsale", "soldout", "offline", "gone")] == list(ItemStatus)
    assert ItemStatus.of("frozen") is None and ItemStatus.of(None) is None
    item = normalize_item({"item_id": "612345678901234567", "status": "frozen"}, "612345678901234567")
    assert (item.status, item.known_status, item.status_label) == ("frozen", None, "未知")
    sold = normalize_item({"item_id": "612345678901234567", "status": "soldout"}, "612345678901234567")
    assert sold.known_status is ItemStatus.SOLDOUT and sold.status_label == "已售"
    assert status_label("gone") == ItemStatus.GONE.label == "已删除或不可见"


@pytest.mark.parametrize("status", [*ItemStatus, None])
def test_one_mapping_picks_the_cache_lifetime_and_the_poll_interval(status):
    expected = SLOTS[status or ItemStatus.ONSALE]  # no status (never checked, unknown code): as on sale
    assert by_status(status, onsale=1.0, soldout=2.0, offline=3.0, gone=4.0) == expected
    assert CachePolicy(onsale=1.0, soldout=2.0, offline=3.0, no_data=4.0).lifetime(status) == expected
    assert PollIntervals(onsale=1.0, soldout=2.0, offline=3.0, gone=4.0).base_for(status) == expected
    assert PollIntervals(onsale=1.0, soldout=2.0, offline=3.0, gone=4.0).base_for("frozen") == 1.0


def test_settings_keep_a_value_per_status_and_gone_is_checked_as_offline(tmp_path):
    store = Store(tmp_path).open()
    chosen = AppSettings(
        timeout=12.0,
        cache=CachePolicy(onsale=60.0, soldout=120.0, offline=180.0, no_data=240.0),
        intervals=PollIntervals(onsale=600.0, soldout=1200.0, offline=1800.0, gone=1800.0),
    )
    chosen.save(store)
    assert AppSettings.load(store) == chosen
    assert store.get_setting(CACHE_KEYS[ItemStatus.GONE]) == "240.0"
    assert WATCH_KEYS[ItemStatus.GONE] == WATCH_KEYS[ItemStatus.OFFLINE]
    store.set_settings({WATCH_KEYS[ItemStatus.OFFLINE]: "7200"})
    loaded = AppSettings.load(store).intervals
    assert loaded.base_for(ItemStatus.OFFLINE) == loaded.base_for(ItemStatus.GONE) == 7200.0
    store.close(backup=False)

"""The key-rotation reminder (fake clock), doctor's report of the secret's age, and the store's locks
that keep one poller and one deliverer at work across processes."""

from __future__ import annotations

import pytest

from tests.clock import FakeClock
from tests.notify_fixtures import MemoryKeyring
from xianyu_desktop.core.doctor import check_secret_age
from xianyu_desktop.core.notify.rotation import DAY, KeyRotation
from xianyu_desktop.core.storage.credentials import CredentialStore
from xianyu_desktop.core.storage.locks import POLL_LOCK, StoreLock
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.alerts import AlertKind
from xianyu_desktop.core.watch.watchlist import Watchlist


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data").open()
    yield s
    s.close(backup=False)


def rotation_alerts(store):
    return [a for a in Watchlist(store).alerts() if a.kind is AlertKind.KEY_ROTATION]


def test_one_reminder_after_90_days_and_one_more_after_a_snooze(store):
    clock = FakeClock()
    CredentialStore(store, MemoryKeyring()).save("my-key", "s3cret-value", tier="basic", gateway=None, now=clock.now)
    rotation = KeyRotation(store, clock)
    clock.now += 89 * DAY
    assert rotation.check() is None and rotation.age_days() == 89
    clock.now += 2 * DAY
    first = rotation.check()
    assert first is not None and rotation.check() is None  # once
    [alert] = rotation_alerts(store)
    assert alert.message == "app_secret 已使用 91 天，建议轮换密钥（每 3 个月一次）" and alert.item_id == ""
    clock.now += 3 * DAY
    assert rotation.check() is None  # still once, however often it is checked

    rotation.snooze(7)
    clock.now += 6 * DAY
    assert rotation.check() is None
    clock.now += 1 * DAY
    assert rotation.check() is not None and rotation.check() is None
    assert len(rotation_alerts(store)) == 2

    CredentialStore(store, MemoryKeyring()).save("my-key", "new-secret", tier="basic", gateway=None, now=clock.now)
    clock.now += 30 * DAY
    assert rotation.check() is None and rotation.age_days() == 30


def test_a_secret_saved_before_its_time_was_kept_counts_from_the_first_check(store):
    clock = FakeClock()
    store.set_settings({"credentials.app_key": "old-key"})
    rotation = KeyRotation(store, clock)
    assert rotation.check() is None and rotation.age_days() == 0
    clock.now += 91 * DAY
    assert rotation.check() is not None


def test_doctor_reports_the_secrets_age(store):
    clock = FakeClock()
    assert "还没有保存密钥" in check_secret_age(store).detail
    CredentialStore(store, MemoryKeyring()).save("my-key", "s3cret-value", tier="basic", gateway=None, now=clock.now)
    young = check_secret_age(store, now=clock.now + 10 * DAY)
    assert (young.ok, young.note, young.detail) == (
        True,
        False,
        "app_secret 已使用 10 天（每 3 个月轮换一次：还有 80 天）",
    )
    old = check_secret_age(store, now=clock.now + 100 * DAY)
    assert old.ok and old.note and "已使用 100 天" in old.detail and "建议轮换" in old.detail


def test_one_poll_lock_holder_at_a_time_and_a_dead_holder_goes_stale(store, tmp_path):
    clock = FakeClock()
    other_store = Store(tmp_path / "data").open()  # another connection, as another process has
    try:
        window = StoreLock(store, POLL_LOCK, clock=clock)
        scheduled = StoreLock(other_store, POLL_LOCK, clock=clock)
        assert window.acquire() is None
        holder = scheduled.acquire()
        assert holder is not None and holder.owner == window.owner and "进程" in holder.describe()
        clock.now += 100
        assert window.heartbeat()
        clock.now += 100
        assert scheduled.acquire() is not None  # the heartbeat kept it
        clock.now += 121  # the window died without releasing: stale after 2 minutes
        assert scheduled.acquire() is None
        assert not window.heartbeat()  # it is no longer the window's
        scheduled.release()
        assert window.holder() is None and window.acquire() is None
    finally:
        other_store.close(backup=False)

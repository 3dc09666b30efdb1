"""Notifications from the command line: channels in the real keyring (Secret Service), ``notify test``
and ``watch poll`` delivering to a loopback webhook (Apprise's json://, a real http.server), the poll
lock seen from a second poller."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest

from tests.clock import FakeClock
from tests.e2e.test_cli import assert_plain_failure, run, sandbox_env, text
from tests.notify_fixtures import receiver
from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.notify.channels import KEYRING_SERVICE
from xianyu_desktop.core.storage.locks import POLL_LOCK, StoreLock
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.paths import app_paths

pytestmark = pytest.mark.e2e
TOKEN = "cliTOKEN9876543210"


def test_notify_add_list_test_and_remove(secret_service):
    with receiver() as hook, receiver() as down:
        added = run(
            "notify", "add", hook.url(TOKEN), "--name", "手机", "--kinds", "price_drop,sold", "--allow-loopback"
        )
        assert added.returncode == 0, text(added.stderr)
        assert "已添加渠道「手机」：json://****3210" in text(added.stdout)
        down.answers = [500] * 10
        assert (
            run("notify", "add", down.url("downTOKEN123456789"), "--name", "坏的", "--allow-loopback").returncode == 0
        )

        listed = json.loads(text(run("notify", "list", "--json").stdout))
        assert [(c["name"], c["url"], c["kinds"]) for c in listed] == [
            ("手机", "json://****3210", ["price_drop", "sold"]),
            ("坏的", "json://****6789", listed[1]["kinds"]),
        ]
        assert TOKEN not in text(run("notify", "list").stdout)

        one = run("notify", "test", "手机")
        assert one.returncode == 0 and "手机\tjson://****3210\t已送达" in text(one.stdout)
        assert len(hook.posts) == 1 and "测试消息" in hook.posts[0]["title"] and hook.posts[0]["path"].endswith(TOKEN)

        both = run("notify", "test")
        assert both.returncode == 3, text(both.stderr)
        out = text(both.stdout)
        assert "手机\tjson://****3210\t已送达" in out and "坏的\tjson://****6789\t没有送达" in out and "500" in out
        assert "downTOKEN" not in out and len(hook.posts) == 2

        key = _keys()[0]
        assert secret_service.get_password(KEYRING_SERVICE, key) == hook.url(TOKEN)
        removed = run("notify", "remove", "手机")
        assert removed.returncode == 0 and "已删除渠道「手机」" in text(removed.stdout)
        assert secret_service.get_password(KEYRING_SERVICE, key) is None
        assert_plain_failure(run("notify", "remove", "手机"), 2, "没有名为「手机」的通知渠道")
        assert_plain_failure(run("notify", "add", "nosuch://abcdefgh12345678"), 2, "Apprise 无法识别")
        assert_plain_failure(run("notify", "add", "json://169.254.169.254/x"), 2, "元数据")


def _keys() -> list[str]:
    store = Store(app_paths().data_dir).open()
    try:
        return [row[0] for row in store.db.connection().execute("SELECT keyring_key FROM notify_channels ORDER BY id")]
    finally:
        store.close(backup=False)


def _a_drop(gateway, clock, make_client) -> tuple[str, Decimal, Decimal, str, float]:
    """A listing that is on sale now and on sale at least 15% cheaper some epochs later (the sandbox is
    deterministic): its id, both prices, its title, and the catalogue time of the lower price."""
    client = make_client(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(40)
    start = clock.now
    first = {}
    for item_id in ids:
        result = client.fetch(item_id)
        if result.item is not None and result.item.status == "onsale" and result.item.price:
            first[item_id] = result.item
    for epoch in range(1, 40):
        clock.now = start + epoch * 0.3
        for item_id, item in first.items():
            later = client.fetch(item_id).item
            if later is not None and later.status == "onsale" and later.price <= item.price * Decimal("0.85"):
                clock.now = start
                return item_id, item.price, later.price, item.title or "", start + epoch * 0.3
    raise AssertionError("the sandbox offered no 15% drop within 40 epochs")


def test_watch_poll_delivers_a_drop_once_and_an_unchanged_repoll_nothing(secret_service, start_sandbox, make_client):
    clock = FakeClock(time.time())
    gateway = start_sandbox(speed=2_000, no_limits=True, catalogue_clock=clock)
    env = sandbox_env(gateway, "advanced")
    item_id, old, new, title, later = _a_drop(gateway, clock, make_client)
    with receiver() as hook:
        assert run("notify", "add", hook.url(TOKEN), "--name", "手机", "--allow-loopback", env=env).returncode == 0
        assert run("watch", "add", item_id, env=env).returncode == 0
        baseline = run("watch", "poll", "--all", env=env)
        assert baseline.returncode == 0, text(baseline.stderr)
        assert hook.posts == []

        clock.now = later
        dropped = run("watch", "poll", "--all", env=env)
        assert dropped.returncode == 0, text(dropped.stderr)
        assert "通知：送达 1 条消息（1 条提醒）" in text(dropped.stderr)
        assert len(hook.posts) == 1
        message = hook.messages[0]
        assert title[:20] in message and format_money(old) in message and format_money(new) in message
        assert item_id in message

        again = run("watch", "poll", "--all", env=env)
        assert again.returncode == 0 and "通知：送达" not in text(again.stderr)
        assert len(hook.posts) == 1
        assert "没有待发送的提醒" in text(run("notify", "outbox", env=env).stdout)


def test_watch_poll_says_plainly_when_another_poller_holds_the_lock(sandbox):
    env = sandbox_env(sandbox)
    ids = sandbox.state.catalogue.demo_ids(3)
    assert run("watch", "add", *ids, env=env).returncode == 0
    store = Store(app_paths().data_dir).open()
    lock = StoreLock(store, POLL_LOCK)  # as the window holds it while it polls
    try:
        assert lock.acquire() is None
        before = sandbox.state.snapshot()["counts"].get("admitted", 0)
        skipped = run("watch", "poll", "--all", env=env)
        assert skipped.returncode == 0, text(skipped.stderr)
        assert "另一个轮询" in text(skipped.stderr) and "这次没有检查" in text(skipped.stderr)
        assert sandbox.state.snapshot()["counts"].get("admitted", 0) == before  # not one item polled twice
        lock.release()
        polled = run("watch", "poll", "--all", env=env)
        assert polled.returncode == 0 and "检查了 3 个商品" in text(polled.stderr)
    finally:
        store.close(backup=False)

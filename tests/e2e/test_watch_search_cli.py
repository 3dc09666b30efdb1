"""``watch search`` add/list/remove and ``watch poll`` running saved searches, against the sandbox over
loopback with its catalogue on a clock the test moves."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest

from tests.clock import FakeClock
from tests.e2e.test_cli import assert_plain_failure, run, sandbox_env, text

pytestmark = pytest.mark.e2e
SPEED = 2_000


def listed(env) -> list[dict]:
    result = run("watch", "search", "list", "--json", env=env)
    assert result.returncode == 0, text(result.stderr)
    return json.loads(text(result.stdout))


def alerts(env) -> list[dict]:
    result = run("watch", "alerts", "--json", env=env)
    assert result.returncode == 0, text(result.stderr)
    return json.loads(text(result.stdout))


def test_watch_search_add_poll_alerts_list_and_remove(start_sandbox):
    clock = FakeClock(time.time())
    gateway = start_sandbox(speed=SPEED, no_limits=True, catalogue_clock=clock)
    env = sandbox_env(gateway, "advanced")

    assert_plain_failure(run("watch", "search", "add", "  ", env=env), 2, "请输入搜索关键词")
    assert_plain_failure(run("watch", "search", "add", "iPhone", "--max-price", "便宜", env=env), 2, "最高价")
    assert_plain_failure(run("watch", "search", "add", "iPhone", "--condition", "mint", env=env), 2, "成色")
    assert listed(env) == []

    added = run("watch", "search", "add", "iPhone 14 Pro", "--max-price", "5000", "--condition", "like_new", env=env)
    assert added.returncode == 0, text(added.stderr)
    assert "已保存搜索 1" in text(added.stdout)
    [saved] = listed(env)
    assert (saved["id"], saved["query"], saved["max_price"], saved["condition"]) == (
        1,
        "iPhone 14 Pro",
        "5000.00",
        "like_new",
    )
    assert (saved["last_run"], saved["baseline_done"], saved["new_count"], saved["seen_count"]) == (None, False, 0, 0)

    first = run("watch", "poll", env=env)  # a scheduled round: the new search is due, its baseline
    assert first.returncode == 0, text(first.stderr)
    assert "1 个关键词监控" in text(first.stderr) and "运行了 1 个关键词监控" in text(first.stderr)
    assert alerts(env) == []
    [saved] = listed(env)
    assert saved["baseline_done"] and saved["seen_count"] > 0 and saved["last_run"] and saved["next_run"]
    assert run("watch", "poll", env=env).returncode == 0
    assert listed(env)[0]["last_run"] == saved["last_run"]  # not due again yet

    clock.now += 8 * 600 / SPEED  # eight epochs: prices fall under the max, listings sell and come back
    second = run("watch", "poll", "--all", env=env)
    assert second.returncode == 0, text(second.stderr)
    found = alerts(env)
    assert found and {a["kind"] for a in found} == {"new_listing"}
    for alert in found:
        assert alert["query"] == "iPhone 14 Pro" and alert["title"] and alert["item_id"].isdigit()
        assert Decimal(alert["price"]) <= 5000
        assert f"提醒\t{alert['message']}" in text(second.stdout)
    assert len({a["item_id"] for a in found}) == len(found)

    third = run("watch", "poll", "--all", env=env)  # the same epoch: nothing is new
    assert third.returncode == 0 and len(alerts(env)) == len(found)
    [saved] = listed(env)
    assert saved["new_count"] == len(found)
    plain = run("watch", "search", "list", env=env)
    assert (
        plain.returncode == 0 and "iPhone 14 Pro" in text(plain.stdout) and f"新发布 {len(found)}" in text(plain.stdout)
    )

    assert_plain_failure(run("watch", "search", "remove", "99", env=env), 2, "没有编号为 99 的保存的搜索")
    assert_plain_failure(run("watch", "search", "remove", "abc", env=env), 2, "不是保存的搜索的编号")
    removed = run("watch", "search", "remove", "1", env=env)
    assert removed.returncode == 0 and "已删除保存的搜索 1" in text(removed.stdout)
    assert listed(env) == []
    assert len(alerts(env)) == len(found)  # its alerts stay
    assert_plain_failure(run("watch", "search", env=env), 2, "请给出动作")


def test_a_too_broad_search_says_so(start_sandbox):
    gateway = start_sandbox(no_limits=True)
    env = sandbox_env(gateway, "advanced")
    assert run("watch", "search", "add", "iPhone", env=env).returncode == 0
    polled = run("watch", "poll", env=env)
    assert polled.returncode == 0, text(polled.stderr)
    [saved] = listed(env)
    assert saved["too_broad"] and saved["total_results"] > 100 and saved["seen_count"] == 100
    assert "范围太大" in text(run("watch", "search", "list", env=env).stdout)

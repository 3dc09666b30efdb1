"""``watch set --mine`` / ``--not-mine`` and the undercut alerts over the real command line, against the
sandbox over loopback."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.clock import FakeClock
from tests.e2e.test_cli import assert_plain_failure, run, sandbox_env, text
from tests.e2e.test_my_listings import priciest_256

pytestmark = pytest.mark.e2e


def test_watch_set_mine_and_undercut_alerts_json(start_sandbox):
    market_time = FakeClock(time.time())
    gateway = start_sandbox(no_limits=True, catalogue_clock=market_time)
    env = sandbox_env(gateway, "basic")
    my_id = priciest_256(gateway, market_time)
    assert run("watch", "add", my_id, env=env).returncode == 0

    def listed() -> dict[str, object]:
        rows = json.loads(text(run("watch", "list", "--json", env=env).stdout))
        return {row["item_id"]: row["mine"] for row in rows}

    assert listed() == {my_id: False}
    marked = run("watch", "set", my_id, "--mine", "--threshold", "1", env=env)
    assert marked.returncode == 0 and "我的商品" in text(marked.stdout)
    assert listed() == {my_id: True}
    assert run("watch", "set", my_id, "--not-mine", env=env).returncode == 0
    assert listed() == {my_id: False}
    assert_plain_failure(run("watch", "set", "123456789012", "--mine", env=env), 2, "不在关注列表中")
    assert_plain_failure(run("watch", "set", "not-an-id", "--mine", env=env), 2, "不是闲鱼商品 ID")
    assert_plain_failure(run("watch", "set", my_id, "--mine", "--not-mine", env=env), 2, "not allowed")
    assert run("watch", "set", my_id, "--mine", env=env).returncode == 0

    polled = run("watch", "poll", env=env, timeout=120)  # scheduled: the item and its comparison are due
    assert polled.returncode == 0, text(polled.stderr)
    assert "比价了 1 个我的商品" in text(polled.stderr) and "我的商品约每" in text(polled.stderr)
    alerts = json.loads(text(run("watch", "alerts", "--json", env=env).stdout))
    undercuts = [a for a in alerts if a["kind"] == "undercut"]
    assert undercuts, alerts
    for alert in undercuts:
        assert alert["item_id"] == my_id and alert["competitor_id"] not in (None, my_id)
        assert Decimal(alert["competitor_price"]) < Decimal(alert["my_price"])
        assert alert["title"] and alert["competitor_title"] and alert["competitor_title"] in alert["message"]
    assert len({(a["competitor_id"], a["competitor_price"]) for a in undercuts}) == len(undercuts)

    again = run("watch", "poll", "--all", env=env, timeout=120)  # compared again at once: nothing new
    assert again.returncode == 0, text(again.stderr)
    after = [a for a in json.loads(text(run("watch", "alerts", "--json", env=env).stdout)) if a["kind"] == "undercut"]
    assert len(after) == len(undercuts)


def test_compare_export_writes_the_market_sheet(start_sandbox, tmp_path):
    market_time = FakeClock(time.time())
    gateway = start_sandbox(no_limits=True, catalogue_clock=market_time)
    env = sandbox_env(gateway, "basic")
    my_id = priciest_256(gateway, market_time)
    target = tmp_path / "行情.xlsx"
    result = run("compare", my_id, "--json", "--export", str(target), env=env, timeout=120)
    assert result.returncode == 0, text(result.stderr)
    printed = json.loads(text(result.stdout))
    book = load_workbook(target)
    assert book.sheetnames == ["行情", "行情统计"]
    table = book["行情"]
    ids = [row[3].value for row in table.iter_rows(min_row=2)]
    assert sorted(ids) == sorted(c["item_id"] for c in [*printed["comparables"], *printed["excluded"]])
    stats = {row[0].value: row[1].value for row in book["行情统计"].iter_rows(min_row=2)}
    assert stats["同款数"] == printed["stats"]["count"] and stats["本次调用"] == printed["calls_used"]
    assert "已导出行情到" in text(result.stderr)

    wrong = run("compare", my_id, "--export", str(tmp_path / "行情.csv"), env=env)
    assert_plain_failure(wrong, 2, ".xlsx")
    assert not (tmp_path / "行情.csv").exists()

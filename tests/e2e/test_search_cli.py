"""``xianyu-desktop search`` as a user runs it: a real process against the sandbox over loopback, every page
one call of the quota (the sandbox's count, the store's ledger and the audit log agree), the search cache,
filters and sorts, ``--details``, the JSON shape and the exit codes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tests.clock import FakeClock
from tests.e2e.test_cli import ENTRY, run, sandbox_env, text
from tests.e2e.test_fetch_batch import requests, set_used_today
from xianyu_desktop.core.gateway.search import SUMMARY_FIELDS
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.storage.store import Store

pytestmark = pytest.mark.e2e

QUERY = "iPhone 14 Pro"  # a few hundred listings in the sandbox's market: several pages of 50
SUMMARY = re.compile(r"找到 (\d+) 条（共 (\d+) 条结果），(\d+) 页，(\d+) 次调用，(\d+) 页来自缓存。")


@pytest.fixture
def market(start_sandbox):
    """A sandbox whose market stands still (its catalogue clock does not move): a query's results are the
    same from one page, and one run, to the next."""
    return start_sandbox(catalogue_clock=FakeClock())


def home() -> Path:
    return Path(os.environ["XIANYU_DESKTOP_HOME"])


def used_today(gateway, app_key: str = "sandbox-basic") -> int:
    return gateway.state.snapshot()["apps"].get(app_key, {}).get("used_today", 0)


def ledger_used(app_key: str = "sandbox-basic") -> int:
    store = Store(home() / "data").open()
    try:
        return StoreQuotaLedger(store, app_key, 10_000).used
    finally:
        store.close()


def audit_records() -> list[dict]:
    return [
        json.loads(line)
        for path in sorted((home() / "logs").glob("audit-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def search_calls(records: list[dict], *, from_cache: bool = False) -> list[dict]:
    return [r for r in records if r["method"] == "xianyu.item.search" and r["from_cache"] is from_cache]


def listings(result) -> list[dict]:
    return [json.loads(line) for line in text(result.stdout).splitlines()]


def summary(result) -> tuple[int, int, int, int, int]:
    match = SUMMARY.search(text(result.stderr))
    assert match, text(result.stderr)
    found, total, pages, calls, cached = (int(g) for g in match.groups())
    return found, total, pages, calls, cached


def search(gateway, *args: str, tier: str = "basic", **kwargs):
    return run("search", *args, env={**sandbox_env(gateway, tier), **kwargs.pop("env", {})}, **kwargs)


def test_all_results_are_collected_across_pages_once_each_page_one_call(market):
    result = search(market, QUERY, "--limit", "2000", "--json")
    assert result.returncode == 0, text(result.stderr)
    ids = [obj["item_id"] for obj in listings(result)]
    found, total, pages, calls, cached = summary(result)
    assert len(ids) == len(set(ids)) == found == total > 100
    assert pages == calls == -(-total // 50) and cached == 0
    assert "这次搜索最多 40 页，需要 40 次调用，今日还剩 10000 次" in text(result.stderr)  # announced first
    assert used_today(market) == ledger_used() == pages
    calls_logged = search_calls(audit_records())
    # pages after the first overlap (the Searcher keeps a few in flight): the log has each once, in any order
    assert sorted(r["query"] for r in calls_logged) == sorted(f"{QUERY} p{n}" for n in range(1, pages + 1))
    logs = "".join(path.read_text(encoding="utf-8") for path in (home() / "logs").rglob("*") if path.is_file())
    assert "sandbox-secret" not in logs and '"sign"' not in logs


def test_the_limit_cuts_the_last_page_and_stops_paging(market):
    result = search(market, QUERY, "--limit", "70", "--json")
    assert result.returncode == 0, text(result.stderr)
    assert len(listings(result)) == 70
    assert summary(result)[2:4] == (2, 2)
    assert used_today(market) == ledger_used() == 2


def test_a_second_search_within_two_minutes_is_free_and_no_cache_pays_again(market):
    first = search(market, QUERY, "--limit", "120", "--json")
    assert first.returncode == 0, text(first.stderr)
    assert used_today(market) == ledger_used() == 3
    again = search(market, QUERY, "--limit", "120", "--json")
    assert again.returncode == 0, text(again.stderr)
    assert listings(again) == listings(first)
    assert summary(again)[2:] == (3, 0, 3)
    assert "这次搜索" not in text(again.stderr)  # all from the cache: no call to announce
    assert used_today(market) == ledger_used() == 3
    assert len(search_calls(audit_records(), from_cache=True)) == 3
    forced = search(market, QUERY, "--limit", "120", "--json", "--no-cache")
    assert forced.returncode == 0, text(forced.stderr)
    assert summary(forced)[2:] == (3, 3, 0)
    assert used_today(market) == ledger_used() == 6
    assert len(search_calls(audit_records())) == 6
    further = search(market, QUERY, "--limit", "250", "--json")  # pages 1-3 cached, 4-5 asked
    assert further.returncode == 0, text(further.stderr)
    assert "这次搜索最多 5 页，需要 2 次调用（另有 3 页用缓存中的结果，不花调用）" in text(further.stderr)
    assert summary(further)[2:] == (5, 2, 3)
    assert used_today(market) == ledger_used() == 8


@pytest.mark.parametrize(("sort", "ascending"), [("price_asc", True), ("price_desc", False)])
def test_the_price_sorts_are_honoured(market, sort, ascending):
    result = search(market, QUERY, "--limit", "150", "--sort", sort, "--json")
    assert result.returncode == 0, text(result.stderr)
    prices = [Decimal(obj["price"]) for obj in listings(result)]
    assert len(prices) == 150
    assert prices == sorted(prices, reverse=not ascending) and prices[0] != prices[-1]


def test_price_range_condition_and_location_are_honoured(market):
    args = ["--min-price", "3000", "--max-price", "¥5,000", "--condition", "like_new", "--location", "广东"]
    result = search(market, "iPhone", "--limit", "500", "--json", *args)
    assert result.returncode == 0, text(result.stderr)
    found = listings(result)
    assert found
    assert all(Decimal(3000) <= Decimal(obj["price"]) <= Decimal(5000) for obj in found)
    assert {obj["condition"] for obj in found} == {"like_new"}
    assert all("广东" in obj["location"] for obj in found)
    unfiltered = listings(search(market, "iPhone", "--limit", "500", "--json", "--condition", "like_new"))
    assert len(unfiltered) > len(found)


def test_the_readable_lines_show_id_price_condition_location_title_and_seller(market):
    result = search(market, QUERY, "--limit", "5", "--sort", "price_desc")
    assert result.returncode == 0, text(result.stderr)
    (reference,) = [listings(search(market, QUERY, "--limit", "5", "--sort", "price_desc", "--json"))]
    lines = text(result.stdout).splitlines()
    assert len(lines) == 5
    for line, obj in zip(lines, reference, strict=True):
        assert line.startswith(obj["item_id"] + " ")
        assert f"¥{Decimal(obj['price']):,.2f}" in line
        assert obj["location"] in line and obj["title"] in line and f"卖家：{obj['seller_nick']}" in line
        assert {"new": "全新", "like_new": "九成新", "very_good": "八成新", "good": "七成新"}.get(
            obj["condition"], "六成新及以下"
        ) in line
    assert summary(result)[:1] == (5,)


def test_json_lines_hold_every_summary_field_with_money_as_strings(market):
    result = search(market, QUERY, "--limit", "60", "--json")
    assert result.returncode == 0, text(result.stderr)
    objects = listings(result)
    assert len(objects) == 60
    for obj in objects:
        assert set(obj) == set(SUMMARY_FIELDS)
        assert isinstance(obj["price"], str) and re.fullmatch(r"\d+\.\d\d", obj["price"])
        assert obj["item_id"].isdigit() and obj["title"] and obj["seller_nick"] and obj["status"] == "onsale"
        assert obj["valid_time"] and "T" in obj["valid_time"]


def test_details_prints_the_item_get_results_and_counts_their_calls(market):
    plain = listings(search(market, QUERY, "--limit", "4", "--sort", "price_desc", "--json"))
    assert used_today(market) == 1
    result = search(market, QUERY, "--limit", "4", "--sort", "price_desc", "--json", "--details", "--no-cache")
    assert result.returncode == 0, text(result.stderr)
    details = listings(result)
    assert [obj["item_id"] for obj in details] == [obj["item_id"] for obj in plain]
    for obj in details:
        assert set(obj) >= {"title", "price", "original_price", "condition_label", "status_label", "desc"}
        assert obj["from_cache"] is False and isinstance(obj["price"], str)
    assert "共 4 个商品，全部成功。" in text(result.stderr)
    assert used_today(market) == ledger_used() == 1 + 1 + 4  # the page again (--no-cache), then 4 item_get
    item_calls = [r for r in audit_records() if r["method"] == "xianyu.item.get" and not r["from_cache"]]
    assert sorted(r["item_id"] for r in item_calls) == sorted(obj["item_id"] for obj in plain)
    # Without --json the details are the readable lines fetch's demo prints; all from the caches now.
    readable = search(market, QUERY, "--limit", "4", "--sort", "price_desc", "--details")
    assert readable.returncode == 0, text(readable.stderr)
    lines = text(readable.stdout).splitlines()
    assert [line.split()[0] for line in lines] == [obj["item_id"] for obj in plain]
    assert all("在售" in line for line in lines)
    assert used_today(market) == 6


def test_nothing_found_is_exit_0_and_no_lines(market):
    result = search(market, "这个关键词什么也找不到", "--json")
    assert result.returncode == 0, text(result.stderr)
    assert text(result.stdout) == ""
    assert "没有找到" in text(result.stderr) and used_today(market) == 1


def test_a_wrong_secret_is_exit_3_with_one_line_and_no_secret(market):
    result = search(market, QUERY, env={"XIANYU_APP_SECRET": "wrong-secret-value"})
    err = text(result.stderr)
    assert result.returncode == 3, err
    (line,) = err.splitlines()
    assert "认证失败" in line and "app_secret" in line and "Traceback" not in err
    assert "wrong-secret-value" not in err + text(result.stdout)
    assert text(result.stdout) == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["   "], "请输入搜索关键词"),
        ([QUERY, "--sort", "cheap"], "未知的排序方式：'cheap'（可用：default、price_asc、price_desc、time_desc）"),
        ([QUERY, "--min-price", "abc"], "最低价不是金额：'abc'"),
        ([QUERY, "--max-price", "12.345"], "最高价最多精确到分"),
        ([QUERY, "--min-price", "5000", "--max-price", "3000"], "最低价 5000 高于最高价 3000"),
        ([QUERY, "--condition", "mint"], "未知的成色：'mint'（可用：new、like_new、very_good、good、acceptable）"),
        ([QUERY, "--limit", "0"], "--limit 至少为 1"),
    ],
)
def test_usage_problems_are_exit_2_with_one_line_and_no_call(market, args, words):
    result = search(market, *args)
    err = text(result.stderr)
    assert result.returncode == 2, err
    (line,) = err.splitlines()
    assert line.startswith("xianyu-desktop search: ") and words in line
    assert text(result.stdout) == "" and requests(market) == 0


def test_a_search_beyond_todays_quota_is_refused_without_a_call_unless_yes(market):
    set_used_today("sandbox-personal", 97)
    result = search(market, QUERY, "--limit", "250", tier="personal")
    err = text(result.stderr)
    assert result.returncode == 2, err
    assert "这次搜索最多 5 页，需要 5 次调用，今日还剩 3 次（个人测试权限：每天 100 次、每秒 1 次）" in err
    assert "没有发出请求。加 --yes 先搜额度内的 3 页" in err
    assert text(result.stdout) == "" and requests(market) == 0
    anyway = search(market, QUERY, "--limit", "250", "--json", "--yes", tier="personal")
    err = text(anyway.stderr)
    assert anyway.returncode == 3, err
    assert len(listings(anyway)) == 150  # the pages that fit are still printed
    assert "第 4 页失败：今日额度已用完" in err
    assert requests(market) == 3 and ledger_used("sandbox-personal") == 100


def test_ctrl_c_stops_cleanly_with_exit_130(start_sandbox):
    slow = start_sandbox(catalogue_clock=FakeClock(), latency_ms=400)
    env = {**os.environ, **sandbox_env(slow)}
    command = [str(ENTRY), "search", QUERY, "--limit", "2000"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first page has arrived and is printed
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert first.strip()
    assert proc.returncode == 130, err.decode()
    assert "已中断" in err.decode() and "Traceback" not in err.decode()
    assert used_today(slow) < 6

"""``xianyu-desktop compare`` as a user runs it: a real process against the sandbox over loopback, the
JSON object the issue lists, ``calls_used`` equal to the sandbox's count on every tier, ``--max-calls``
kept, cache hits free, the readable summary, the exit codes, and no secret in any output."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from tests.clock import FakeClock
from tests.e2e.test_cli import assert_plain_failure, run, sandbox_env, text
from xianyu_desktop.sandbox.catalogue_ids import EXAMPLE_ITEM_ID
from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e

KEYS = [
    "item", "template", "calls_used", "comparables", "excluded", "stats", "percentile", "value_score", "suggested",
    "verdict", "completed",
]  # fmt: skip
LINK = f"【闲鱼】https://www.goofish.com/item?id={EXAMPLE_ITEM_ID} 「自用 iPhone 14 Pro」 点击链接直接打开"


@pytest.fixture
def market(start_sandbox):
    return start_sandbox(catalogue_clock=FakeClock())


def used(gateway, tier: str = "basic") -> int:
    return gateway.state.snapshot()["apps"].get(f"sandbox-{tier}", {}).get("used_today", 0)


def compare(gateway, *args: str, tier: str = "basic", env: dict[str, str] | None = None):
    return run("compare", *args, env={**sandbox_env(gateway, tier), **(env or {})}, timeout=120)


def as_json(result) -> dict:
    assert result.returncode == 0, text(result.stderr)
    lines = text(result.stdout).splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def no_secret(*results) -> None:
    home = Path(os.environ["XIANYU_DESKTOP_HOME"])
    logs = "".join(p.read_text(encoding="utf-8") for p in home.rglob("*.jsonl")) + "".join(
        p.read_text(encoding="utf-8") for p in home.rglob("*.log")
    )
    for blob in [*(text(r.stdout) + text(r.stderr) for r in results), logs]:
        assert SANDBOX_SECRET not in blob and "sign=" not in blob and "Traceback" not in blob


def test_the_json_is_the_issues_object_and_calls_used_is_the_sandboxs_count(market):
    result = compare(market, LINK, "--json", tier="advanced")
    data = as_json(result)
    assert list(data) == KEYS
    assert data["calls_used"] == used(market, "advanced") <= 10
    fetched = run("fetch", EXAMPLE_ITEM_ID, env=sandbox_env(market, "advanced"))
    assert {**json.loads(text(fetched.stdout)), "from_cache": False} == data["item"]  # the item as fetch prints it
    assert data["template"] == {
        "brand": "Apple",
        "model": "iPhone 14 Pro",
        "specs": {"storage": "256G"},
        "query": "iPhone 14 Pro",
    }
    assert data["comparables"] and all(
        list(c) == ["item_id", "title", "price", "condition", "seller_nick", "source"] for c in data["comparables"]
    )
    assert {c["source"] for c in data["comparables"]} == {"search", "same_items", "trade_record"}
    assert data["excluded"] and all(list(e) == ["item_id", "title", "price", "reason"] for e in data["excluded"])
    assert list(data["stats"]) == ["count", "sellers", "median", "p25", "p75", "mean", "min", "max", "sold_median"]
    assert all(isinstance(v, str) for k, v in data["stats"].items() if k not in ("count", "sellers"))
    assert isinstance(data["percentile"], int | float) and 0 <= data["percentile"] <= 100
    assert isinstance(data["value_score"], int | float) and 0 <= data["value_score"] <= 100
    assert data["verdict"] == "ok"
    quick, patient = Decimal(data["suggested"]["quick_sale"]), Decimal(data["suggested"]["patient"])
    assert Decimal(data["stats"]["min"]) <= quick <= patient <= Decimal(data["stats"]["max"])
    assert list(data["completed"]) == ["category", "category_inferred", "original_price", "original_price_inferred"]
    assert "最多 10 次调用" in text(result.stderr)  # the plan, said before spending
    no_secret(result, fetched)


@pytest.mark.parametrize("tier", ["personal", "basic", "advanced"])
def test_calls_used_equals_the_sandboxs_count_on_each_tier(market, tier):
    data = as_json(compare(market, EXAMPLE_ITEM_ID, "--json", tier=tier))
    assert data["calls_used"] == used(market, tier) > 1
    found = {c["source"] for c in data["comparables"]}
    assert "search" in found
    assert ("same_items" in found) is (tier == "advanced")
    assert ("trade_record" in found) is (tier != "personal")


@pytest.mark.parametrize("max_calls", [1, 2, 4])
def test_max_calls_is_respected(market, max_calls):
    data = as_json(compare(market, EXAMPLE_ITEM_ID, "--json", "--max-calls", str(max_calls)))
    assert data["calls_used"] == used(market) <= max_calls
    if max_calls == 1:
        assert data["verdict"] == "thin" and data["suggested"] is None and data["comparables"] == []


def test_a_second_run_counts_no_cache_hit(market):
    first = as_json(compare(market, EXAMPLE_ITEM_ID, "--json", tier="personal"))
    second = as_json(compare(market, EXAMPLE_ITEM_ID, "--json", tier="personal"))
    assert first["calls_used"] == used(market, "personal") > 1 and second["calls_used"] == 0
    assert second["item"]["from_cache"] and second["stats"] == first["stats"]
    forced = as_json(compare(market, EXAMPLE_ITEM_ID, "--json", "--no-cache", tier="personal"))
    assert forced["calls_used"] == first["calls_used"] and used(market, "personal") == 2 * first["calls_used"]


def test_the_readable_summary_in_chinese(market):
    result = compare(market, EXAMPLE_ITEM_ID)
    out = text(result.stdout)
    assert result.returncode == 0, text(result.stderr)
    for words in (
        "同款：Apple iPhone 14 Pro",
        "中位价",
        "P25–P75",
        "成交中位价",
        "性价比得分",
        "建议价：快速出手",
        "排除",
    ):
        assert words in out
    assert f"共 {used(market)} 次调用" in out
    thin = compare(market, EXAMPLE_ITEM_ID, "--max-calls", "1", "--no-cache")
    assert thin.returncode == 0 and "样本不足" in text(thin.stdout) and "建议价：" not in text(thin.stdout)
    no_secret(result, thin)


def test_usage_errors_exit_2_before_any_call(market):
    for args, words in (
        (("abc",), "没有识别到闲鱼商品 ID"),
        ((EXAMPLE_ITEM_ID, "--max-calls", "0"), "--max-calls 至少为 1"),
        ((f"{EXAMPLE_ITEM_ID} 698765432109876544",), "一次只能比较一个商品"),
        ((EXAMPLE_ITEM_ID, "--vocabulary", "/nonexistent/words.json"), "找不到商品词库文件"),
    ):
        assert_plain_failure(compare(market, *args), 2, words)
    assert used(market) == 0


def test_a_bad_vocabulary_file_is_one_plain_line_and_a_good_one_is_used(market):
    data_dir = Path(os.environ["XIANYU_DESKTOP_HOME"]) / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "market_vocabulary.json").write_text("{not json", encoding="utf-8")
    result = compare(market, EXAMPLE_ITEM_ID)
    assert_plain_failure(result, 2, "market_vocabulary.json 不是有效的 JSON")
    assert len(text(result.stderr).splitlines()) == 1 and used(market) == 0
    # the rest of the app goes on without comparisons: watching and polling are not the file's to stop
    assert run("watch", "add", EXAMPLE_ITEM_ID, env=sandbox_env(market, "basic")).returncode == 0
    polled = run("watch", "poll", env=sandbox_env(market, "basic"))
    assert polled.returncode == 0, text(polled.stderr)
    own = {
        "format": 1,
        "brands": {"Apple": ["苹果"]},
        "models": [
            {
                "brand": "Apple",
                "model": "iPhone 14 Pro",
                "category": "苹果手机",
                "specs": ["storage"],
                "aliases": ["iphone 14 pro"],
                "query": "iPhone 14 Pro 256G",
            }
        ],
    }
    (data_dir / "market_vocabulary.json").write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    data = as_json(compare(market, EXAMPLE_ITEM_ID, "--json"))
    assert data["template"]["query"] == "iPhone 14 Pro 256G"


def test_an_item_or_a_market_that_cannot_be_fetched_exits_3(market):
    market.state.set_used_today("sandbox-basic", 10_000)
    assert_plain_failure(compare(market, EXAMPLE_ITEM_ID), 3, f"没有查到商品 {EXAMPLE_ITEM_ID}")
    market.state.set_used_today("sandbox-basic", 9_999)  # the item gets the day's last call, the market none
    result = compare(market, EXAMPLE_ITEM_ID, "--json")
    assert_plain_failure(result, 3, "同款行情一次也没有取到")
    data = json.loads(text(result.stdout))
    assert data["calls_used"] == 1 and data["verdict"] == "thin"
    assert "同款搜索第 1 页没有取到" in text(result.stderr)
    no_secret(result)

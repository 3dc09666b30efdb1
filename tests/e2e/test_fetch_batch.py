"""`fetch` spends the quota with care: a field typo costs no call, and a batch bigger than what is left
today is announced (calls, what is left, how long) and refused unless --yes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.e2e.test_cli import run, sandbox_env, text
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.storage.store import Store

pytestmark = pytest.mark.e2e


def set_used_today(app_key: str, used: int, limit: int = 100) -> None:
    store = Store(Path(os.environ["XIANYU_DESKTOP_HOME"]) / "data").open()
    StoreQuotaLedger(store, app_key, limit).set_used(used)
    store.close()


def requests(gateway) -> int:
    return gateway.state.snapshot()["counts"].get("requests", 0)


def kinds(result) -> list[str]:
    objects = [json.loads(line) for line in text(result.stdout).splitlines()]
    return [o["error"]["kind"] if "error" in o else "ok" for o in objects]


def test_a_field_typo_is_exit_2_before_any_call(sandbox):
    ids = sandbox.state.catalogue.demo_ids(10)
    result = run("fetch", "--fields", "title,pirce", *ids, env=sandbox_env(sandbox))
    err = text(result.stderr)
    assert result.returncode == 2, err
    (line,) = err.splitlines()
    assert "未知字段：pirce" in line and "可用字段：item_id,title,pic_url" in line and "Traceback" not in line
    assert text(result.stdout) == ""
    assert requests(sandbox) == 0


def test_a_batch_bigger_than_what_is_left_is_announced_and_refused_without_a_call(sandbox):
    set_used_today("sandbox-personal", 97)
    ids = sandbox.state.catalogue.demo_ids(5)
    result = run("fetch", *ids, env=sandbox_env(sandbox, "personal"))
    err = text(result.stderr)
    assert result.returncode == 2, err
    assert "这批 5 个商品需要 5 次调用，今日还剩 3 次（个人测试权限：每天 100 次、每秒 1 次）" in err
    assert "今日额度只够 3 个（约需 4 秒），其余 2 个要等北京时间零点额度重置后再查" in err
    assert "没有发出请求。加 --yes 先查额度内的 3 个" in err
    assert text(result.stdout) == ""
    assert requests(sandbox) == 0


def test_yes_fetches_what_fits_and_reports_the_rest_unspent(sandbox):
    set_used_today("sandbox-personal", 97)
    ids = sandbox.state.catalogue.demo_ids(5)
    result = run("fetch", "--yes", *ids, env=sandbox_env(sandbox, "personal"))
    assert result.returncode == 3, text(result.stderr)
    assert "今日还剩 3 次" in text(result.stderr)
    assert sorted(kinds(result)) == ["ok", "ok", "ok", "quota_exhausted", "quota_exhausted"]
    assert requests(sandbox) == 3


def test_fresh_cached_answers_do_not_count_against_the_plan(sandbox):
    ids = sandbox.state.catalogue.demo_ids(5)
    env = sandbox_env(sandbox, "personal")
    assert run("fetch", *ids[:2], env=env).returncode == 0
    set_used_today("sandbox-personal", 97)
    result = run("fetch", *ids, env=env)  # 5 ids, 2 of them cached: 3 calls, 3 left
    assert result.returncode == 0, text(result.stderr)
    assert kinds(result) == ["ok"] * 5
    assert "这批" not in text(result.stderr)  # it fits and is short: nothing to announce
    assert requests(sandbox) == 5


def test_a_watch_poll_with_a_wrong_secret_stops_after_the_first_refusal(sandbox):
    env = sandbox_env(sandbox, "personal")
    ids = sandbox.state.catalogue.demo_ids(5)
    assert run("watch", "add", *ids, env=env).returncode == 0
    result = run("watch", "poll", "--all", env={**env, "XIANYU_APP_SECRET": "wrong-secret-value"})
    err = text(result.stderr)
    assert result.returncode == 3, err
    assert "认证失败" in err and "1 个失败" in err
    assert "另有 4 个没有检查：上面的错误对每个商品都一样，没有为它们发出请求。" in err
    assert requests(sandbox) == 1

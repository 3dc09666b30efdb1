"""Reliability: a flaky gateway, killed processes, damaged and odd data folders, fuzzed answers.
Bounded in time: each test finishes in well under a minute."""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.e2e.test_cli import run, sandbox_env, text
from xianyu_desktop.core.errors import ErrorKind, GatewayError
from xianyu_desktop.core.gateway.client import RetryPolicy
from xianyu_desktop.core.gateway.protocol import parse_item_response
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.watchlist import Watchlist

pytestmark = pytest.mark.e2e
TYPED = set(ErrorKind) - {ErrorKind.CANCELLED}


def home() -> Path:
    return Path(os.environ["XIANYU_DESKTOP_HOME"])


def test_300_item_lookup_on_a_flaky_gateway_ends_typed_with_bounded_attempts(start_sandbox, make_client):
    gateway = start_sandbox(fault_rate=0.3, latency_ms=5, no_limits=True, seed=11)
    calls = []
    client = make_client(
        gateway, "advanced", retry=RetryPolicy(backoff_base=0.02, backoff_cap=0.2), observer=calls.append, timeout=5
    )
    ids = [str(200_000_000_000 + 7919 * n) for n in range(300)]
    results = list(client.fetch_many(ids))
    assert sorted(r.item_id for r in results) == sorted(ids)
    for result in results:
        assert result.ok or result.failure.kind in TYPED
    per_item: dict[str, int] = {}
    for call in calls:
        per_item[call.item_id] = per_item.get(call.item_id, 0) + 1
    assert max(per_item.values()) <= client.retry.max_attempts  # no retry storm
    assert len(calls) <= 300 * client.retry.max_attempts
    assert sum(r.ok or r.failure.kind is ErrorKind.NOT_FOUND for r in results) >= 290  # 0.3**4 fail all four


def test_300_item_watch_poll_on_a_flaky_gateway(start_sandbox):
    gateway = start_sandbox(fault_rate=0.3, latency_ms=5, no_limits=True, seed=12)
    env = sandbox_env(gateway, "advanced")
    ids = [str(300_000_000_000 + 7919 * n) for n in range(300)]
    assert run("watch", "add", *ids, env=env).returncode == 0
    result = run("watch", "poll", "--all", env=env, timeout=120)
    assert result.returncode in (0, 3), text(result.stderr)
    assert "检查了 300 个商品" in text(result.stderr)
    listed = json.loads(text(run("watch", "list", "--json", env=env).stdout))
    assert len(listed) == 300 and all(o["last_checked"] for o in listed)
    assert all(o["status"] is not None or o["last_error"] for o in listed)  # checked, or a typed error kept


POLLER = """
import sys
from xianyu_desktop.cli import main
sys.exit(main(["watch", "poll", "--all"]))
"""


def test_sigkill_of_a_polling_process_30_times_keeps_store_and_history_intact(start_sandbox):
    gateway = start_sandbox(latency_ms=2, no_limits=True, speed=3000)
    env = {**os.environ, **sandbox_env(gateway, "advanced")}
    ids = gateway.state.catalogue.demo_ids(40)
    assert run("watch", "add", *ids, env=env).returncode == 0
    rng = random.Random(5)
    for _ in range(30):
        with subprocess.Popen([sys.executable, "-c", POLLER], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) as proc:  # fmt: skip
            time.sleep(rng.uniform(0.2, 1.2))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    store_path = home() / "data" / "store.sqlite3"
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    history = conn.execute("SELECT item_id, observed_at, status FROM item_history ORDER BY id").fetchall()
    conn.close()
    store = Store(home() / "data").open()
    watchlist = Watchlist(store)
    assert sorted(watchlist.item_ids()) == sorted(ids)  # the watchlist is intact
    for item_id in {h[0] for h in history}:  # each item's history is a clean sequence of changes
        points = watchlist.history(item_id)
        assert [p.at for p in points] == sorted(p.at for p in points)
        assert all(a.status != b.status or a.price != b.price for a, b in itertools.pairwise(points))
    store.close()
    finished = run("watch", "poll", "--all", env=env, timeout=120)  # and the store is still fully usable
    assert finished.returncode == 0, text(finished.stderr)
    assert "检查了 40 个商品" in text(finished.stderr)


def test_a_corrupted_cache_is_rebuilt_and_says_so(sandbox):
    (home() / "cache").mkdir(parents=True, exist_ok=True)
    (home() / "cache" / "cache.sqlite3").write_bytes(os.urandom(8192))
    result = run("fetch", "698765432109876543", env=sandbox_env(sandbox))
    assert result.returncode == 0, text(result.stderr)
    assert list((home() / "cache").glob("cache.sqlite3.broken-*"))
    log = (home() / "logs" / "xianyu-desktop.log").read_text(encoding="utf-8")
    assert "moved to" in log and "rebuilt" in log


def test_an_older_schema_is_upgraded_and_a_newer_one_refused(sandbox, tmp_path):
    fixtures = Path(__file__).parents[1] / "fixtures"
    (home() / "data").mkdir(parents=True, exist_ok=True)
    (home() / "data" / "store.sqlite3").write_bytes((fixtures / "store-v1.sqlite3").read_bytes())
    listed = json.loads(text(run("watch", "list", "--json").stdout))
    assert [o["note"] for o in listed] == ["对手的 iPhone"]
    conn = sqlite3.connect(home() / "data" / "store.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    refused = run("watch", "list")
    assert refused.returncode == 2 and "更新版本" in text(refused.stderr) and "Traceback" not in text(refused.stderr)


def test_an_unwritable_data_folder_is_a_plain_message(sandbox):
    (home() / "data").parent.mkdir(parents=True, exist_ok=True)
    (home() / "data").write_text("a file where the data folder should be")
    result = run("fetch", "698765432109876543", env=sandbox_env(sandbox))
    assert result.returncode == 2
    assert "Traceback" not in text(result.stderr) and "xianyu-desktop fetch:" in text(result.stderr)


def test_a_full_disk_is_a_calm_message(tmp_path):
    from xianyu_desktop.core.storage.db import StoreError, StoreProblem

    store = Store(tmp_path).open()
    conn = store.db.connection()
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")  # SQLITE_FULL
    with pytest.raises(StoreError) as info:
        store.set_settings({"big": "x" * 100_000})
    store.close(backup=False)
    assert info.value.problem is StoreProblem.ENVIRONMENT and "磁盘空间不足" in str(info.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=30,
)
envelopes = st.one_of(
    json_values,
    st.fixed_dictionaries({"item_get_response": st.fixed_dictionaries({"item": json_values})}),
    st.fixed_dictionaries(
        {
            "item_get_response": st.fixed_dictionaries(
                {
                    "item": st.dictionaries(
                        st.sampled_from(
                            [
                                "item_id",
                                "price",
                                "title",
                                "status",
                                "valid_time",
                                "guarantee",
                                "params",
                                "sales",
                                "seller_score",
                                "item_imgs",
                                "same_items",
                            ]
                        ),
                        json_values,
                        max_size=8,
                    )
                }
            )
        }
    ),
    st.fixed_dictionaries({"error_response": json_values}),
)


@settings(max_examples=400, deadline=None)
@given(status=st.sampled_from([200, 400, 401, 403, 500, 502, 504]), document=envelopes, huge=st.booleans())
def test_fuzzed_answers_give_an_item_or_a_typed_error(status, document, huge):
    body = json.dumps(document).encode()
    if huge:
        body = body.replace(b'"', b'"' + b"x" * 5000, 1) if b'"' in body else body + b" " * 100_000
    try:
        item, _ = parse_item_response(status, {}, body, "698765432109876543", local_now=0.0)
    except GatewayError as exc:
        assert exc.kind in TYPED and exc.failure.message
    else:
        assert item.item_id == "698765432109876543"

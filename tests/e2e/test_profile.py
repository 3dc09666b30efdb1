"""The local data issue's proofs: secrets never written, crash safety, limits shared across processes,
and the cache, all with real processes, real SQLite files and real loopback HTTP."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.e2e.test_cli import run, sandbox_env, text
from tests.hostile import HostileServer, echo_error
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e
ID = "698765432109876543"


def home() -> Path:
    return Path(os.environ["XIANYU_DESKTOP_HOME"])


def fetch_lines(result) -> list[dict]:
    return [json.loads(line) for line in text(result.stdout).splitlines()]


def test_second_fetch_is_answered_from_cache_and_no_cache_forces_the_gateway(sandbox):
    env = sandbox_env(sandbox)
    first = fetch_lines(run("fetch", ID, env=env))
    second = fetch_lines(run("fetch", ID, env=env))
    limited = fetch_lines(run("fetch", "--fields", "title,price", ID, env=env))
    forced = fetch_lines(run("fetch", "--no-cache", ID, env=env))
    assert [o["from_cache"] for o in (*first, *second, *limited, *forced)] == [False, True, True, False]
    assert second[0]["title"] == first[0]["title"]
    assert limited[0]["price"] == first[0]["price"] and limited[0]["status"] is None
    assert sandbox.state.snapshot()["counts"]["admitted"] == 2
    audit = "".join(p.read_text(encoding="utf-8") for p in (home() / "logs").glob("audit-*.jsonl"))
    records = [json.loads(line) for line in audit.splitlines()]
    assert [r["from_cache"] for r in records] == [False, True, True, False]


ECHO_SECRET = "echo-secret-Zq7w"  # the echoing gateway's app secret: it must never be stored or printed


def test_no_secret_or_signature_is_written_anywhere_under_the_home(sandbox):
    """Every file under the home, the store's error columns, and everything the CLI printed (stdout and
    stderr of every run), against the sandbox and against a gateway that echoes the signature and the app
    secret in its error texts (issue 12 item 8)."""
    env = {**sandbox_env(sandbox), "XIANYU_DESKTOP_LOG_LEVEL": "DEBUG"}
    ids = sandbox.state.catalogue.demo_ids(12)
    runs = [
        run("fetch", *ids, env=env),
        run("fetch", "--no-cache", "--fields", "title,price", *ids[:4], env=env),
        run("fetch", "--no-cache", ID, env={**env, "XIANYU_APP_SECRET": "wrong-" + SANDBOX_SECRET}),
    ]
    assert [r.returncode in (0, 3) for r in runs] == [True, True, True] and runs[2].returncode == 3
    signatures = set(sandbox.state.signatures_seen)
    assert len(signatures) >= 16

    with HostileServer({"/router/rest": echo_error(ECHO_SECRET)}) as echo:
        echo_env = {
            **env,
            "XIANYU_GATEWAY": echo.url("/router/rest"),
            "XIANYU_APP_KEY": "echo-key",
            "XIANYU_APP_SECRET": ECHO_SECRET,
        }
        echoed = [
            run("fetch", "--no-cache", ID, env=echo_env),
            run("doctor", env=echo_env),
            run("watch", "add", ID, env=echo_env),
            run("watch", "poll", "--all", env=echo_env),
            run("watch", "list", "--json", env=echo_env),
        ]
        echoed_signatures = {dict(urllib.parse.parse_qsl(body.decode())).get("sign", "") for body in echo.bodies} - {""}
    assert len(echoed_signatures) >= 2  # fetch, doctor and poll each sent a signed call the gateway echoed
    assert [r.returncode for r in echoed] == [3, 1, 0, echoed[3].returncode, 0]
    listed = json.loads(text(echoed[4].stdout))
    assert "[已隐藏]" in listed[0]["last_error"] and "签名无效" in listed[0]["last_error"]
    assert "[已隐藏]" in text(echoed[0].stdout + echoed[0].stderr) and "[已隐藏]" in text(echoed[1].stdout)

    conn = sqlite3.connect(home() / "data" / "store.sqlite3")
    try:
        errors = [row[0] for row in conn.execute("SELECT last_error FROM watch_items WHERE last_error IS NOT NULL")]
        alert_texts = [" ".join(map(str, row)) for row in conn.execute("SELECT old, new, message FROM alerts")]
    finally:
        conn.close()
    assert errors and all("[已隐藏]" in e for e in errors)

    files = [p for p in home().rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"store.sqlite3", "cache.sqlite3", "xianyu-desktop.log"} <= names
    assert any(p.suffix == ".jsonl" for p in files)
    secrets = [SANDBOX_SECRET, ECHO_SECRET, *signatures, *echoed_signatures]
    needles = [n for s in secrets for n in {s, s.upper()}]
    hits = [(p.name, n[:12]) for p in files for n in needles if n.encode() in p.read_bytes()]
    assert hits == []
    printed = [(i, n[:12]) for i, r in enumerate([*runs, *echoed]) for n in needles if n in text(r.stdout + r.stderr)]
    assert printed == []
    stored = [n[:12] for t in [*errors, *alert_texts] for n in needles if n in t]
    assert stored == []


CHANNEL_TOKENS = ("goodTOKENq7W2x9Kp", "downTOKENr8V3y0Lm")


def test_no_channel_token_is_written_anywhere_under_the_home(secret_service, start_sandbox):
    """Issue 16: notification channels' URLs carry tokens; after adding channels, testing them, polling
    with alerts delivered to one and failing on the other (its error kept in the outbox), at DEBUG, no
    token is in any file under the home nor in anything the CLI printed."""
    from tests.clock import FakeClock
    from tests.notify_fixtures import receiver

    clock = FakeClock(time.time())
    gateway = start_sandbox(speed=2_000, no_limits=True, catalogue_clock=clock)
    env = {**sandbox_env(gateway, "advanced"), "XIANYU_DESKTOP_LOG_LEVEL": "DEBUG"}
    good_token, down_token = CHANNEL_TOKENS
    with receiver() as good, receiver() as down:
        down.answers = [500] * 1000
        runs = [
            run("notify", "add", good.url(good_token), "--name", "好", "--allow-loopback", env=env),
            run("notify", "add", down.url(down_token), "--name", "坏", "--allow-loopback", env=env),
            run("notify", "list", env=env),
            run("notify", "list", "--json", env=env),
            run("notify", "test", env=env),
            run("watch", "add", *gateway.state.catalogue.demo_ids(30), env=env),
            run("watch", "poll", "--all", env=env),
        ]
        clock.now += 3.0
        runs += [run("watch", "poll", "--all", env=env), run("notify", "outbox", env=env)]
        runs += [run("notify", "add", f"json://169.254.169.254/x/{good_token}", env=env)]
    assert [r.returncode for r in runs] == [0, 0, 0, 0, 3, 0, 0, 0, 0, 2]
    assert good.posts and "通知：渠道「坏」没有送达" in text(runs[7].stderr)
    assert "发送失败（将重试）" in text(runs[8].stdout)
    files = [p for p in home().rglob("*") if p.is_file()]
    assert any(p.name == "xianyu-desktop.log" for p in files)
    needles = [n for t in CHANNEL_TOKENS for n in {t, t.upper(), t.lower(), urllib.parse.quote(t)}]
    assert [(p.name, n) for p in files for n in needles if n.encode() in p.read_bytes()] == []
    assert [(i, n) for i, r in enumerate(runs) for n in needles if n in text(r.stdout + r.stderr)] == []


WRITER = """
import sys
from xianyu_desktop.core.storage.store import Store
store = Store(__import__('pathlib').Path(sys.argv[1])).open()
with store.db.write() as conn:
    conn.execute("INSERT OR IGNORE INTO watch_items (item_id, added_at) VALUES ('698765432109876543', 0)")
n = 0
while True:
    n += 1
    with store.db.write() as conn:
        rowid = conn.execute(
            "INSERT INTO item_history (item_id, observed_at, price, status) VALUES (?, ?, ?, 'onsale')",
            ('698765432109876543', n, f'{n}.00')).lastrowid
    print(rowid, flush=True)
"""


def test_sigkill_mid_write_never_corrupts_or_loses_a_committed_row(tmp_path):
    committed: set[int] = set()
    rng = random.Random(7)
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + rng.uniform(0.3, 0.9)
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.strip().isdigit():
                committed.add(int(line))
        proc.send_signal(signal.SIGKILL)
        committed.update(int(line) for line in proc.stdout.read().split() if line.isdigit())
        proc.wait()
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(tmp_path / "store.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    present = {row[0] for row in conn.execute("SELECT id FROM item_history")}
    conn.close()
    assert len(committed) > 100
    assert committed <= present


def test_sigkill_of_a_fetching_process_leaves_store_and_cache_intact(start_sandbox):
    gateway = start_sandbox(latency_ms=20)
    env = sandbox_env(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(60)
    for delay in (0.6, 1.0, 1.5):
        with subprocess.Popen(
            [sys.executable, "-m", "xianyu_desktop", "fetch", "--no-cache", *ids],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as proc:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
    for name in ("data/store.sqlite3", "cache/cache.sqlite3"):
        conn = sqlite3.connect(home() / name)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    store = Store(home() / "data").open()
    sent = gateway.state.snapshot()["counts"]["admitted"]
    assert StoreQuotaLedger(store, "sandbox-advanced", 100_000).used >= sent  # every sent call was counted
    store.close()


def _run_together(env: dict[str, str], batches: list[list[str]]) -> list[subprocess.CompletedProcess]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "xianyu_desktop", "fetch", "--yes", *batch],  # --yes: past the batch plan
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for batch in batches
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_two_processes_together_stay_within_the_tier_rate(sandbox):
    ids = sandbox.state.catalogue.demo_ids(24)
    results = _run_together(sandbox_env(sandbox, "basic"), [ids[:12], ids[12:]])
    assert all(r.returncode in (0, 3) for r in results), [text(r.stderr) for r in results]
    snapshot = sandbox.state.snapshot()
    assert snapshot["counts"]["admitted"] == 24
    assert snapshot["counts"].get("refused_frequency", 0) == 0
    assert snapshot["apps"]["sandbox-basic"]["peak_per_second"] <= 5


def test_two_processes_together_stay_within_the_daily_quota(sandbox):
    store = Store(home() / "data").open()
    StoreQuotaLedger(store, "sandbox-advanced", 100_000).set_used(100_000 - 8)  # 8 calls left today
    store.close()
    ids = sandbox.state.catalogue.demo_ids(20)
    results = _run_together(sandbox_env(sandbox, "advanced"), [ids[:10], ids[10:]])
    objects = [obj for r in results for obj in fetch_lines(r)]
    kinds = [o["error"]["kind"] if "error" in o else "ok" for o in objects]
    assert sandbox.state.snapshot()["counts"]["admitted"] == 8
    assert kinds.count("quota_exhausted") == 12
    assert all(r.returncode == 3 for r in results)
    assert "今日额度已用完" in text(results[0].stderr) + text(results[1].stderr)
    quota = run("quota", "--app-key", "sandbox-advanced", "--tier", "advanced", "--json")
    assert json.loads(text(quota.stdout))["used"] == 100_000


def test_a_damaged_store_stops_fetch_with_a_message_and_store_restore_brings_it_back(sandbox):
    env = sandbox_env(sandbox)
    assert run("fetch", ID, env=env).returncode == 0  # creates the store and today's backup
    store_file = home() / "data" / "store.sqlite3"
    store_file.write_bytes(b"\x00garbage" * 512)
    broken = run("fetch", ID, env=env)
    assert broken.returncode == 2
    assert "已损坏" in text(broken.stderr) and "store restore" in text(broken.stderr)
    assert "Traceback" not in text(broken.stderr)
    assert store_file.read_bytes().startswith(b"\x00garbage")  # never silently replaced
    listed = run("store", "backups")
    assert "store-" in text(listed.stdout)
    restored = run("store", "restore")
    assert restored.returncode == 0, text(restored.stderr)
    assert "原来的数据文件无法读取，保留为" in text(restored.stdout)
    assert run("fetch", ID, env=env).returncode == 0
    assert list((home() / "data").glob("store.sqlite3.damaged-*"))


def test_restore_after_a_clean_close_brings_the_watchlist_back_and_says_when_and_what(start_sandbox):
    gateway = start_sandbox(no_limits=True)
    env = sandbox_env(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(3)
    assert run("watch", "add", *ids, env=env).returncode == 0  # the day's first open: the daily backup is empty
    assert run("watch", "poll", "--all", env=env).returncode == 0  # one price record each; closes cleanly
    (home() / "data" / "store.sqlite3").write_bytes(b"\x00garbage" * 512)

    listed = text(run("store", "backups").stdout).splitlines()
    newest = listed[0].split("\t")
    assert newest[2] == "关闭时" and newest[3] == "关注 3 个、价格记录 3 条、提醒 0 条", listed
    assert any("当天第一次打开时\t关注 0 个" in line for line in listed)

    restored = run("store", "restore")
    out = text(restored.stdout)
    assert restored.returncode == 0, text(restored.stderr)
    m = re.match(
        r"已恢复备份 (store-\S+-close\.sqlite3)（(\S+ \S+) 北京时间，关闭时的备份）："
        r"关注 3 个、价格记录 3 条、提醒 0 条。",
        out,
    )
    assert m is not None, out
    assert m.group(1) == newest[0]
    taken = dt.datetime.strptime(m.group(2), "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
    assert abs((dt.datetime.now(BEIJING) - taken).total_seconds()) < 120
    assert "原来的数据文件无法读取，保留为" in out
    watched = json.loads(text(run("watch", "list", "--json").stdout))
    assert sorted(o["item_id"] for o in watched) == sorted(ids) and all(o["price"] for o in watched)


def test_restore_by_name_keeps_the_current_store_as_a_backup_to_switch_back_to():
    assert run("watch", "add", ID, "123456789012").returncode == 0
    assert run("watch", "remove", ID, "123456789012").returncode == 0  # oops: the watchlist is empty now
    listed = [line.split("\t") for line in text(run("store", "backups").stdout).splitlines()]
    (full,) = [row[0] for row in listed if row[3].startswith("关注 2 个")]

    restored = run("store", "restore", full)
    out = text(restored.stdout)
    assert restored.returncode == 0, text(restored.stderr)
    assert f"已恢复备份 {full}" in out and "关注 2 个" in out
    m = re.search(r"恢复前的数据文件已另存为备份 (\S+)；要换回它：xianyu-desktop store restore (\S+)", out)
    assert m is not None and m.group(1) == m.group(2), out
    assert len(json.loads(text(run("watch", "list", "--json").stdout))) == 2
    relisted = text(run("store", "backups").stdout)
    assert f"{m.group(1)}\t" in relisted and "恢复备份前\t关注 0 个" in relisted

    missing = run("store", "restore", "store-1999-01-01.sqlite3")
    assert missing.returncode == 2 and "找不到备份" in text(missing.stderr)


def test_quota_command_prints_used_limit_and_reset_time(sandbox):
    env = sandbox_env(sandbox, "basic")
    run("fetch", "--no-cache", ID, env=env)
    out = text(run("quota", env=env).stdout)
    assert out.startswith("1 / 10000（sandbox-basic，企业基础）")
    assert "00:00 北京时间" in out


def test_opening_the_app_prunes_old_answers_of_unwatched_items(tmp_path):
    """The window's services prune the cache once per start; watched items keep their last answer."""
    from xianyu_desktop.core.storage.cache import KEEP_DAYS
    from xianyu_desktop.paths import app_paths
    from xianyu_desktop.services import Session

    paths = app_paths({"XIANYU_DESKTOP_HOME": str(tmp_path)})
    services = Session.open(demo=False, paths=paths)
    for item_id in ("555555555555", "666666666666"):
        services.profile.cache.put(item_id, {"item_id": item_id, "status": "onsale"}, None)
    services.watchlist.add(["666666666666"])
    with services.profile.cache.db.write() as conn:  # both last asked for long ago
        conn.execute("UPDATE items SET fetched_at = fetched_at - ?", ((KEEP_DAYS + 1) * 86_400,))
    services.close()

    services = Session.open(demo=False, paths=paths)
    try:
        assert sorted(services.profile.cache.all_ids()) == ["666666666666"]
    finally:
        services.close()

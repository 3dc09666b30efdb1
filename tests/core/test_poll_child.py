"""The window's rounds of the watchlist in a child process (core/poll_child.py), against the sandbox over
loopback and on real profile files: the same stored rows and alerts as a round on the caller's thread, each
row reported as it is stored, cancel, plain-word errors, a child that dies or cannot start, and the app
secret only on the child's stdin."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core import poll_child
from xianyu_desktop.core.background.child import ChildUnavailable
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.poll_child import PollError, PollJob, poll_in_child
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist
from xianyu_desktop.paths import AppPaths
from xianyu_desktop.sandbox.server import SANDBOX_SECRET

SPEED = 2_000  # the sandbox's listings move on once an epoch: 0.3 s of its clock at this speed


def gone_id(catalogue: Any) -> str:
    """A well-formed id the sandbox has no listing for."""
    n = 100_000_000_000
    while catalogue.item(str(n), "http://127.0.0.1:1") is not None:
        n += 7919
    return str(n)


def open_profile(folder: Path) -> Profile:
    return Profile.open(AppPaths(folder / "config", folder / "data", folder / "cache", folder / "log"))


def config_for(gateway: Any) -> GatewayConfig:
    return GatewayConfig(gateway.url, "sandbox-advanced", SANDBOX_SECRET, Tier.ADVANCED, timeout=10.0)


class Reported:
    def __init__(self) -> None:
        self.rows: list[tuple[WatchState, tuple[Alert, ...]]] = []
        self.events: list[Any] = []

    def row(self, state: WatchState, alerts: tuple[Alert, ...]) -> None:
        self.rows.append((state, alerts))

    def event(self, event: Any) -> None:
        self.events.append(event)


def in_child(profile: Profile, config: GatewayConfig, reported: Reported, **kwargs: Any) -> poll_child.RoundCounts:
    everything = Watchlist(profile.store).item_ids()  # as the window's 立即检查 asks
    job = PollJob(profile.paths, config, everything, True, None, None)
    return poll_in_child(
        job, on_item=reported.row, on_search=reported.event, on_compare=reported.event,
        cancel=kwargs.pop("cancel", threading.Event()), **kwargs,
    )  # fmt: skip


def stored(profile: Profile) -> dict[str, tuple[object, ...]]:
    return {s.item_id: (s.last_status, s.last_price, s.title, s.last_checked is not None)
            for s in Watchlist(profile.store).items()}  # fmt: skip


def alerts_of(profile: Profile) -> list[tuple[str, str, str]]:
    return sorted((a.item_id, str(a.kind), a.message) for a in Watchlist(profile.store).alerts())


def test_the_child_stores_what_a_round_on_the_thread_stores(start_sandbox, tmp_path):
    clock = FakeClock(time.time())
    gateway = start_sandbox(latency_ms=0, speed=SPEED, catalogue_clock=clock)
    config = config_for(gateway)
    gone = gone_id(gateway.state.catalogue)
    ids = [*gateway.state.catalogue.demo_ids(30), gone]
    child_side, thread_side = open_profile(tmp_path / "child"), open_profile(tmp_path / "thread")
    for profile in (child_side, thread_side):
        Watchlist(profile.store).add(ids)
    with make_http_client(timeout=10.0) as http:
        poller = thread_side.poller(config, thread_side.make_client(config, http))
        for _ in range(2):  # the baseline, then a round that raises alerts
            reported = Reported()
            before = {a.id for a in Watchlist(child_side.store).alerts()}
            counts = in_child(child_side, config, reported)  # the window keeps its profile open meanwhile
            report = poller.poll(Watchlist(thread_side.store).item_ids(), force=True)
            assert (counts.checked, counts.alerts, counts.locked_by) == (report.checked, len(report.alerts), None)
            # each row as stored, reported as the child stored it, with the alerts it raised
            assert {state.item_id: state for state, _ in reported.rows} == {
                s.item_id: s for s in Watchlist(child_side.store).items()
            }
            raised = {a.id for _, alerts in reported.rows for a in alerts}
            assert raised == {a.id for a in Watchlist(child_side.store).alerts()} - before
            assert len(raised) == counts.alerts
            clock.now += 20 * 600 / SPEED
    assert stored(child_side) == stored(thread_side)
    assert stored(child_side)[gone][0] == "gone"
    assert alerts_of(child_side) == alerts_of(thread_side)
    assert alerts_of(child_side)  # twenty epochs change almost every listing on sale
    child_side.close(backup=False)
    thread_side.close(backup=False)


def test_a_cancelled_round_stops_sending_and_leaves_the_rest_due(start_sandbox, tmp_path):
    gateway = start_sandbox(latency_ms=20)
    profile = open_profile(tmp_path / "p")
    ids = gateway.state.catalogue.demo_ids(200)  # ten seconds at the advanced tier's 20 calls/s
    Watchlist(profile.store).add(ids)
    cancel = threading.Event()
    reported = Reported()

    def row(state: WatchState, alerts: tuple[Alert, ...]) -> None:
        reported.row(state, alerts)
        if len(reported.rows) == 10:
            cancel.set()

    job = PollJob(profile.paths, config_for(gateway), None, True, None, None)
    started = time.monotonic()
    counts = poll_in_child(job, on_item=row, on_search=reported.event, on_compare=reported.event, cancel=cancel)
    assert time.monotonic() - started < 8
    assert 10 <= counts.checked < 100
    states = Watchlist(profile.store).items()
    assert sum(s.last_checked is not None for s in states) == counts.checked
    assert sum(s.last_checked is None for s in states) >= 100  # still due: the next round checks them
    profile.close(backup=False)


def test_the_secret_travels_only_on_the_childs_stdin(start_sandbox, tmp_path, monkeypatch):
    gateway = start_sandbox(latency_ms=0)
    profile = open_profile(tmp_path / "p")
    Watchlist(profile.store).add(gateway.state.catalogue.demo_ids(3))
    started: list[dict[str, Any]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        started.append({"args": args, "env": kwargs.get("env")})
        return real_popen(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)  # where core/background/child.py starts it
    assert in_child(profile, config_for(gateway), Reported()).checked == 3
    (child,) = started
    assert SANDBOX_SECRET not in " ".join(child["args"])
    assert child["env"] is None  # the window's own environment, nothing added
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "p" / "log").glob("*.log"))
    assert SANDBOX_SECRET not in logs
    profile.close(backup=False)


def fake_child(tmp_path: Path, body: str) -> list[str]:
    """A child that reads the job as the real one does, then does ``body``."""
    script = tmp_path / "child.py"
    script.write_text(
        "import pickle, sys\nout = sys.stdout.buffer\njob = pickle.load(sys.stdin.buffer)\n" + body, encoding="utf-8"
    )
    return [sys.executable, str(script)]


def test_a_child_that_dies_mid_round_is_a_plain_error(start_sandbox, tmp_path):
    gateway = start_sandbox(latency_ms=0)
    profile = open_profile(tmp_path / "p")
    command = fake_child(tmp_path, "pickle.dump(('ready',), out); out.flush(); sys.exit(3)\n")
    with pytest.raises(PollError) as raised:
        in_child(profile, config_for(gateway), Reported(), command=command)
    assert "退出码 3" in str(raised.value)
    assert "Traceback" not in str(raised.value)
    profile.close(backup=False)


def test_a_bug_in_the_child_is_logged_and_told_in_plain_words(start_sandbox, tmp_path, caplog):
    gateway = start_sandbox(latency_ms=0)
    profile = open_profile(tmp_path / "p")
    command = fake_child(
        tmp_path,
        "pickle.dump(('ready',), out)\npickle.dump(('failed', 'Traceback: KeyError(1)'), out)\nout.flush()\n",
    )
    with pytest.raises(PollError) as raised:
        in_child(profile, config_for(gateway), Reported(), command=command)
    assert str(raised.value) == "检查没有完成：检查进程出了意外的错误，详情已写入日志。"
    assert "KeyError(1)" in caplog.text
    profile.close(backup=False)


def test_a_child_that_cannot_start_or_ends_before_it_is_ready_leaves_the_round_to_the_caller(start_sandbox, tmp_path):
    gateway = start_sandbox(latency_ms=0)
    profile = open_profile(tmp_path / "p")
    Watchlist(profile.store).add(gateway.state.catalogue.demo_ids(3))
    for command in ([str(tmp_path / "no-such-program")], fake_child(tmp_path, "sys.exit(1)\n")):
        with pytest.raises(ChildUnavailable):
            in_child(profile, config_for(gateway), Reported(), command=command)
    assert all(s.last_checked is None for s in Watchlist(profile.store).items())  # nothing was done
    profile.close(backup=False)


def test_a_store_error_in_the_child_comes_back_in_plain_words(start_sandbox, tmp_path):
    gateway = start_sandbox(latency_ms=0)
    profile = open_profile(tmp_path / "p")
    paths = profile.paths
    profile.close(backup=False)
    (paths.data_dir / "store.sqlite3").write_bytes(b"not a database, written over by something else" * 100)
    job = PollJob(paths, config_for(gateway), None, True, None, None)
    reported = Reported()
    with pytest.raises(Exception) as raised:
        poll_in_child(job, on_item=reported.row, on_search=reported.event, on_compare=reported.event,
                      cancel=threading.Event())  # fmt: skip
    assert "Traceback" not in str(raised.value)
    assert str(raised.value)

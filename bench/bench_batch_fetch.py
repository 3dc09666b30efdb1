"""Batch lookup rate: our shared, rate-paced client vs the seed's sequential client, and two processes
sharing one pace.

Sandbox (its own process) at --latency-ms 100, advanced tier (20 requests/s), whose rolling-second
window counts arrivals as the real gateway does. A batch of 200 item ids, 3 runs of each client (median
and spread). The tier's rate is what the gateway sees: requests ÷ the time from the first request sent to
the last ("send rate"); the batch rate (requests ÷ the whole batch, the last answer's latency included)
is shown beside it. Target: a send rate of at least 98% of 20/s with zero frequency refusals, in every
run. The baseline is the seed document's own `xianyu_item_get`, called one id at a time (requests.post:
a new connection per request), in the same run. Then two processes fetch 100 ids each at once through
one SharedRateLimiter (one store): zero refusals, together at most 20/s. The load average is printed:
the figures are only as quiet as the machine.

Run: .venv/bin/python bench/bench_batch_fetch.py [runs]
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._sandbox import demo_ids, sandbox_process, stats  # noqa: E402
from xianyu_desktop.core.gateway.client import CallRecord, ItemClient  # noqa: E402
from xianyu_desktop.core.gateway.config import GatewayConfig  # noqa: E402
from xianyu_desktop.core.gateway.limits import RateLimiter, Tier  # noqa: E402
from xianyu_desktop.core.net.http import make_http_client  # noqa: E402
from xianyu_desktop.core.storage.ledger import SharedRateLimiter  # noqa: E402
from xianyu_desktop.core.storage.store import Store  # noqa: E402
from xianyu_desktop.sandbox.server import SANDBOX_SECRET  # noqa: E402

BATCH = 200
SHARED_EACH = 100
RUNS = 3
LATENCY_MS = 100
APP_KEY = "sandbox-advanced"
LIMIT = Tier.ADVANCED.spec.per_second


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float  # the whole batch
    sent: int  # admitted by the gateway
    refused: int  # refused for frequency by the gateway
    ok: int
    send_span: float  # first request sent to the last (seconds)
    held_back: int = 0
    margin: float = 0.0

    @property
    def send_rate(self) -> float:
        return (self.sent - 1) / self.send_span if self.send_span > 0 else 0.0

    @property
    def batch_rate(self) -> float:
        return self.sent / self.seconds


def load_seed_client():  # type: ignore[no-untyped-def]
    """The seed's module, imported from a scratch folder: at import it opens xianyu_item_get.log in the
    working folder, and its log lines go there rather than to this report."""
    cwd = os.getcwd()
    os.chdir(tempfile.mkdtemp(prefix="seed-bench-"))
    try:
        spec = importlib.util.spec_from_file_location("seed_reference", ROOT / "tests/seed/seed_reference.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        os.chdir(cwd)
    return module


def delta(before: dict, after: dict, key: str) -> int:  # type: ignore[type-arg]
    return int(after["counts"].get(key, 0)) - int(before["counts"].get(key, 0))


def fetch_ours(url: str, ids: list[str], limiter: RateLimiter | None = None) -> tuple[Run, list[float]]:
    """One batch through our client; also the wall-clock times its requests were sent."""
    sends: list[float] = []
    offset = time.time() - time.monotonic()

    def observe(record: CallRecord) -> None:
        sends.append(record.started + offset)

    before = stats(url)
    with make_http_client() as http:
        config = GatewayConfig(url, APP_KEY, SANDBOX_SECRET, Tier.ADVANCED)
        client = ItemClient(config, http, limiter=limiter, observer=observe)
        started = time.perf_counter()
        results = list(client.fetch_many(ids))
        seconds = time.perf_counter() - started
    after = stats(url)
    run = Run(
        seconds,
        delta(before, after, "admitted"),
        delta(before, after, "refused_frequency"),
        sum(r.item is not None for r in results),
        max(sends) - min(sends),
        client.limiter.held_back,
        client.limiter.margin,
    )
    return run, sends


def fetch_seed(url: str, ids: list[str], seed) -> tuple[Run, Counter[str]]:  # type: ignore[no-untyped-def]
    before = stats(url)
    sends: list[float] = []
    started = time.perf_counter()
    results = []
    for item_id in ids:
        sends.append(time.perf_counter())
        results.append(seed.xianyu_item_get(item_id))
    seconds = time.perf_counter() - started
    after = stats(url)
    ok = sum(bool(r["success"]) for r in results)
    sent, refused = delta(before, after, "admitted"), delta(before, after, "refused_frequency")
    errors = Counter(r["error_msg"].split(":")[0][:40] for r in results if not r["success"])
    return Run(seconds, sent, refused, ok, sends[-1] - sends[0]), errors


def shared_worker(url: str, store_dir: str, ids: list[str], start_at: float) -> None:
    """One of the two processes: waits for the common start, fetches through the store's pace, prints JSON."""
    store = Store(Path(store_dir)).open()
    limiter = SharedRateLimiter(store, APP_KEY, LIMIT)
    time.sleep(max(0.0, start_at - time.time()))
    run, sends = fetch_ours(url, ids, limiter)
    print(json.dumps({"ok": run.ok, "first": min(sends), "last": max(sends), "held_back": run.held_back}))


def two_processes(url: str, ids: list[str]) -> tuple[int, int, float, int, int]:
    """(admitted, refused, send rate of both together, items ok, calls held by the gate)."""
    with tempfile.TemporaryDirectory(prefix="bench-shared-") as store_dir:
        Store(Path(store_dir)).open()  # migrate once, before the two race for the file
        start_at = time.time() + 1.5
        halves = [ids[:SHARED_EACH], ids[SHARED_EACH : 2 * SHARED_EACH]]
        before = stats(url)
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--worker", url, store_dir, ",".join(half), str(start_at)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for half in halves
        ]
        outputs = [json.loads(proc.communicate(timeout=300)[0].strip().splitlines()[-1]) for proc in procs]
        after = stats(url)
    sent, refused = delta(before, after, "admitted"), delta(before, after, "refused_frequency")
    span = max(o["last"] for o in outputs) - min(o["first"] for o in outputs)
    ok = sum(int(o["ok"]) for o in outputs)
    return sent, refused, (sent - 1) / span, ok, sum(int(o["held_back"]) for o in outputs)


def pct(rate: float) -> str:
    return f"{100 * rate / LIMIT:.1f}%"


def spread(values: list[float]) -> str:
    return f"{100 * min(values) / LIMIT:.1f}–{100 * max(values) / LIMIT:.1f}%"


def main(runs: int) -> None:
    load_before = os.getloadavg()
    seed = load_seed_client()
    ours: list[Run] = []
    seeds: list[Run] = []
    seed_errors: Counter[str] = Counter()
    with sandbox_process("--latency-ms", str(LATENCY_MS)) as url:
        ids = demo_ids(url, BATCH)
        seed.CONFIG.update(app_key=APP_KEY, app_secret=SANDBOX_SECRET, api_url=url)
        for _ in range(runs):
            ours.append(fetch_ours(url, ids)[0])
            time.sleep(1.2)  # the gateway's window empties between the clients
            seed_run, errors = fetch_seed(url, ids, seed)
            seeds.append(seed_run)
            seed_errors += errors
            time.sleep(1.2)
        shared = two_processes(url, ids)
    load_after = os.getloadavg()

    median_ours = statistics.median(r.send_rate for r in ours)
    median_seed = statistics.median(r.send_rate for r in seeds)
    print(f"# Batch lookup: {BATCH} ids, sandbox latency {LATENCY_MS} ms, advanced tier ({LIMIT} req/s), {runs} runs")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print()
    print(
        f"| client | send rate, median (% of {LIMIT}/s) | spread | batch rate, median | batch time, median "
        "| frequency refusals | items ok | calls held by the gate | margin at the end |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    rows = (
        ("ours (shared client, adaptive pacing, 32 workers)", ours),
        ("seed (sequential, new connection each)", seeds),
    )
    for name, measured in rows:
        print(
            f"| {name} | {statistics.median(r.send_rate for r in measured):.2f}/s "
            f"({pct(statistics.median(r.send_rate for r in measured))}) "
            f"| {spread([r.send_rate for r in measured])} "
            f"| {pct(statistics.median(r.batch_rate for r in measured))} "
            f"| {statistics.median(r.seconds for r in measured):.2f} s "
            f"| {sum(r.refused for r in measured)} | {min(r.ok for r in measured)}/{BATCH} "
            f"| {sum(r.held_back for r in measured) if measured is ours else '–'} "
            f"| {f'{max(r.margin for r in measured):.1%}' if measured is ours else '–'} |"
        )
    print()
    print(
        f"spread: ours {spread([r.send_rate for r in ours])}, seed {spread([r.send_rate for r in seeds])} "
        f"(send rate, {runs} runs)"
    )
    print(
        f"speed-up: {statistics.median(r.seconds for r in seeds) / statistics.median(r.seconds for r in ours):.2f}x "
        "faster than the seed's approach (median batch time)"
    )
    if seed_errors:
        reasons = ", ".join(f"{n} x {msg}" for msg, n in seed_errors.most_common())
        print(f"seed failures (its own parsing; e.g. float('') on an empty original_price): {reasons}")
    sent, refused, rate, ok, held_back = shared
    print(
        f"two processes, one SharedRateLimiter: {sent} requests at {rate:.2f}/s together ({pct(rate)}), "
        f"{refused} frequency refusals, {ok}/{2 * SHARED_EACH} items ok, {held_back} calls held by the gate"
    )
    passed = all(r.send_rate >= 0.98 * LIMIT and r.refused == 0 for r in ours) and refused == 0 and rate <= LIMIT
    print(
        f"target (send rate >= 98% of {LIMIT}/s in every run, zero refusals; two processes: zero refusals, "
        f"<= {LIMIT}/s together): {'PASS' if passed else 'FAIL'} (median {pct(median_ours)}, seed {pct(median_seed)})"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        shared_worker(sys.argv[2], sys.argv[3], sys.argv[4].split(","), float(sys.argv[5]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)

"""Batch lookup throughput: our shared, rate-paced client vs the seed's sequential client.

Sandbox at --latency-ms 100, advanced tier (20 requests/s), a batch of 60 item ids. Target: at least
90% of 20 requests/s with zero frequency refusals counted by the sandbox. The baseline is the seed
document's own `xianyu_item_get`, called one id at a time (requests.post: a new connection per request).

Run: .venv/bin/python bench/bench_batch_fetch.py
"""

from __future__ import annotations

import importlib.util
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._sandbox import demo_ids, sandbox_process, stats  # noqa: E402
from xianyu_desktop.core.gateway.client import ItemClient  # noqa: E402
from xianyu_desktop.core.gateway.config import GatewayConfig  # noqa: E402
from xianyu_desktop.core.gateway.limits import Tier  # noqa: E402
from xianyu_desktop.core.net.http import make_http_client  # noqa: E402
from xianyu_desktop.sandbox.server import SANDBOX_SECRET  # noqa: E402

BATCH = 60
LATENCY_MS = 100
APP_KEY = "sandbox-advanced"


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


def main() -> None:
    limit = Tier.ADVANCED.spec.per_second
    with sandbox_process("--latency-ms", str(LATENCY_MS)) as url:
        ids = demo_ids(url, BATCH)

        before = stats(url)
        with make_http_client() as http:
            client = ItemClient(GatewayConfig(url, APP_KEY, SANDBOX_SECRET, Tier.ADVANCED), http)
            started = time.perf_counter()
            results = list(client.fetch_many(ids))
            ours_s = time.perf_counter() - started
        after = stats(url)
        ours_ok = sum(r.item is not None for r in results)
        ours_sent, ours_refused = delta(before, after, "admitted"), delta(before, after, "refused_frequency")
        time.sleep(1.2)

        seed = load_seed_client()
        seed.CONFIG.update(app_key=APP_KEY, app_secret=SANDBOX_SECRET, api_url=url)
        before = stats(url)
        started = time.perf_counter()
        seed_results = [seed.xianyu_item_get(item_id) for item_id in ids]
        seed_s = time.perf_counter() - started
        after = stats(url)
        seed_ok = sum(bool(r["success"]) for r in seed_results)
        seed_sent, seed_refused = delta(before, after, "admitted"), delta(before, after, "refused_frequency")

    ours_rate, seed_rate = ours_sent / ours_s, seed_sent / seed_s
    print(f"# Batch lookup: {BATCH} ids, sandbox latency {LATENCY_MS} ms, advanced tier ({limit} req/s)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print(f"| client | time | requests | rate | % of {limit}/s | frequency refusals | items ok |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| ours (shared client, paced, {client.default_workers} workers) | {ours_s:.2f} s | {ours_sent} | "
        f"{ours_rate:.1f}/s | {100 * ours_rate / limit:.0f}% | {ours_refused} | {ours_ok}/{BATCH} |"
    )
    print(
        f"| seed (sequential, new connection each) | {seed_s:.2f} s | {seed_sent} | "
        f"{seed_rate:.1f}/s | {100 * seed_rate / limit:.0f}% | {seed_refused} | {seed_ok}/{BATCH} |"
    )
    print()
    print(f"speed-up: {seed_s / ours_s:.2f}x faster than the seed's approach")
    seed_errors = Counter(r["error_msg"].split(":")[0][:40] for r in seed_results if not r["success"])
    if seed_errors:
        reasons = ", ".join(f"{n} x {msg}" for msg, n in seed_errors.most_common())
        print(f"seed failures (its own parsing; e.g. float('') on an empty original_price): {reasons}")
    verdict = "PASS" if ours_rate >= 0.9 * limit and ours_refused == 0 else "FAIL"
    print(f"target (>= 90% of {limit}/s, zero refusals): {verdict}")


if __name__ == "__main__":
    main()

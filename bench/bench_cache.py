"""Serving cached items: 1,000 cached ids answered through the lookup path (SQLite read, JSON decode,
normalisation). Target: well under 100 ms. Side by side: the same path for 100 ids that are not cached,
which go to the sandbox gateway (advanced tier, no added latency).

Run: .venv/bin/python bench/bench_cache.py
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.core.gateway.client import ItemClient  # noqa: E402
from xianyu_desktop.core.gateway.config import GatewayConfig  # noqa: E402
from xianyu_desktop.core.gateway.limits import Tier  # noqa: E402
from xianyu_desktop.core.lookup import ItemLookup  # noqa: E402
from xianyu_desktop.core.net.http import make_http_client  # noqa: E402
from xianyu_desktop.core.storage.cache import ItemCache  # noqa: E402
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway, SandboxOptions  # noqa: E402

CACHED = 1000
UNCACHED = 100


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, SandboxGateway(SandboxOptions(no_limits=True)) as gateway:
        cache = ItemCache(Path(folder)).open()
        catalogue = gateway.state.catalogue
        ids = catalogue.demo_ids(CACHED + UNCACHED)
        cached_ids, fresh_ids = ids[:CACHED], ids[CACHED:]
        for item_id in cached_ids:
            cache.put(item_id, catalogue.item(item_id, gateway.base_url), None)
        with make_http_client() as http:
            config = GatewayConfig(gateway.url, "sandbox-advanced", SANDBOX_SECRET, Tier.ADVANCED)
            lookup = ItemLookup(ItemClient(config, http), cache)
            runs = []
            for _ in range(7):
                started = time.perf_counter()
                results = list(lookup.lookup_many(cached_ids))
                runs.append(time.perf_counter() - started)
                assert len(results) == CACHED and all(r.from_cache for r in results)
            started = time.perf_counter()
            fetched = list(lookup.lookup_many(fresh_ids))
            gateway_s = time.perf_counter() - started
            assert not any(r.from_cache for r in fetched)
        cache.close()

    median = statistics.median(runs)
    print(f"# Cache: {CACHED} cached ids through ItemLookup (median of {len(runs)} runs)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| path | items | time | per item |")
    print("|---|---|---|---|")
    print(f"| cache (SQLite + JSON + normalise) | {CACHED} | {median * 1000:.1f} ms | {median / CACHED * 1e6:.0f} µs |")
    print(
        f"| gateway (sandbox, advanced tier 20/s) | {UNCACHED} | {gateway_s * 1000:.0f} ms "
        f"| {gateway_s / UNCACHED * 1e3:.1f} ms |"
    )
    print()
    print(f"fastest / slowest cache run: {min(runs) * 1000:.1f} / {max(runs) * 1000:.1f} ms")
    print(f"target (1,000 cached ids well under 100 ms): {'PASS' if median < 0.1 else 'FAIL'}")


if __name__ == "__main__":
    main()

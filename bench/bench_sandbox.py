"""The sandbox's own speed, which every test, demo and benchmark leans on: 10,000 fresh catalogue items
generated (each a first lookup, nothing memoised) and 20 item pictures of 320 px drawn uncached. Targets:
10,000 items well under 3 s (the gateway must never be the slow side of a client benchmark) and a picture
well under 50 ms.

Run: .venv/bin/python bench/bench_sandbox.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.sandbox import images  # noqa: E402
from xianyu_desktop.sandbox.catalogue import Catalogue  # noqa: E402

BASE = "http://127.0.0.1:8123"
ITEMS = 10_000
PICTURES = 20


def main() -> None:
    start = 1_764_000_000.0
    catalogue = Catalogue(0, start=start, clock=lambda: start, epoch_seconds=600.0)
    sample = [str(100_000_000_000 + (100_000 + i) * 7_919_113) for i in range(ITEMS)]
    t0 = time.perf_counter()
    for item_id in sample:
        catalogue.item(item_id, BASE)
    fresh = time.perf_counter() - t0
    t0 = time.perf_counter()
    for n in range(PICTURES):
        images.item_png.__wrapped__(f"speed-{n}", n, 320)
    picture = (time.perf_counter() - t0) / PICTURES
    print("| measure | figure | target |")
    print("|---|---|---|")
    print(f"| {ITEMS:,} fresh catalogue items | {fresh:.2f} s | < 3 s: {'PASS' if fresh < 3 else 'FAIL'} |")
    print(f"| one 320 px item picture | {picture * 1000:.1f} ms | < 50 ms: {'PASS' if picture < 0.05 else 'FAIL'} |")


if __name__ == "__main__":
    main()

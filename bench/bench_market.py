"""Comparing one item against 500 comparables (no network): the sandbox's own titles of iPhone 14 Pro
listings (every storage, with its accessory, wanted, broken, 1-yuan and absurd-price listings at the
sandbox's rates), each title read against the 241-model vocabulary, filtered with reasons, fenced and
summed up by ``core.market.comparison.compare``, the title cache emptied before each run. Target: well
under 100 ms. Side by side: the vocabulary's one-time load and compilation (once per process).

Run: .venv/bin/python bench/bench_market.py
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.core.market.comparison import compare  # noqa: E402
from xianyu_desktop.core.market.filtering import Candidate, Source  # noqa: E402
from xianyu_desktop.core.market.normalize import normalize_title  # noqa: E402
from xianyu_desktop.core.market.vocabulary import load_vocabulary  # noqa: E402
from xianyu_desktop.sandbox.catalogue_data import PRODUCTS  # noqa: E402
from xianyu_desktop.sandbox.listing_words import draw_params, draw_title  # noqa: E402
from xianyu_desktop.sandbox.noise import noisy_listing  # noqa: E402

COUNT = 500
RUNS = 20
NOISE_PER_MILLE = (("accessory", 60), ("wanted", 25), ("broken", 30), ("bait", 15), ("absurd", 10))


def market(seed: int) -> list[Candidate]:
    product = PRODUCTS[2]  # iPhone 14 Pro
    rng = random.Random(seed)
    out: list[Candidate] = []
    for n in range(COUNT):
        condition = rng.choice(("new", "like_new", "very_good", "good", "acceptable"))
        params = draw_params(product, condition, rng)
        title, cents = draw_title(product, params, condition, rng), rng.randint(390_000, 560_000)
        u = rng.randrange(1000)
        for kind, rate in NOISE_PER_MILLE:
            if u < rate:
                title, cents, noisy_condition = noisy_listing(kind, product, params, rng)
                condition = noisy_condition or condition
                break
            u -= rate
        status = "onsale" if rng.random() < 0.95 else "soldout"
        out.append(Candidate(f"{n:012d}", title, Decimal(cents) / 100, condition, f"s{rng.randrange(200)}",
                             f"nick{n}", status, Source.SEARCH))  # fmt: skip
    return out


def main() -> None:
    started = time.perf_counter()
    vocabulary = load_vocabulary()
    vocabulary.model_in("")  # the patterns are compiled once per process
    load_s = time.perf_counter() - started
    item = Candidate("item", "自用 iPhone 14 Pro 256G 国行 99新", Decimal("4999"), "like_new", "me", "me", "onsale")
    comparables = market(15)
    runs = []
    result = None
    for _ in range(RUNS):
        normalize_title.cache_clear()  # every run reads its 500 titles cold
        started = time.perf_counter()
        result = compare(item, comparables, vocabulary)
        runs.append(time.perf_counter() - started)
    assert result is not None
    median = statistics.median(runs)
    print(f"# Market comparison: one item against {COUNT} comparables (median of {RUNS} runs)")
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print()
    print("| step | time |")
    print("|---|---|")
    models = len(vocabulary.models)
    print(f"| load and compile the vocabulary ({models} models, once per process) | {load_s * 1000:.1f} ms |")
    print(f"| compare (extract {COUNT} templates, classify, filter, fence, statistics) | {median * 1000:.1f} ms |")
    print(f"| slowest of the {RUNS} runs | {max(runs) * 1000:.1f} ms |")
    print()
    reasons: dict[str, int] = {}
    for excluded in result.excluded:
        reasons[excluded.reason.value] = reasons.get(excluded.reason.value, 0) + 1
    print(f"kept {result.stats.count}, excluded {len(result.excluded)}: {reasons}; verdict {result.verdict.value}")
    print(f"target (under 100 ms): {'PASS' if median < 0.1 else 'FAIL'}")


if __name__ == "__main__":
    main()

"""Comparing one item against 500 comparables (no network): the sandbox's own titles of iPhone 14 Pro
listings (every storage, with its accessory, wanted, broken, 1-yuan and absurd-price listings at the
sandbox's rates), each title read against the 241-model vocabulary, filtered with reasons, fenced and
summed up by ``core.market.comparison.compare``, the title cache emptied before each run. Target: well
under 100 ms. Side by side: the vocabulary's one-time load and compilation (once per process).

Then the calls one comparison uses on each tier (``core.market.service``): the example item (iPhone 14
Pro 256G, ~220 search results) compared against a sandbox in its own process over loopback, with the
default budget (10) and a small one (4), cold (empty caches) and again at once (what the caches save);
the calls are the sandbox's own count, checked against the report's ``calls_used``, with the wall time.

Run: .venv/bin/python bench/bench_market.py
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._sandbox import sandbox_process, stats  # noqa: E402
from xianyu_desktop.core.gateway.client import ItemClient  # noqa: E402
from xianyu_desktop.core.gateway.config import GatewayConfig  # noqa: E402
from xianyu_desktop.core.gateway.limits import Tier  # noqa: E402
from xianyu_desktop.core.lookup import ItemLookup  # noqa: E402
from xianyu_desktop.core.market.comparison import compare  # noqa: E402
from xianyu_desktop.core.market.filtering import Candidate, Source  # noqa: E402
from xianyu_desktop.core.market.gather import counted_by_gateway  # noqa: E402
from xianyu_desktop.core.market.normalize import normalize_title  # noqa: E402
from xianyu_desktop.core.market.service import MarketService  # noqa: E402
from xianyu_desktop.core.market.vocabulary import load_vocabulary  # noqa: E402
from xianyu_desktop.core.net.http import make_http_client  # noqa: E402
from xianyu_desktop.core.search.searcher import Searcher  # noqa: E402
from xianyu_desktop.core.storage.cache import ItemCache  # noqa: E402
from xianyu_desktop.core.storage.search_cache import SearchPageCache  # noqa: E402
from xianyu_desktop.sandbox.catalogue_data import PRODUCTS  # noqa: E402
from xianyu_desktop.sandbox.catalogue_ids import EXAMPLE_ITEM_ID  # noqa: E402
from xianyu_desktop.sandbox.listing_words import draw_params, draw_title  # noqa: E402
from xianyu_desktop.sandbox.noise import noisy_listing  # noqa: E402
from xianyu_desktop.sandbox.server import SANDBOX_SECRET  # noqa: E402

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
    print()
    calls_per_tier()


def calls_per_tier() -> None:
    print("# Calls one comparison uses, per tier (the example item; sandbox process over loopback)")
    print()
    print("| tier | budget | run | calls (sandbox's count) | item / search / lookups | asks | sold | verdict | time |")
    print("|---|---|---|---|---|---|---|---|---|")
    vocabulary = load_vocabulary()
    with sandbox_process() as url, make_http_client(timeout=15.0) as http, tempfile.TemporaryDirectory() as tmp:
        for tier in Tier:
            for budget in (10, 4):
                cache = ItemCache(Path(tmp) / f"{tier.spec.name}-{budget}").open()
                try:
                    for row in _comparisons(url, http, tier, budget, cache, vocabulary):
                        print(row)
                finally:
                    cache.close()


def _comparisons(url: str, http: Any, tier: Tier, budget: int, cache: ItemCache, vocabulary: Any) -> list[str]:
    """A cold comparison and the same again at once: one table row each."""
    config = GatewayConfig(url, f"sandbox-{tier.spec.name}", SANDBOX_SECRET, tier)
    methods: list[str] = []  # of the requests the gateway counted (a rate refusal and its retry: one)
    client = ItemClient(config, http, observer=lambda r: counted_by_gateway(r) and methods.append(r.method))
    service = MarketService(ItemLookup(client, cache), Searcher(client, SearchPageCache(cache)), vocabulary, tier)
    rows = []
    for run in ("cold", "again"):
        methods.clear()
        before = _used(url, config.app_key)
        started = time.perf_counter()
        report = service.compare(EXAMPLE_ITEM_ID, max_calls=budget)
        seconds = time.perf_counter() - started
        counted = _used(url, config.app_key) - before
        assert counted == report.calls_used, (counted, report.calls_used)
        searches = methods.count("xianyu.item.search")
        item = 0 if report.item_from_cache else 1
        split = f"{item} / {searches} / {len(methods) - searches - item}"
        comparables = report.comparison.comparables
        sold = sum(1 for c in comparables if c.source is Source.TRADE_RECORD)
        rows.append(
            f"| {tier.spec.name} | {budget} | {run} | {counted} | {split} | {len(comparables) - sold} | {sold}"
            f" | {report.verdict.value} | {seconds:.1f} s |"
        )
    return rows


def _used(url: str, app_key: str) -> int:
    return int(stats(url)["apps"].get(app_key, {}).get("used_today", 0))


if __name__ == "__main__":
    main()

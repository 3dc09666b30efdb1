"""The catalogue's ids: which product an id is, whether it has data at the start, its first status, the
12-13 digit ids the catalogue makes up, and the demo's balanced list of ids. Pure functions of the seed."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from xianyu_desktop.sandbox.catalogue_data import EXAMPLE_PRODUCT, PRODUCTS
from xianyu_desktop.sandbox.listing_words import h64

EXAMPLE_ITEM_ID = "698765432109876543"
ONSALE, SOLDOUT, OFFLINE = "onsale", "soldout", "offline"
_NO_DATA_PER_10K = 600
_CUM_WEIGHTS = list(accumulate(p.weight for p in PRODUCTS))


def product_index(seed: int, item_id: str) -> int:
    if item_id == EXAMPLE_ITEM_ID:
        return EXAMPLE_PRODUCT
    return bisect_right(_CUM_WEIGHTS, h64(seed, item_id, "product") % _CUM_WEIGHTS[-1])


def no_data_at_start(seed: int, item_id: str) -> bool:
    return item_id != EXAMPLE_ITEM_ID and h64(seed, item_id, "nodata") % 10_000 < _NO_DATA_PER_10K


def status_at_start(seed: int, item_id: str) -> str:
    if item_id == EXAMPLE_ITEM_ID:
        return ONSALE
    u = h64(seed, item_id, "status") % 100
    return ONSALE if u < 80 else SOLDOUT if u < 92 else OFFLINE


def short_id(*parts: object) -> str:
    """A 12-13 digit id, the length real Xianyu ids have."""
    return str(10**11 + h64(*parts) % (9 * 10**12 - 10**11))


def demo_ids(seed: int, n: int = 40) -> list[str]:
    """The example id, then ids that exist at epoch 0, balanced over product kinds and statuses."""
    if n <= 0:
        return []
    kinds = sorted({p.kind for p in PRODUCTS})
    kind_cap = -(-n // len(kinds)) + 1
    status_cap = {ONSALE: -(-n * 7 // 10), SOLDOUT: -(-n * 15 // 100), OFFLINE: -(-n * 15 // 100)}
    out = [EXAMPLE_ITEM_ID]
    seen = set(out)
    kind_count = {PRODUCTS[EXAMPLE_PRODUCT].kind: 1}
    status_count = {ONSALE: 1}
    j = 0
    while len(out) < n:
        cand = short_id(seed, "demo", j)
        j += 1
        if cand in seen or no_data_at_start(seed, cand):
            continue
        kind = PRODUCTS[product_index(seed, cand)].kind
        status = status_at_start(seed, cand)
        strict = j < 50 * n
        if strict and (kind_count.get(kind, 0) >= kind_cap or status_count.get(status, 0) >= status_cap[status]):
            continue
        out.append(cand)
        seen.add(cand)
        kind_count[kind] = kind_count.get(kind, 0) + 1
        status_count[status] = status_count.get(status, 0) + 1
    return out

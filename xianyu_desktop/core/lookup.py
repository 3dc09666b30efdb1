"""Lookups that answer from the cache when it is fresh and go to the gateway otherwise."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator

from xianyu_desktop.core.errors import ErrorKind, GatewayFailure
from xianyu_desktop.core.gateway.batch_plan import BatchPlan, plan_batch
from xianyu_desktop.core.gateway.client import FetchResult, ItemClient
from xianyu_desktop.core.items.item import ItemDataError, dedup_ids, normalize_item
from xianyu_desktop.core.storage.cache import CacheHit, ItemCache


def result_from_cache(hit: CacheHit) -> FetchResult | None:
    """None when the cached raw item no longer normalises (then the gateway is asked)."""
    if hit.raw is None:
        failure = GatewayFailure(ErrorKind.NOT_FOUND, "网关没有返回该商品的数据（缓存）")
        return FetchResult(hit.item_id, failure=failure, from_cache=True, fetched_at=hit.fetched_at)
    try:
        item = normalize_item(hit.raw, hit.item_id)
    except ItemDataError:
        return None
    return FetchResult(hit.item_id, item=item, raw=hit.raw, from_cache=True, fetched_at=hit.fetched_at)


class ItemLookup:
    def __init__(
        self,
        client: ItemClient,
        cache: ItemCache | None = None,
        *,
        on_cache_hit: Callable[[str, str | None], None] | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self._on_cache_hit = on_cache_hit

    def plan(self, item_ids: Iterable[str], fields: str | None = None, *, force: bool = False) -> BatchPlan:
        """What lookup_many would spend: the ids a fresh cached answer covers cost no call."""
        ids = dedup_ids(list(item_ids))
        hits = {} if force or self.cache is None else self.cache.get_fresh(ids, fields)
        cached = sum(1 for hit in hits.values() if result_from_cache(hit) is not None)
        return plan_batch(len(ids), cached, self.client.quota.remaining, self.client.config.tier.spec)

    def lookup_many(
        self,
        item_ids: Iterable[str],
        fields: str | None = None,
        *,
        force: bool = False,
        cancel: threading.Event | None = None,
    ) -> Iterator[FetchResult]:
        """Cached answers first (at once), then the gateway's as they finish. ``force`` skips the cache."""
        ids = dedup_ids(list(item_ids))
        hits = {} if force or self.cache is None else self.cache.get_fresh(ids, fields)
        missing: list[str] = []
        for item_id in ids:
            hit = hits.get(item_id)
            cached = result_from_cache(hit) if hit is not None else None
            if cached is None:
                missing.append(item_id)
                continue
            if self._on_cache_hit is not None:
                self._on_cache_hit(item_id, fields)
            yield cached
        for result in self.client.fetch_many(missing, fields, cancel=cancel):
            self._remember(result, fields)
            yield result

    def _remember(self, result: FetchResult, fields: str | None) -> None:
        if self.cache is None:
            return
        if result.raw is not None:
            self.cache.put(result.item_id, result.raw, fields)
        elif result.failure is not None and result.failure.kind is ErrorKind.NOT_FOUND:
            self.cache.put(result.item_id, None, fields)

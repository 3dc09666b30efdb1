"""Search pages kept briefly in the disposable cache: a seller paging back and forth, or running the same
search twice in a couple of minutes, spends no call of the day's quota on it.

The key is the search's own parameters (``SearchQuery.private_params``: keyword, page, size, sort,
filters), never the signed form, so nothing secret is stored. Results shift as listings sell and move
in price, so a page is kept for ``SEARCH_PAGE_LIFETIME_S`` only, and old pages are pruned on write.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from xianyu_desktop.core.gateway.protocol import decode_json
from xianyu_desktop.core.storage.cache import ItemCache

SEARCH_PAGE_LIFETIME_S = 120.0


@dataclass(frozen=True, slots=True)
class CachedPage:
    fetched_at: float
    page: Any  # the page as ``SearchPage.to_cache`` wrote it, read again by ``page_from_cache``


def search_key(params: Mapping[str, str]) -> str:
    """One text for one search page: its params, sorted (the same search asked twice is one key)."""
    return json.dumps(dict(sorted(params.items())), ensure_ascii=False, separators=(",", ":"))


class SearchPageCache:
    def __init__(
        self,
        cache: ItemCache,
        *,
        lifetime: float = SEARCH_PAGE_LIFETIME_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._cache = cache
        self.lifetime = lifetime
        self._clock = clock

    def get(self, params: Mapping[str, str]) -> CachedPage | None:
        """The page of these params if it was fetched less than ``lifetime`` ago (and not in the future)."""
        row = (
            self._cache.db.connection()
            .execute("SELECT fetched_at, page FROM search_pages WHERE params = ?", (search_key(params),))
            .fetchone()
        )
        if row is None:
            return None
        fetched_at, text = row
        age = self._clock() - fetched_at
        if not 0 <= age <= self.lifetime:
            return None
        try:
            return CachedPage(fetched_at, decode_json(text.encode("utf-8")))
        except ValueError:
            return None

    def put(self, params: Mapping[str, str], page: Mapping[str, Any]) -> None:
        now = self._clock()
        text = json.dumps(page, ensure_ascii=False, default=str)
        with self._cache.db.write() as conn:
            conn.execute("DELETE FROM search_pages WHERE fetched_at < ?", (now - self.lifetime,))
            conn.execute(
                "INSERT INTO search_pages (params, fetched_at, page) VALUES (?, ?, ?)"
                " ON CONFLICT (params) DO UPDATE SET fetched_at = excluded.fetched_at, page = excluded.page",
                (search_key(params), now, text),
            )

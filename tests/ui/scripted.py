"""Watch history written through the core's own path (observe → Watchlist.record), for the GUI tests of
the chart and the alert list: scripted observations, exact times and prices."""

from __future__ import annotations

from decimal import Decimal

from xianyu_desktop.core.watch.rules import Observation, observe
from xianyu_desktop.core.watch.watchlist import Watchlist

ONE_HOUR = 3600.0


def record(watchlist: Watchlist, item_id: str, seen: list[tuple[float, str | None]], title: str = "") -> None:
    """Adds ``item_id`` and records each (time, price) as an on-sale observation (price None: sold)."""
    watchlist.add([item_id], now=seen[0][0] - 1)
    for at, price in seen:
        state = watchlist.get(item_id)
        assert state is not None
        status = "onsale" if price is not None else "soldout"
        observation = Observation(at, status, Decimal(price) if price is not None else None, title or None)
        watchlist.record(observe(state, observation), next_check=at + ONE_HOUR)

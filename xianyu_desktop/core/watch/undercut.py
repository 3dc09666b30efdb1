"""Which competitors undercut the seller's own listing (我的), from one comparison: pure, no I/O.

A competitor undercuts when it is one of the comparison's comparables (kept after filtering: never an
excluded listing such as an accessory, a 求购 post or an outlier), a listing on sale (a trade_record row is
a past sale, not a competitor), not my listing, not another of my listings, not another listing of my own
seller account, and priced below my price by at least the item's drop threshold
(``alerts.drop_pct(my price, its price) >= threshold``, the same measure the price-drop alert uses).

Each competitor alerts once per price: a price already alerted for it never alerts again, and only a price
under the lowest one alerted for it is news (a further drop alerts again; a rise, or a return to an old
price, does not). The first comparison after marking an item 我的 alerts every competitor already under
the line, once: that is the news the seller marked it for.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from xianyu_desktop.core.market.comparison import Comparison
from xianyu_desktop.core.market.filtering import Source
from xianyu_desktop.core.watch.alerts import drop_pct


@dataclass(frozen=True, slots=True)
class Undercut:
    competitor_id: str
    title: str
    price: Decimal


def find_undercuts(
    comparison: Comparison,
    *,
    my_id: str,
    my_seller: str | None,
    my_price: Decimal | None,
    threshold_pct: Decimal,
    my_ids: Collection[str],
    alerted: Mapping[str, Collection[Decimal]],
) -> list[Undercut]:
    """The competitors to alert now (module doc), in the comparison's order, one per competitor."""
    if my_price is None or my_price <= 0:
        return []
    found: list[Undercut] = []
    named: set[str] = set()
    for c in comparison.comparables:
        if c.source is Source.TRADE_RECORD or c.price is None or c.item_id in named:
            continue
        if c.item_id == my_id or c.item_id in my_ids or (my_seller is not None and c.seller_id == my_seller):
            continue
        if drop_pct(my_price, c.price) < threshold_pct:
            continue
        before = alerted.get(c.item_id)
        if before and c.price >= min(before):
            continue
        named.add(c.item_id)
        found.append(Undercut(c.item_id, c.title, c.price))
    return found

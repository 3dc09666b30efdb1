"""How often to check each watched item so the watchlist fits today's quota.

Each item is due by its status (the seed's cache lifetimes by default: on sale every 5 min, sold
hourly, offline and gone daily). When the calls that would take exceed what is left of today's quota
(less a reserve kept for the seller's own lookups), every interval stretches by the same factor:
polling slows evenly instead of stopping at noon, and the plan says by how much.

Saved searches (core/watch/saved_searches.py) run on the on-sale interval and cost their pages' calls a
round: those calls count in what the plan wants, and the same stretch slows them as it slows the items.
So do the market comparisons of my listings (我的, core/watch/mine.py): each on its own interval (every 6
hours by default), each costing its comparison's planned calls (the item itself comes free with the round).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from xianyu_desktop.core.items.status import ItemStatus, by_status
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP, fill


@dataclass(frozen=True, slots=True)
class PollIntervals:
    onsale: float = 5 * 60
    soldout: float = 60 * 60
    offline: float = 24 * 60 * 60
    gone: float = 24 * 60 * 60
    after_error: float = 5 * 60
    compare: float = 6 * 60 * 60  # a market comparison of each of my listings

    def base_for(self, status: str | None) -> float:
        """For a status code as stored; never checked or unknown: the on-sale interval."""
        known = ItemStatus.of(status)
        return by_status(known, onsale=self.onsale, soldout=self.soldout, offline=self.offline, gone=self.gone)


def lookup_reserve(daily_limit: int) -> int:
    """Calls kept back from polling for the seller's own lookups."""
    return max(5, daily_limit // 10)


@dataclass(frozen=True, slots=True)
class PollPlan:
    items: int
    stretch: float  # 1.0: as configured; 2.0: every item checked half as often; inf: paused until midnight
    calls_wanted: int
    calls_available: int
    intervals: PollIntervals
    searches: int = 0  # saved searches polled with the items
    search_pages: int = 0  # the calls one round of all of them is expected to take
    comparisons: int = 0  # my listings whose market is compared on the schedule
    comparison_calls: int = 0  # the calls one comparison of each of them is planned to take, in all

    @property
    def search_interval(self) -> float:
        """How often each saved search runs: the on-sale interval, stretched like the items'."""
        return self.interval_for(ItemStatus.ONSALE)

    @property
    def compare_interval(self) -> float:
        """How often each of my listings is compared: its own interval, stretched like the items'."""
        return math.inf if math.isinf(self.stretch) else self.intervals.compare * self.stretch

    def interval_for(self, status: str | None) -> float:
        base = self.intervals.base_for(status)
        return math.inf if math.isinf(self.stretch) else base * self.stretch

    @property
    def paused(self) -> bool:
        return math.isinf(self.stretch)

    def describe(self, translate: Callable[[str], str] = str) -> str:
        """In plain words; the window passes ``translate`` to have it in the interface language."""
        if self.items == 0 and self.searches == 0:
            return translate(QT_TRANSLATE_NOOP("core", "关注列表是空的"))
        mine = ""
        if self.comparisons and not self.paused:
            template = QT_TRANSLATE_NOOP("core", "；%1 个我的商品约每 %2比价一次（每轮共约 %3 次调用）")
            every_compare = _minutes(self.compare_interval, translate)
            mine = fill(translate(template), str(self.comparisons), every_compare, str(self.comparison_calls))
        count = str(self.items)
        searches = ""
        if self.searches:
            searches = translate(QT_TRANSLATE_NOOP("core", "，%1 个关键词监控（每轮 %2 次调用）"))
            searches = searches.replace("%1", str(self.searches)).replace("%2", str(self.search_pages))
        if self.paused:
            template = QT_TRANSLATE_NOOP(
                "core", "%1 个商品%2：今日额度只剩留给手动查询的部分，定时检查暂停，北京时间 0 点恢复"
            )
            return translate(template).replace("%1", count).replace("%2", searches) + mine
        every = _minutes(self.interval_for(ItemStatus.ONSALE), translate)
        template = QT_TRANSLATE_NOOP("core", "%1 个商品%3，在售商品和关键词约每 %2检查一次")
        if not self.searches:
            template = QT_TRANSLATE_NOOP("core", "%1 个商品，在售商品约每 %2检查一次")
        text = translate(template).replace("%1", count).replace("%3", searches).replace("%2", every) + mine
        if self.stretch > 1.0001:
            slowed = translate(QT_TRANSLATE_NOOP("core", "（为不超出今日额度，已从每 %1放慢 %2 倍）"))
            return text + slowed.replace("%1", _minutes(self.intervals.onsale, translate)).replace(
                "%2", f"{self.stretch:.1f}"
            )
        return text + translate(QT_TRANSLATE_NOOP("core", "，在今日额度之内"))


def _minutes(seconds: float, translate: Callable[[str], str]) -> str:
    if seconds >= 3600:
        return translate(QT_TRANSLATE_NOOP("core", "%1 小时")).replace("%1", f"{seconds / 3600:.1f}")
    return translate(QT_TRANSLATE_NOOP("core", "%1 分钟")).replace("%1", str(max(1, round(seconds / 60))))


def make_plan(
    status_counts: Mapping[str | None, int],
    *,
    remaining_today: int,
    daily_limit: int,
    seconds_to_reset: float,
    per_second: float,
    intervals: PollIntervals | None = None,
    searches: int = 0,
    search_pages: int = 0,
    comparisons: int = 0,
    comparison_calls: int = 0,
) -> PollPlan:
    """``searches`` saved searches whose rounds take ``search_pages`` calls in all, each on the on-sale
    interval; ``comparisons`` of my listings taking ``comparison_calls`` in all, each on the compare
    interval."""
    intervals = intervals or PollIntervals()
    items = sum(status_counts.values())
    horizon = max(60.0, seconds_to_reset)
    wanted = sum(count * horizon / intervals.base_for(status) for status, count in status_counts.items())
    wanted += search_pages * horizon / intervals.onsale
    wanted += comparison_calls * horizon / intervals.compare
    budget = remaining_today - lookup_reserve(daily_limit)
    # Half the tier's rate stays free for lookups as well.
    budget = min(budget, int(per_second * horizon / 2))
    if (items == 0 and searches == 0 and comparisons == 0) or wanted <= 0:
        stretch = 1.0
    elif budget <= 0:
        stretch = math.inf
    else:
        stretch = max(1.0, wanted / budget)
    return PollPlan(
        items, stretch, math.ceil(wanted), max(0, budget), intervals, searches, search_pages, comparisons,
        comparison_calls,
    )  # fmt: skip

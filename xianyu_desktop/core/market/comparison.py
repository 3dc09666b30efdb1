"""One item against its market: the filtered comparables, the statistics and the verdict, in the shape
the issue's ``compare --json`` prints (money as decimal strings). The caller adds ``item`` and
``calls_used``: gathering is not this module's."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from xianyu_desktop.core.items.money import format_money, money_text
from xianyu_desktop.core.market.filtering import (
    NO_OVERRIDES,
    Candidate,
    Excluded,
    Overrides,
    Source,
    filter_comparables,
)
from xianyu_desktop.core.market.stats import (
    MIN_COMPARABLES,
    MIN_SELLERS,
    MarketStats,
    market_stats,
    median_rank,
    percentile,
    suggested_prices,
    value_score,
)
from xianyu_desktop.core.market.template import Template
from xianyu_desktop.core.market.vocabulary import Vocabulary


class Verdict(enum.StrEnum):
    OK = "ok"
    THIN = "thin"  # 样本不足


@dataclass(frozen=True, slots=True)
class Suggested:
    quick_sale: Decimal
    patient: Decimal
    reasoning: str


@dataclass(frozen=True, slots=True)
class Comparison:
    template: Template
    comparables: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]
    stats: MarketStats
    percentile: float | None
    value_score: float | None
    suggested: Suggested | None
    verdict: Verdict

    def to_json_dict(self) -> dict[str, object]:
        suggested = (
            None
            if self.suggested is None
            else {"quick_sale": money_text(self.suggested.quick_sale), "patient": money_text(self.suggested.patient)}
        )
        return {
            "template": self.template.to_json_dict(),
            "comparables": [c.to_json_dict() for c in self.comparables],
            "excluded": [e.to_json_dict() for e in self.excluded],
            "stats": self.stats.to_json_dict(),
            "percentile": self.percentile,
            "value_score": self.value_score,
            "suggested": suggested,
            "verdict": self.verdict.value,
        }


def compare(
    item: Candidate, candidates: Iterable[Candidate], vocabulary: Vocabulary, overrides: Overrides = NO_OVERRIDES
) -> Comparison:
    filtered = filter_comparables(item, candidates, vocabulary, overrides)
    asks = [c for c in filtered.comparables if c.source is not Source.TRADE_RECORD and c.price is not None]
    sold = [c.price for c in filtered.comparables if c.source is Source.TRADE_RECORD and c.price is not None]
    prices = [c.price for c in asks if c.price is not None]
    sellers = len({c.seller for c in asks if c.seller})
    stats = market_stats(prices, sellers, sold)
    place = score = None
    if item.price is not None and stats.median:
        place = percentile(item.price, prices)
        score = value_score(item.price, item.condition, stats.median, median_rank([c.condition for c in asks]))
    pair = suggested_prices(stats)
    suggested = None if pair is None else Suggested(pair[0], pair[1], _reasoning(stats, *pair))
    verdict = Verdict.THIN if stats.thin else Verdict.OK
    kept, excluded = filtered.comparables, filtered.excluded
    return Comparison(filtered.template, kept, excluded, stats, place, score, suggested, verdict)


def _reasoning(stats: MarketStats, quick: Decimal, patient: Decimal) -> str:
    sold = f"，近期成交中位价 {format_money(stats.sold_median)}" if stats.sold_median is not None else ""
    return (
        f"同款在售 {stats.count} 件（{stats.sellers} 位卖家），中位价 {format_money(stats.median)}{sold}："
        f"标 {format_money(quick)} 比约四分之三的同款便宜，容易很快卖出；"
        f"标 {format_money(patient)} 在中位价与较高的四分之一之间，需要多等买家。"
    )


def thin_message(stats: MarketStats) -> str:
    """What to say when the evidence is thin (样本不足)."""
    return (
        f"样本不足：只找到 {stats.count} 件同款、{stats.sellers} 位卖家"
        f"（至少要 {MIN_COMPARABLES} 件、{MIN_SELLERS} 位卖家），不给建议价。"
    )

"""The numbers of a market: quartiles, Tukey fences, the item's percentile, the value score and the
prices suggested for a seller's own listing.

Money is Decimal throughout; results are rounded half-up to the cent (``CENT``). Quantiles interpolate
linearly between order statistics (Hyndman–Fan type 7, numpy's default, Excel's QUARTILE.INC): for n
sorted prices x₀…xₙ₋₁ the p-quantile is at h = (n − 1)·p, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).

Percentile of the item among the comparables: the share priced below it, ties counting half,
100 × (below + ½·equal) / n; 0 is the cheapest of all, 100 the dearest.

Value score (性价比得分), 0–100:
    each condition has a rank r (全新 5, 九成新 4, 八成新 3, 七成新 2, 六成新及以下 1, 配件机 0; unknown 2);
    fair = M × 1.07^(r_item − r_median), M the comparables' median price, r_median their median rank;
    q = price / fair;   score = 100 / (1 + q⁴), one decimal.
    At the fair price the score is 50; half the fair price scores 94, one and a half times it 16. A lower
    price always scores higher (q grows with price), a better condition at the same price always scores
    higher (fair grows with r), and the score never leaves 0–100. 7% a condition step is what a step is
    worth on the market (the sandbox's and Xianyu's spread of one 成色 step over a model's price range).

Suggested prices for a seller's own listing: the quick-sale price (快速出手价) is P25, the patient price
(耐心价) midway between the median and P75, each rounded down to a step sellers use (1 yuan below 100,
10 below 1,000, 50 below 10,000, 100 above) and kept within the comparables' lowest and highest price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MIN_COMPARABLES = 5
MIN_SELLERS = 3
CONDITION_RANK = {"new": 5, "like_new": 4, "very_good": 3, "good": 2, "acceptable": 1, "for_parts": 0}
UNKNOWN_CONDITION_RANK = 2
CONDITION_STEP = 1.07
SCORE_STEEPNESS = 4


def quantile(sorted_prices: Sequence[Decimal], p: Decimal) -> Decimal:
    """Type-7 quantile of prices already sorted ascending (not empty)."""
    h = (len(sorted_prices) - 1) * p
    low = int(h)
    if low + 1 >= len(sorted_prices):
        return sorted_prices[-1]
    return sorted_prices[low] + (h - low) * (sorted_prices[low + 1] - sorted_prices[low])


def tukey_fences(prices: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
    """(Q1 − 1.5·IQR, Q3 + 1.5·IQR), or None for fewer than 4 prices (too few to call one an outlier)."""
    if len(prices) < 4:
        return None
    ordered = sorted(prices)
    q1, q3 = quantile(ordered, Decimal("0.25")), quantile(ordered, Decimal("0.75"))
    iqr = q3 - q1
    return q1 - Decimal("1.5") * iqr, q3 + Decimal("1.5") * iqr


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class MarketStats:
    count: int
    sellers: int
    median: Decimal | None
    p25: Decimal | None
    p75: Decimal | None
    mean: Decimal | None
    min: Decimal | None
    max: Decimal | None
    sold_median: Decimal | None

    @property
    def thin(self) -> bool:
        """PROTOCOL.md's 样本不足: fewer than 5 comparables or fewer than 3 distinct sellers."""
        return self.count < MIN_COMPARABLES or self.sellers < MIN_SELLERS

    def to_json_dict(self) -> dict[str, object]:
        def text(v: Decimal | None) -> str | None:
            return None if v is None else str(money(v))

        return {
            "count": self.count,
            "sellers": self.sellers,
            "median": text(self.median),
            "p25": text(self.p25),
            "p75": text(self.p75),
            "mean": text(self.mean),
            "min": text(self.min),
            "max": text(self.max),
            "sold_median": text(self.sold_median),
        }


def market_stats(asks: Sequence[Decimal], sellers: int, sold: Sequence[Decimal]) -> MarketStats:
    ordered = sorted(asks)
    sold_median = money(quantile(sorted(sold), Decimal("0.5"))) if sold else None
    if not ordered:
        return MarketStats(0, sellers, None, None, None, None, None, None, sold_median)
    return MarketStats(
        count=len(ordered),
        sellers=sellers,
        median=money(quantile(ordered, Decimal("0.5"))),
        p25=money(quantile(ordered, Decimal("0.25"))),
        p75=money(quantile(ordered, Decimal("0.75"))),
        mean=money(sum(ordered, Decimal(0)) / len(ordered)),
        min=money(ordered[0]),
        max=money(ordered[-1]),
        sold_median=sold_median,
    )


def percentile(price: Decimal, prices: Sequence[Decimal]) -> float | None:
    """100 × (below + ½·equal) / n, one decimal; None with no comparables."""
    if not prices:
        return None
    below = sum(1 for p in prices if p < price)
    equal = sum(1 for p in prices if p == price)
    return round(100 * (below + equal / 2) / len(prices), 1)


def condition_rank(condition: str | None) -> int:
    return CONDITION_RANK.get(condition or "", UNKNOWN_CONDITION_RANK)


def value_score(price: Decimal, condition: str | None, median: Decimal, median_rank: float) -> float:
    """The module's formula; ``median`` > 0 is the comparables' median price."""
    fair = float(median) * CONDITION_STEP ** (condition_rank(condition) - median_rank)
    q = max(float(price), 0.0) / fair
    return round(100.0 / (1.0 + float(q**SCORE_STEEPNESS)), 1)


def median_rank(conditions: Sequence[str | None]) -> float:
    ranks = sorted(condition_rank(c) for c in conditions)
    mid = len(ranks) // 2
    return float(ranks[mid]) if len(ranks) % 2 else (ranks[mid - 1] + ranks[mid]) / 2


def price_step(price: Decimal) -> Decimal:
    for limit, step in ((100, 1), (1000, 10), (10_000, 50)):
        if price < limit:
            return Decimal(step)
    return Decimal(100)


def suggested_prices(stats: MarketStats) -> tuple[Decimal, Decimal] | None:
    """(quick sale, patient), or None when the evidence is thin."""
    if stats.thin or None in (stats.p25, stats.median, stats.p75, stats.min, stats.max):
        return None
    assert stats.p25 and stats.median and stats.p75 and stats.min and stats.max
    quick = _within(_round_down(stats.p25), stats.min, stats.max)
    patient = _within(_round_down((stats.median + stats.p75) / 2), stats.min, stats.max)
    return quick, max(quick, patient)


def _round_down(price: Decimal) -> Decimal:
    step = price_step(price)
    return money((price / step).to_integral_value(rounding=ROUND_FLOOR) * step)


def _within(price: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return min(max(price, low), high)

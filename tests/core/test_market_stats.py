"""Quartiles, Tukey fences, percentile, the value score's properties and the suggested prices."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from xianyu_desktop.core.market.stats import (
    CONDITION_RANK,
    MarketStats,
    market_stats,
    percentile,
    quantile,
    suggested_prices,
    tukey_fences,
    value_score,
)

D = Decimal


def test_tukey_fences_by_hand():
    # 10 20 … 80 200: Q1 at h = 8·¼ = 2 → 30, Q3 at h = 6 → 70, IQR 40: fences 30 − 60, 70 + 60
    prices = [D(p) for p in (10, 20, 30, 40, 50, 60, 70, 80, 200)]
    assert tukey_fences(prices) == (D(-30), D(130))
    # 1 2 3 4: Q1 at h = 0.75 → 1.75, Q3 at h = 2.25 → 3.25, IQR 1.5: fences −0.5 and 5.5 (interpolated)
    assert tukey_fences([D(4), D(1), D(3), D(2)]) == (D("-0.5"), D("5.5"))
    assert tukey_fences([D(1), D(2), D(1000)]) is None  # three prices: no fences


def test_quantile_is_type_7():
    ordered = [D(p) for p in (1, 2, 3, 4, 10)]
    assert [quantile(ordered, D(p)) for p in ("0", "0.25", "0.5", "0.9", "1")] == [D(1), D(2), D(3), D("7.6"), D(10)]


def test_percentile_counts_ties_half():
    prices = [D(p) for p in (100, 200, 200, 300)]
    assert [percentile(D(p), prices) for p in (50, 100, 200, 250, 300, 999)] == [0.0, 12.5, 50.0, 75.0, 87.5, 100.0]
    assert percentile(D(1), []) is None


def test_market_stats_round_to_the_cent():
    stats = market_stats([D("10"), D("10"), D("11")], 2, [])
    assert (stats.mean, stats.median, stats.p25, stats.p75, stats.sold_median) == (
        D("10.33"),
        D(10),
        D(10),
        D("10.5"),
        None,
    )
    assert stats.thin


def test_suggested_prices_sit_on_seller_steps_inside_the_market():
    stats = MarketStats(9, 5, D("4890"), D("4712.40"), D("5133"), D("4900"), D("4200"), D("5600"), None)
    assert suggested_prices(stats) == (D("4700.00"), D("5000.00"))  # 4712.40 ↓ 50s; (4890 + 5133)/2 ↓ 50s
    cheap = MarketStats(6, 3, D("58.5"), D("45.7"), D("66.2"), D("57"), D("45.5"), D("70"), None)
    assert suggested_prices(cheap) == (D("45.50"), D("62.00"))  # 45 would be under the lowest: 45.50
    assert suggested_prices(MarketStats(4, 4, D(1), D(1), D(1), D(1), D(1), D(1), None)) is None


prices = st.decimals(min_value=0, max_value=1_000_000, places=2)
medians = st.decimals(min_value="0.01", max_value=1_000_000, places=2)
conditions = st.sampled_from([*CONDITION_RANK, None, "unheard_of"])
ranks = st.floats(min_value=0, max_value=5)


@given(prices, prices, conditions, medians, ranks)
def test_value_score_is_in_range_and_falls_as_the_price_rises(a, b, condition, median, rank):
    low, high = min(a, b), max(a, b)
    score_low, score_high = value_score(low, condition, median, rank), value_score(high, condition, median, rank)
    assert 0 <= score_high <= score_low <= 100


@given(prices, conditions, conditions, medians, ranks)
def test_a_better_condition_at_the_same_price_never_scores_lower(price, a, b, median, rank):
    def order(c):
        return CONDITION_RANK.get(c or "", 2)

    worse, better = sorted((a, b), key=order)
    assert value_score(price, worse, median, rank) <= value_score(price, better, median, rank)


def test_value_score_landmarks():
    assert value_score(D(1000), "very_good", D(1000), 3) == 50.0
    assert value_score(D(500), "very_good", D(1000), 3) == 94.1
    assert value_score(D(1000), "new", D(1000), 3) > value_score(D(1000), "good", D(1000), 3)

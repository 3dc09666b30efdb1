"""The market columns of an export: the last comparison of a watched item (core/watch/mine.py's summary)
and the fields completed from the title (core/market/completion.py). An inferred category or original
price has its own column, headed （推断）: it never fills the gateway's 商品类目 or 原价 column, so a
reader always knows which values the gateway sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from xianyu_desktop.core.market.completion import Completion
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.mine import MarketSummary

VERDICT_LABELS = {"ok": "样本充足", "thin": "样本不足"}

# (key, header, kind, width); kinds as writer.Column's ("score": a plain number)
MARKET_COLUMN_SPECS: tuple[tuple[str, str, str, int], ...] = (
    ("category_inferred", QT_TRANSLATE_NOOP("core", "类目（推断）"), "text", 16),
    ("original_price_inferred", QT_TRANSLATE_NOOP("core", "原价（推断）"), "money", 12),
    ("market_median", QT_TRANSLATE_NOOP("core", "同款中位价"), "money", 12),
    ("market_p25", QT_TRANSLATE_NOOP("core", "同款P25"), "money", 12),
    ("market_p75", QT_TRANSLATE_NOOP("core", "同款P75"), "money", 12),
    ("market_percentile", QT_TRANSLATE_NOOP("core", "价格百分位"), "percent", 10),
    ("value_score", QT_TRANSLATE_NOOP("core", "性价比得分"), "score", 10),
    ("quick_sale", QT_TRANSLATE_NOOP("core", "快速出手价"), "money", 12),
    ("patient", QT_TRANSLATE_NOOP("core", "耐心价"), "money", 12),
    ("market_verdict", QT_TRANSLATE_NOOP("core", "行情结论"), "text", 10),
    ("compared_at", QT_TRANSLATE_NOOP("core", "比价时间"), "datetime", 17),
)
MARKET_KEYS = frozenset(spec[0] for spec in MARKET_COLUMN_SPECS)


def _local(at: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(at, dt.UTC).astimezone(BEIJING).replace(tzinfo=None, microsecond=0)


_SUMMARY_VALUES: dict[str, Callable[[MarketSummary], Any]] = {
    "market_median": lambda s: s.median,
    "market_p25": lambda s: s.p25,
    "market_p75": lambda s: s.p75,
    "market_percentile": lambda s: None if s.percentile is None else s.percentile / 100,
    "value_score": lambda s: s.value_score,
    "quick_sale": lambda s: s.quick_sale,
    "patient": lambda s: s.patient,
    "market_verdict": lambda s: VERDICT_LABELS.get(s.verdict, s.verdict),
    "compared_at": lambda s: _local(s.compared_at),
}


def market_value(key: str, summary: MarketSummary | None, completion: Completion | None) -> Any:
    """The typed value of a market column for a row (None: no comparison, or nothing inferred)."""
    if key == "category_inferred":
        return completion.category if completion is not None and completion.category_inferred else None
    if key == "original_price_inferred":
        if completion is None or not completion.original_price_inferred:
            return None
        return completion.original_price
    return None if summary is None else _SUMMARY_VALUES[key](summary)

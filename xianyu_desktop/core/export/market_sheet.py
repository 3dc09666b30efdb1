"""A comparison exported (the issue's 行情 sheet): every listing the comparison looked at, included or
not with its reason, and a 行情统计 sheet with the statistics, the value score, the suggested prices and
the fields completed from the title (each marked gateway or inferred). Cells as in every other sheet
(cells.py, streamed by xlsx_stream.py): prices are numbers in ¥ format, ids and strangers' titles are
string cells (never formulas), links are hyperlinks to the listings, and the table's header is frozen and
filtered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xianyu_desktop.core.export.files import ExportError, move_into_place, temp_beside
from xianyu_desktop.core.export.xlsx_stream import XlsxStream
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.items.links import canonical_item_url
from xianyu_desktop.core.items.status import UNKNOWN_LABEL
from xianyu_desktop.core.market.comparison import thin_message
from xianyu_desktop.core.market.filtering import Candidate, Reason
from xianyu_desktop.core.market.service import MarketReport
from xianyu_desktop.core.timeutil import BEIJING

MARKET_SHEET = "行情"
STATS_SHEET = "行情统计"
VERDICT_LABELS = {"ok": "样本充足", "thin": "样本不足"}
# (header, width) of the 行情 table
TABLE = (
    ("纳入", 7), ("排除原因", 16), ("来源", 10), ("商品ID", 20), ("商品标题", 44), ("价格", 12),
    ("商品成色", 10), ("卖家昵称", 16), ("链接", 40),
)  # fmt: skip
KINDS = ("text", "text", "text", "id", "text", "money", "text", "text", "link")


def write_market_export(target: Path, report: MarketReport, *, now: dt.datetime | None = None) -> Path:
    """The comparison as an .xlsx of its own (行情 and 行情统计 sheets), written atomically beside the
    target and renamed into place. Raises ExportError."""
    if target.suffix.lower() != ".xlsx":
        raise ExportError(f"行情只能导出为 .xlsx，收到：{target.name}")
    partial, mode = temp_beside(target)
    try:
        with XlsxStream(partial) as book:
            add_market_sheets(book, report, now or dt.datetime.now(BEIJING))
        move_into_place(partial, target, mode)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _row(candidate: Candidate, reason: Reason | None) -> list[Any]:
    condition = None if candidate.condition is None else CONDITION_LABELS.get(candidate.condition, UNKNOWN_LABEL)
    return [
        "是" if reason is None else "否",
        None if reason is None else reason.label,
        candidate.source.label,
        candidate.item_id,
        candidate.title,
        candidate.price,
        condition,
        candidate.seller_nick,
        canonical_item_url(candidate.item_id),
    ]


def add_market_sheets(book: XlsxStream, report: MarketReport, now: dt.datetime) -> None:
    """Adds the 行情 table and the 行情统计 sheet of ``report`` to a streamed workbook."""
    comparison = report.comparison
    rows = [(c, None) for c in comparison.comparables] + [(e.candidate, e.reason) for e in comparison.excluded]
    table = book.sheet(
        MARKET_SHEET, [header for header, _ in TABLE], KINDS, [width for _, width in TABLE], rows=len(rows)
    )
    for candidate, reason in rows:
        table.append(_row(candidate, reason))

    stats, item, completed = comparison.stats, report.item, report.completion
    suggested = comparison.suggested
    entries: list[tuple[str, Any, str]] = [
        ("商品ID", item.item_id, "text"),
        ("商品标题", item.title, "text"),
        ("我的价格", item.price, "money"),
        ("类目" + ("（推断）" if completed.category_inferred else ""), completed.category, "text"),
        ("原价" + ("（推断）" if completed.original_price_inferred else ""), completed.original_price, "money"),
        ("同款数", stats.count, "int"),
        ("卖家数", stats.sellers, "int"),
        ("中位价", stats.median, "money"),
        ("P25", stats.p25, "money"),
        ("P75", stats.p75, "money"),
        ("均价", stats.mean, "money"),
        ("最低价", stats.min, "money"),
        ("最高价", stats.max, "money"),
        ("成交中位价", stats.sold_median, "money"),
        ("价格百分位", None if comparison.percentile is None else comparison.percentile / 100, "percent"),
        ("性价比得分", comparison.value_score, "score"),
        ("快速出手价", suggested.quick_sale if suggested else None, "money"),
        ("耐心价", suggested.patient if suggested else None, "money"),
        ("结论", VERDICT_LABELS.get(comparison.verdict.value, comparison.verdict.value), "text"),
        ("说明", suggested.reasoning if suggested else thin_message(stats), "text"),
        ("本次调用", report.calls_used, "int"),
        ("比价时间", now.astimezone(BEIJING).replace(tzinfo=None, microsecond=0), "datetime"),
    ]
    sheet = book.sheet(STATS_SHEET, ["项目", "数值"], ["text", "text"], [16, 60], rows=len(entries), filtered=False)
    for label, value, kind in entries:
        sheet.append([label, value], kinds=("text", kind))

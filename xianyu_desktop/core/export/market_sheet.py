"""A comparison exported (the issue's 行情 sheet): every listing the comparison looked at, included or
not with its reason, and a 行情统计 sheet with the statistics, the value score, the suggested prices and
the fields completed from the title (each marked gateway or inferred). Cells as in every other sheet
(cells.py): prices are numbers in ¥ format, ids and strangers' titles are string cells (never formulas),
links are hyperlinks to the listings, and the table's header is frozen and filtered."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from xianyu_desktop.core.export.cells import header_row, link_cell, text_cell, typed_cell
from xianyu_desktop.core.export.files import ExportError, move_into_place, temp_beside
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


def write_market_export(target: Path, report: MarketReport, *, now: dt.datetime | None = None) -> Path:
    """The comparison as an .xlsx of its own (行情 and 行情统计 sheets), written atomically beside the
    target and renamed into place. Raises ExportError."""
    if target.suffix.lower() != ".xlsx":
        raise ExportError(f"行情只能导出为 .xlsx，收到：{target.name}")
    from openpyxl import Workbook

    partial, mode = temp_beside(target)
    workbook = Workbook(write_only=True)
    try:
        add_market_sheets(workbook, report, now or dt.datetime.now(BEIJING))
        workbook.save(partial)
        move_into_place(partial, target, mode)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for sheet in workbook.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()
    return target


def _row(sheet: Any, candidate: Candidate, reason: Reason | None) -> list[Any]:
    condition = None if candidate.condition is None else CONDITION_LABELS.get(candidate.condition, UNKNOWN_LABEL)
    return [
        text_cell(sheet, "是" if reason is None else "否"),
        None if reason is None else text_cell(sheet, reason.label),
        text_cell(sheet, candidate.source.label),
        text_cell(sheet, candidate.item_id),
        text_cell(sheet, candidate.title),
        typed_cell(sheet, candidate.price, "money"),
        None if condition is None else text_cell(sheet, condition),
        None if candidate.seller_nick is None else text_cell(sheet, candidate.seller_nick),
        link_cell(sheet, canonical_item_url(candidate.item_id)),
    ]


def add_market_sheets(workbook: Any, report: MarketReport, now: dt.datetime) -> None:
    """Adds the 行情 table and the 行情统计 sheet of ``report`` to a write-only workbook."""
    from openpyxl.utils import get_column_letter

    comparison = report.comparison
    rows = [(c, None) for c in comparison.comparables] + [(e.candidate, e.reason) for e in comparison.excluded]
    table = workbook.create_sheet(MARKET_SHEET)
    table.freeze_panes = "A2"
    table.auto_filter.ref = f"A1:{get_column_letter(len(TABLE))}{len(rows) + 1}"
    for index, (_, width) in enumerate(TABLE, 1):
        table.column_dimensions[get_column_letter(index)].width = width
    table.append(header_row(table, [header for header, _ in TABLE]))
    for candidate, reason in rows:
        table.append(_row(table, candidate, reason))

    stats, item, completed = comparison.stats, report.item, report.completion
    suggested = comparison.suggested
    sheet = workbook.create_sheet(STATS_SHEET)
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 60
    sheet.append(header_row(sheet, ["项目", "数值"]))
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
    for label, value, kind in entries:
        sheet.append([text_cell(sheet, label), typed_cell(sheet, value, kind)])

"""Excel (and CSV) that sellers can open, sort and trust.

Real types (prices are numbers with a ¥ format, times are Excel datetimes, percentages are percentages,
ids are text), the seed's Chinese column names, and nothing from a stranger ever becomes a formula.
The file is written beside its target and renamed into place, so a failure or a cancel never leaves
half a file under the seller's name; it is private while being written and gets the mode a plain new file
would have (the umask's) just before the rename.

CSV and 18-digit item ids: Excel reads a bare 745678901234567890 as a number and keeps 15 digits
(7.45679E+17, the id lost). The id column is written as a tab, then the digits. Excel (and LibreOffice)
take a cell that starts with a tab as text, so all 18 digits stay; CSV readers and our own importer see
the tab as the whitespace it is. Rejected: ``="7456…"`` (a formula in the file: other tools read the
formula text, and it makes formulas normal in our files), a leading apostrophe (Excel only hides it when
typed, a CSV shows it). Only the id column gets the tab, and only after checking it holds 10–19 digits,
so no stranger's text is ever prefixed; strangers' text that starts like a formula gets the apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from xianyu_desktop.core.export.cells import DATETIME_FORMAT as DATETIME_FORMAT
from xianyu_desktop.core.export.cells import MONEY_FORMAT as MONEY_FORMAT
from xianyu_desktop.core.export.cells import PERCENT_FORMAT as PERCENT_FORMAT
from xianyu_desktop.core.export.cells import clean_text
from xianyu_desktop.core.export.files import ExportError, move_into_place, temp_beside
from xianyu_desktop.core.export.market_columns import MARKET_COLUMN_SPECS, MARKET_KEYS, market_value
from xianyu_desktop.core.export.xlsx_stream import XlsxStream
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.items.links import canonical_item_url
from xianyu_desktop.core.items.money import money_text
from xianyu_desktop.core.items.status import status_label
from xianyu_desktop.core.market.completion import Completion
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.mine import MarketSummary
from xianyu_desktop.core.watch.rules import HistoryPoint, WatchState

# Characters that make a spreadsheet cell a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_ITEM_ID = re.compile(r"[0-9]{10,19}")


class ExportCancelled(Exception):
    pass


_ANY_ROW = ("category_inferred", "original_price_inferred")  # completion applies to any item, not only watched


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: str  # id, text, money, int, percent, datetime, link
    width: int
    watch_only: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("item_id", QT_TRANSLATE_NOOP("core", "商品ID"), "id", 20),
    Column("title", QT_TRANSLATE_NOOP("core", "商品标题"), "text", 44),
    Column("price", QT_TRANSLATE_NOOP("core", "商品标价(元)"), "money", 14),
    Column("original_price", QT_TRANSLATE_NOOP("core", "原价(元)"), "money", 12),
    Column("condition", QT_TRANSLATE_NOOP("core", "商品成色"), "text", 12),
    Column("category", QT_TRANSLATE_NOOP("core", "商品类目"), "text", 24),
    Column("status", QT_TRANSLATE_NOOP("core", "商品状态"), "text", 10),
    Column("sales", QT_TRANSLATE_NOOP("core", "已售数量"), "int", 9),
    Column("logistics", QT_TRANSLATE_NOOP("core", "物流方式"), "text", 12),
    Column("location", QT_TRANSLATE_NOOP("core", "商品所在地"), "text", 12),
    Column("valid_time", QT_TRANSLATE_NOOP("core", "上架时间"), "datetime", 17),
    Column("guarantee", QT_TRANSLATE_NOOP("core", "保障服务"), "text", 20),
    Column("seller_nick", QT_TRANSLATE_NOOP("core", "卖家昵称"), "text", 16),
    Column("seller_level", QT_TRANSLATE_NOOP("core", "卖家等级"), "text", 9),
    Column("seller_score", QT_TRANSLATE_NOOP("core", "卖家好评率"), "percent", 10),
    Column("fetched_at", QT_TRANSLATE_NOOP("core", "请求时间"), "datetime", 17),
    Column("link", QT_TRANSLATE_NOOP("core", "链接"), "link", 40),
    Column("first_price", QT_TRANSLATE_NOOP("core", "首次价格"), "money", 12, watch_only=True),
    Column("lowest_price", QT_TRANSLATE_NOOP("core", "最低价"), "money", 12, watch_only=True),
    Column("change", QT_TRANSLATE_NOOP("core", "涨跌幅"), "percent", 9, watch_only=True),
    Column("target_price", QT_TRANSLATE_NOOP("core", "目标价"), "money", 12, watch_only=True),
    Column("note", QT_TRANSLATE_NOOP("core", "备注"), "text", 24, watch_only=True),
    Column("last_checked", QT_TRANSLATE_NOOP("core", "最后检查"), "datetime", 17, watch_only=True),
    *(
        Column(key, header, kind, width, watch_only=key not in _ANY_ROW)
        for key, header, kind, width in MARKET_COLUMN_SPECS
    ),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


def columns_for(keys: Iterable[str] | None) -> list[Column]:
    """The chosen columns in the workbook's order; unknown keys are a plain error."""
    if keys is None:
        return list(COLUMNS)
    wanted = [k.strip() for k in keys if k.strip()]
    by_key = {c.key: c for c in COLUMNS} | {c.header: c for c in COLUMNS}
    unknown = [k for k in wanted if k not in by_key]
    if unknown:
        raise ExportError(f"不认识的列：{'、'.join(unknown)}（可选：{'、'.join(COLUMN_KEYS)}）")
    chosen = {by_key[k].key for k in wanted}
    return [c for c in COLUMNS if c.key in chosen]


@dataclass(frozen=True, slots=True)
class ExportRow:
    item_id: str
    item: Item | None = None
    fetched_at: float | None = None
    watch: WatchState | None = None
    market: MarketSummary | None = None  # the last comparison of a watched item
    completion: Completion | None = None  # category and original price, each the gateway's or inferred


@dataclass(frozen=True, slots=True)
class ExportMeta:
    source: str  # 关注列表 / 查询结果 / 所选商品
    gateway: str
    tier: str
    app_version: str


def _local(at: float | dt.datetime | None) -> dt.datetime | None:
    """Excel datetimes carry no zone: Beijing wall-clock time, which is what sellers read."""
    if at is None:
        return None
    moment = at if isinstance(at, dt.datetime) else dt.datetime.fromtimestamp(at, dt.UTC)
    return moment.astimezone(BEIJING).replace(tzinfo=None, microsecond=0)


def value_of(row: ExportRow, key: str) -> Any:
    """The typed value of one cell (str, Decimal, int, datetime or None)."""
    item, watch = row.item, row.watch
    if key in MARKET_KEYS:
        return market_value(key, row.market, row.completion)
    if key == "item_id":
        return row.item_id
    if key == "link":
        return canonical_item_url(row.item_id)
    if key == "fetched_at":
        return _local(row.fetched_at)
    if key == "title":
        return (item.title if item else None) or (watch.title if watch else None)
    if key == "price":
        return item.price if item and item.price is not None else (watch.last_price if watch else None)
    if key == "status":
        if item is not None and item.status_label:
            return item.status_label
        return status_label(watch.last_status) if watch and watch.last_status else None
    if key in ("first_price", "lowest_price", "target_price", "note", "last_checked", "change"):
        if watch is None:
            return None
        if key == "last_checked":
            return _local(watch.last_checked)
        if key == "change":
            return None if watch.change_pct is None else watch.change_pct / 100
        return getattr(watch, key)
    if item is None:
        return None
    if key == "condition":
        return item.condition_label
    if key == "valid_time":
        return _local(item.valid_time)
    if key == "guarantee":
        return "、".join(item.guarantee) or None
    if key == "seller_score":
        return None if item.seller_score is None else item.seller_score / 100
    return getattr(item, key)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    item_id: str
    title: str | None
    point: HistoryPoint


Progress = Callable[[int, int], None]


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled


def write_export(
    target: Path,
    rows: Sequence[ExportRow],
    columns: Sequence[Column],
    history: Sequence[HistoryRow],
    meta: ExportMeta,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    now: dt.datetime | None = None,
    on_partial: Callable[[Path], None] | None = None,
) -> Path:
    """Write .xlsx or .csv (by the target's suffix) atomically. Raises ExportError or ExportCancelled.
    ``on_partial`` hears of the temporary file first (a parent process removes it if this one dies)."""
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(f"只能导出为 .xlsx 或 .csv，收到：{target.name}")
    if not columns:
        raise ExportError("请至少选择一列")
    partial, mode = temp_beside(target)
    try:
        if on_partial is not None:
            on_partial(partial)
        if suffix == ".xlsx":
            _write_xlsx(partial, rows, columns, history, meta, progress, cancel, now or dt.datetime.now(BEIJING))
        else:
            _write_csv(partial, rows, columns, progress, cancel)
        _check(cancel)
        move_into_place(partial, target, mode)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _write_csv(
    path: Path,
    rows: Sequence[ExportRow],
    columns: Sequence[Column],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # the BOM makes Excel read UTF-8
        writer = csv.writer(handle)
        writer.writerow([c.header for c in columns])
        for n, row in enumerate(rows, 1):
            writer.writerow([_csv_cell(value_of(row, c.key), c.kind) for c in columns])
            if n % 500 == 0:
                _check(cancel)
                if progress:
                    progress(n, len(rows))
    if progress:
        progress(len(rows), len(rows))


def holds_history(target: Path) -> bool:
    """Only the workbook has the 价格历史 sheet: a CSV is the one table of items."""
    return target.suffix.lower() == ".xlsx"


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "id" and isinstance(value, str) and _ITEM_ID.fullmatch(value):
        return "\t" + value  # Excel keeps a cell that starts with a tab as text: all 18 digits (module doc)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Decimal):
        if kind == "percent":
            return f"{value * 100:.1f}%"
        return (money_text(value) or "") if kind == "money" else str(value)
    text = clean_text(str(value))
    if text.startswith(FORMULA_START):
        return "'" + text  # OWASP: a leading quote keeps a spreadsheet from reading a formula
    return text


def _write_xlsx(
    path: Path,
    rows: Sequence[ExportRow],
    columns: Sequence[Column],
    history: Sequence[HistoryRow],
    meta: ExportMeta,
    progress: Progress | None,
    cancel: threading.Event | None,
    now: dt.datetime,
) -> None:
    total = len(rows) + len(history)
    with XlsxStream(path) as book:
        items = book.sheet(
            "商品", [c.header for c in columns], [c.kind for c in columns], [c.width for c in columns], rows=len(rows)
        )
        keys = [c.key for c in columns]
        for n, row in enumerate(rows, 1):
            items.append([value_of(row, key) for key in keys])
            if n % 500 == 0:
                _check(cancel)
                if progress:
                    progress(n, total)

        prices = book.sheet(
            "价格历史",
            ["商品ID", "商品标题", "时间", "价格", "状态"],
            ["id", "text", "datetime", "money", "text"],
            [20, 44, 17, 14, 14],
            rows=len(history),
        )
        for n, entry in enumerate(history, len(rows) + 1):
            point = entry.point
            prices.append(
                [entry.item_id, entry.title or None, _local(point.at), point.price, status_label(point.status)]
            )
            if n % 2000 == 0:
                _check(cancel)
                if progress:
                    progress(n, total)

        entries: list[tuple[str, str | int]] = [
            ("导出时间", now.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S（北京时间）")),
            ("内容", meta.source),
            ("商品数量", len(rows)),
            ("价格变化记录", len(history)),
            ("网关", meta.gateway),
            ("权限等级", meta.tier),
            ("程序版本", f"闲鱼桌面助手 {meta.app_version}"),
        ]
        about = book.sheet("说明", [], ["text", "text"], [14, 60], rows=len(entries), frozen=False, filtered=False)
        for label, value in entries:
            about.append([label, value])
        _check(cancel)
    if progress:
        progress(total, total)

"""The previous .xlsx writer (openpyxl's write-only mode, typed cells), kept in the benchmark only so each
run measures it beside the streamed writer that replaced it: the "previous" baseline of bench_export.py.
Same sheets, cells and atomic write as it had; not used by the app."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xianyu_desktop.core.export.cells import DATETIME_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, clean_text
from xianyu_desktop.core.export.files import move_into_place, temp_beside
from xianyu_desktop.core.export.writer import Column, ExportMeta, ExportRow, HistoryRow, _local, value_of
from xianyu_desktop.core.items.status import status_label
from xianyu_desktop.core.timeutil import BEIJING

_FORMATS = {"money": MONEY_FORMAT, "percent": PERCENT_FORMAT, "datetime": DATETIME_FORMAT}


def _header(sheet: Any, headers: Sequence[str]) -> list[Any]:
    cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="E67E22")
        cell.alignment = Alignment(horizontal="center")
        cells.append(cell)
    return cells


def _text(sheet: Any, value: str) -> Any:
    cell = WriteOnlyCell(sheet, value=clean_text(value).replace("\r\n", "\n").replace("\r", "\n"))
    cell.data_type = "s"
    return cell


def _typed(sheet: Any, value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return _text(sheet, value)
    cell = WriteOnlyCell(sheet, value=value)
    if kind in _FORMATS:
        cell.number_format = _FORMATS[kind]
    return cell


def _link(sheet: Any, url: str) -> Any:
    cell = _text(sheet, url)
    cell.hyperlink = url
    cell.font = Font(color="0563C1", underline="single")
    return cell


def write_previous(
    target: Path, rows: Sequence[ExportRow], columns: Sequence[Column], history: Sequence[HistoryRow], meta: ExportMeta
) -> None:
    partial, mode = temp_beside(target)
    workbook = Workbook(write_only=True)
    try:
        items = workbook.create_sheet("商品")
        items.freeze_panes = "A2"
        items.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
        for index, column in enumerate(columns, 1):
            items.column_dimensions[get_column_letter(index)].width = column.width
        items.append(_header(items, [c.header for c in columns]))
        for row in rows:
            items.append(
                [
                    _link(items, value_of(row, c.key))
                    if c.kind == "link"
                    else _typed(items, value_of(row, c.key), c.kind)
                    for c in columns
                ]
            )
        prices = workbook.create_sheet("价格历史")
        prices.freeze_panes = "A2"
        prices.auto_filter.ref = f"A1:E{len(history) + 1}"
        for letter, width in zip("ABCDE", (20, 44, 17, 14, 14), strict=True):
            prices.column_dimensions[letter].width = width
        prices.append(_header(prices, ["商品ID", "商品标题", "时间", "价格", "状态"]))
        for entry in history:
            point = entry.point
            prices.append(
                [
                    _text(prices, entry.item_id),
                    _text(prices, entry.title) if entry.title else None,
                    _typed(prices, _local(point.at), "datetime"),
                    _typed(prices, point.price, "money"),
                    _text(prices, status_label(point.status)),
                ]
            )
        about = workbook.create_sheet("说明")
        now = dt.datetime.now(BEIJING).strftime("%Y-%m-%d %H:%M:%S（北京时间）")
        for label, value in (("导出时间", now), ("内容", meta.source), ("商品数量", len(rows))):
            about.append([_text(about, label), _text(about, value) if isinstance(value, str) else value])
        workbook.save(partial)
        move_into_place(partial, target, mode)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for sheet in workbook.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()

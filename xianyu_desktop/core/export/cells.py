"""The cells every sheet of an export is written with (openpyxl write-only cells): an orange bold header,
strangers' text always a string cell (never a formula), typed numbers with their format, links that are
hyperlinks. One place, so the 商品, 价格历史 and 行情 sheets look and behave alike."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

MONEY_FORMAT = '"¥"#,##0.00'
PERCENT_FORMAT = "0.0%"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Control characters the xlsx format cannot hold at all.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(value: str) -> str:
    return _ILLEGAL.sub("", value)


def header_row(sheet: Any, headers: Sequence[str]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="E67E22")
        cell.alignment = Alignment(horizontal="center")
        cells.append(cell)
    return cells


def text_cell(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    # XML turns CR LF and lone CR into LF when the file is read; write what will be read.
    cell = WriteOnlyCell(sheet, value=clean_text(value).replace("\r\n", "\n").replace("\r", "\n"))
    cell.data_type = "s"  # a string cell, even when it starts with "=": never a formula
    return cell


def typed_cell(sheet: Any, value: Any, kind: str) -> Any:
    """None, a string cell, or a number/date cell with the format of its kind (money, percent, datetime)."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, str):
        return text_cell(sheet, value)
    cell = WriteOnlyCell(sheet, value=value)
    if kind == "money":
        cell.number_format = MONEY_FORMAT
    elif kind == "percent":
        cell.number_format = PERCENT_FORMAT
    elif kind == "datetime":
        cell.number_format = DATETIME_FORMAT
    return cell


def link_cell(sheet: Any, url: str) -> Any:
    from openpyxl.styles import Font

    cell = text_cell(sheet, url)
    cell.hyperlink = url
    cell.font = Font(color="0563C1", underline="single")
    return cell

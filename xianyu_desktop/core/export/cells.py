"""The cells every sheet of an export is written with, as the XML the streamed writer (xlsx_stream.py) puts
in a sheet: an orange bold header, strangers' text always a string cell (an inline string, never a formula
and never a link, whatever it starts with), typed numbers and datetimes with their format, our own links
as hyperlinks. One place, so the 商品, 价格历史 and 行情 sheets look and behave alike."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any

MONEY_FORMAT = '"¥"#,##0.00'
PERCENT_FORMAT = "0.0%"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_CELL_CHARS = 32_767  # what one Excel cell holds; Excel reports a file with a longer one as damaged
TRUNCATED = "…［超出 Excel 一格 32,767 字的上限，已截断；CSV 导出保留全文］"
# Characters an .xlsx cannot hold at all: control characters, lone surrogates (valid in JSON, not in
# UTF-8) and the two XML non-characters.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 in the 1900 date system (its 1900 leap day included)

# Indexes of the cell formats (cellXfs) in STYLES_XML.
PLAIN, HEADER, MONEY, PERCENT, DATETIME, LINK = range(6)
_NUMBER_STYLE = {"money": MONEY, "percent": PERCENT, "datetime": DATETIME}


def clean_text(value: str) -> str:
    return _ILLEGAL.sub("", value)


def _newlines(text: str) -> str:
    # XML turns CR LF and lone CR into LF when the file is read; write what will be read.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _xml_text(value: str) -> str:
    text = _newlines(_ILLEGAL.sub("", value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(value: str) -> str:
    return _xml_text(value).replace('"', "&quot;")


def fit_cell(value: str) -> str:
    """``value`` as one Excel cell holds it: cut to MAX_CELL_CHARS of what will be written (cleaned, its line
    ends as a reader sees them), counted as Excel counts (UTF-16 units), never mid-character, and ending with
    TRUNCATED so the seller knows; the CSV export keeps the whole text."""
    if len(value) * 2 <= MAX_CELL_CHARS:  # the usual cell: fits whatever its characters are
        return value
    text = _newlines(clean_text(value))
    encoded = text.encode("utf-16-le")
    if len(encoded) // 2 <= MAX_CELL_CHARS:
        return text
    room = MAX_CELL_CHARS - len(TRUNCATED)
    return encoded[: room * 2].decode("utf-16-le", errors="ignore") + TRUNCATED


def text_cell(ref: str, value: str, style: int = PLAIN) -> str:
    """A string cell: an inline string (<is>), which no reader takes for a formula or a number; a text longer
    than a cell holds is cut (fit_cell)."""
    styled = f' s="{style}"' if style else ""
    text = _xml_text(fit_cell(value))
    if text[:1].isspace() or text[-1:].isspace():  # else a reader may trim the text
        return f'<c r="{ref}"{styled} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t>{text}</t></is></c>'


def excel_serial(moment: dt.datetime) -> float:
    """Days since Excel's epoch. Excel datetimes carry no zone: a zoned time is written as its wall clock."""
    delta = moment.replace(tzinfo=None) - _EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


def typed_cell(ref: str, value: Any, kind: str) -> str:
    """Nothing for None, a string cell for text (in any column), else a number, a boolean or a datetime
    with the format of its column's kind (money, percent, datetime)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return text_cell(ref, value)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        return f'<c r="{ref}" s="{DATETIME}"><v>{excel_serial(moment)!r}</v></c>'
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if not math.isfinite(number):  # Excel has no NaN or infinity: keep what it was, as text
            return text_cell(ref, str(value))
        style = _NUMBER_STYLE.get(kind, PLAIN)
        shown = str(value) if type(value) is int and abs(value) < 2**53 else repr(number)
        return f'<c r="{ref}" s="{style}"><v>{shown}</v></c>' if style else f'<c r="{ref}"><v>{shown}</v></c>'
    return text_cell(ref, str(value))


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_FONT = '<sz val="11"/>{}<name val="Calibri"/><family val="2"/><scheme val="minor"/>'
_WHITE, _BLUE = '<color rgb="FFFFFFFF"/>', '<color rgb="FF0563C1"/>'
_XF = '<xf numFmtId="{}" fontId="{}" fillId="{}" borderId="0" xfId="0"{}/>'
STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    f'<numFmts count="3"><numFmt numFmtId="164" formatCode="{xml_attribute(MONEY_FORMAT)}"/>'
    f'<numFmt numFmtId="165" formatCode="{PERCENT_FORMAT}"/><numFmt numFmtId="166" formatCode="{DATETIME_FORMAT}"/>'
    "</numFmts>"
    f'<fonts count="3"><font>{_FONT.format("")}</font><font><b/>{_FONT.format(_WHITE)}</font>'
    f"<font><u/>{_FONT.format(_BLUE)}</font></fonts>"
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE67E22"/><bgColor indexed="64"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    + _XF.format(0, 0, 0, "")
    + _XF.format(0, 1, 2, ' applyFont="1" applyFill="1" applyAlignment="1"').replace(
        "/>", '><alignment horizontal="center"/></xf>'
    )
    + _XF.format(164, 0, 0, ' applyNumberFormat="1"')
    + _XF.format(165, 0, 0, ' applyNumberFormat="1"')
    + _XF.format(166, 0, 0, ' applyNumberFormat="1"')
    + _XF.format(0, 2, 0, ' applyFont="1"')
    + "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

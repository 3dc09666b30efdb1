"""Reading a seller's existing list: .xlsx, .csv or plain text with item links or ids somewhere in it.

The files come out of Excel as often as not: UTF-8 with or without a BOM, GB18030 from Chinese
Windows, UTF-16 "Unicode text" (tab-separated), CR-only line ends from Excel for Mac, cells whose
text is 点我 and whose hyperlink is the item. Whatever the file, the seller learns why nothing was
read from it: it is empty, it is an old .xls workbook, it is not text at all.

The files are also often sent by strangers. So a file is read up to 50 MB, a workbook is checked as a
package before any of its XML is parsed (core/items/xlsx_guard.py) and its cells are read as a stream that
ignores the sizes the file declares (core/items/xlsx_cells.py); at most MAX_CELLS cells are read and MAX_IDS
ids taken from one file, and what was left out is said among the problems. Any failure to parse a
workbook is one plain sentence, never a traceback.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xianyu_desktop.core.errors import UserError, UserErrorKind
from xianyu_desktop.core.items.links import REASON_EXCEL_NUMBER, Extraction, LinkProblem, extract_item_ids
from xianyu_desktop.core.items.xlsx_cells import ReadBudget, shared_strings, worksheet_cells, worksheets
from xianyu_desktop.core.items.xlsx_guard import PackageRefused, check_package
from xianyu_desktop.core.items.xlsx_links import office_document, shared_strings_part, workbook_hyperlinks

__all__ = [
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_IDS",
    "REASON_EXCEL_NUMBER",
    "REASON_TOO_MANY_CELLS",
    "REASON_TOO_MANY_IDS",
    "ImportedList",
    "ListFileError",
    "decode_text",
    "read_csv_text",
    "read_list_file",
    "read_user_file",
    "read_xlsx",
]

_log = logging.getLogger(__name__)

# Bounds on one import, whatever the file says about itself. A seller's list is a few hundred items.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELLS = 1_000_000
MAX_ROWS = 1_048_576  # Excel's own limit: a sheet claiming more rows is not from Excel
MAX_IDS = 20_000
# A cell is two or three XML elements (cell, value, inline text): past this, a file is padding, not cells.
MAX_XML_ELEMENTS = 5_000_000
REASON_TOO_MANY_IDS = "too_many_ids"
REASON_TOO_MANY_CELLS = "too_many_cells"

# Excel keeps 15 significant digits: a longer id stored as a number has lost its last digits.
_EXACT_FLOAT_LIMIT = 2**53
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .doc, .ppt): Excel 97-2003
_ZIP_MAGIC = b"PK\x03\x04"
# Text has no NUL character; a file with one in its first 8 KB (after UTF-16 is decoded) is not text.
_SNIFF_CHARS = 8192
_CSV_SUFFIXES = (".csv", ".tsv")


@dataclass(frozen=True, slots=True)
class ImportedList(Extraction):
    """What an import takes; ids_left_out were found past MAX_IDS, cut_short says the file was read only
    up to MAX_CELLS cells (both are also among the problems, in words)."""

    ids_left_out: int = 0
    cut_short: bool = False


class ListFileError(UserError):
    """The file cannot be read: a plain sentence."""

    def __init__(self, message: str, remedy: str = "") -> None:
        super().__init__(message, remedy, kind=UserErrorKind.IMPORT)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); UTF-16 with a BOM (Excel's "Unicode text") or, told by its zero bytes,
    without one; Chinese Windows exports are often GB18030, so try that next."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if (utf16 := _utf16_without_bom(data)) is not None:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """ASCII in UTF-16 has a zero byte in every pair, always on the same side; in other text zero bytes
    are rare."""
    sample = data[: _SNIFF_CHARS - _SNIFF_CHARS % 2]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    zeros_first, zeros_second = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_second >= pairs * 0.3 and zeros_first <= pairs * 0.02:
        return "utf-16-le"
    if zeros_first >= pairs * 0.3 and zeros_second <= pairs * 0.02:
        return "utf-16-be"
    return None


def _cells_as_lines(cells: Iterator[str]) -> str:
    # Each cell on its own line: an id column reads as bare-id lines, a link cell as a link.
    return "\n".join(cell for cell in cells if cell)


def read_xlsx(path: Path, damaged: list[LinkProblem] | None = None) -> str:
    """Every cell's text, each cell's hyperlink after it. Ids that Excel turned into rounded numbers go to
    ``damaged``, never in as ids."""
    return _read_xlsx_bytes(read_user_file(path), path.name, damaged, _budget())


def _budget() -> ReadBudget:
    return ReadBudget(cells=MAX_CELLS, rows=MAX_ROWS, elements=MAX_XML_ELEMENTS)


def _read_xlsx_bytes(data: bytes, name: str, damaged: list[LinkProblem] | None, budget: ReadBudget) -> str:
    """Any failure to parse a stranger's workbook (zip, XML, DTD, a part missing, an exception deep in a
    parser) is the same plain sentence: the file cannot be read."""
    try:
        check_package(data)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            workbook_part = office_document(package)
            sheets = list(worksheets(package, workbook_part))
            hyperlinks = workbook_hyperlinks(package, sheets)
            strings = shared_strings(package, shared_strings_part(package, workbook_part), budget)
            return _cells_as_lines(_workbook_cells(package, sheets, strings, hyperlinks, damaged, budget))
    except PackageRefused as exc:
        raise ListFileError(f"无法读取 Excel 文件 {name}：{exc}；没有导入任何内容") from None
    except Exception as exc:  # a hostile file can make a parser raise anything
        _log.info("workbook %s not read: %s", name, type(exc).__name__)
        raise ListFileError(
            f"无法读取 Excel 文件 {name}：文件已损坏或不是 .xlsx 格式；请用 Excel 打开后另存为 .xlsx 或 CSV 再导入"
        ) from None


def _workbook_cells(
    package: zipfile.ZipFile,
    sheets: list[tuple[str, str]],
    strings: list[str],
    hyperlinks: dict[str, dict[tuple[int, int], str]],
    damaged: list[LinkProblem] | None,
    budget: ReadBudget,
) -> Iterator[str]:
    """Each cell's text in the sheets' order, its hyperlink after it; the sheet's recorded size is never
    used (a writer may record too small a size, a hostile file A1:XFD1048576)."""
    for _, part in sheets:
        links = hyperlinks.get(part, {})
        for row, column, cell in worksheet_cells(package, part, strings, budget):
            value: str | int | float | None = cell
            if isinstance(value, float) and value.is_integer():
                if abs(value) >= _EXACT_FLOAT_LIMIT:
                    if damaged is not None:
                        damaged.append(_damaged_number(value))
                    value = None
                else:
                    value = int(value)  # an id Excel stored as a number, still exact
            if value is not None:
                yield str(value)
            if links and (url := links.pop((row, column), None)) is not None:
                yield url
        if budget.cut_short:
            return
        # Links on cells with no value (an empty cell can hold a hyperlink).
        yield from (url for _, url in sorted(links.items()))


def _damaged_number(value: float) -> LinkProblem:
    return LinkProblem(
        text=f"{value:.15g}",
        reason=REASON_EXCEL_NUMBER,
        message="Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接",
    )


def read_csv_text(text: str, dialect: type[csv.Dialect] | None = None, budget: ReadBudget | None = None) -> str:
    """Every cell's text, up to the budget's cells. Line ends may be CR only (Excel for Mac); text that is
    not CSV after all (a quote never closed in a huge cell) is read as it stands. Without a dialect, it
    is guessed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if dialect is None:
        dialect = csv.excel
        with contextlib.suppress(csv.Error):  # one column, or nothing to sniff: plain comma-separated
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    budget = budget or _budget()
    cells: list[str] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if not budget.spend(cells=len(row), rows=1):
                break
            cells.extend(row)
    except csv.Error:
        return text
    return _cells_as_lines(iter(cells))


def read_user_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file the seller named, read only up to limit bytes, or ListFileError saying in plain words why it
    cannot be read. Its size is checked before it is read; a file that grows or lies about its size
    (a device, a pipe) is still read no further than limit."""
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data = b"" if size > limit else _read_at_most(stream, limit + 1, size)
    except FileNotFoundError:
        raise ListFileError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise ListFileError(f"这是一个文件夹，不是文件：{path}") from None
    except PermissionError:
        raise ListFileError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise ListFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if size > limit or len(data) > limit:
        shown = f"有 {size / (1024 * 1024):.0f} MB" if size > limit else "超过限度"
        raise ListFileError(
            f"文件过大：{path.name} {shown}，一次最多读取 {limit // (1024 * 1024)} MB；没有读取这个文件，"
            "请把它拆成几个小文件"
        )
    return data


def _read_at_most(stream: io.BufferedReader, limit: int, size: int) -> bytes:
    """Up to limit bytes; a buffer the size of the file, not of the limit (a device or pipe reports 0)."""
    if size > 0:
        return stream.read(min(size + 1, limit))
    chunks, held = [], 0
    while held < limit and (chunk := stream.read(min(1 << 20, limit - held))):
        chunks.append(chunk)
        held += len(chunk)
    return b"".join(chunks)


def read_list_file(path: Path) -> ImportedList:
    """The ids in a seller's list file, with what could not be read as problems: at most MAX_IDS ids,
    read from at most MAX_CELLS cells; what was left out is said among the problems.

    The kind of file is told by its first bytes before its name: a workbook renamed .csv is still read.
    """
    data = read_user_file(path)
    suffix = path.suffix.lower()
    if data.startswith(_OLE_MAGIC):
        raise ListFileError(
            f"{path.name} 是旧版 Excel 文件（.xls），无法直接读取：请用 Excel 打开它，"
            "“另存为” Excel 工作簿（.xlsx）或 CSV UTF-8（.csv），再导入新文件"
        )
    damaged: list[LinkProblem] = []
    budget = _budget()
    if data.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm"):
        text = _read_xlsx_bytes(data, path.name, damaged, budget)
        del data
        if not text.strip() and not damaged and not budget.cut_short:
            raise ListFileError(f"文件是空的：{path.name} 的工作表里没有任何内容")
    else:
        text = decode_text(data)
        del data
        if not text.strip():
            raise ListFileError(f"文件是空的：{path.name}")
        if "\x00" in text[:_SNIFF_CHARS]:
            raise ListFileError(
                f"{path.name} 不是文本、CSV 或 Excel（.xlsx）文件，读不出商品 ID；"
                "请导入 .xlsx、.csv 或 .txt 文件（在 Excel 里可“另存为”这些格式）"
            )
        if suffix in _CSV_SUFFIXES:
            text = read_csv_text(text, budget=budget)
        elif "\t" in text.partition("\n")[0]:
            # A table saved from Excel as text ("Unicode text" is tab-separated .txt): read by cell.
            text = read_csv_text(text, csv.excel_tab, budget)
    return _bounded(extract_item_ids(text), damaged, budget.cut_short)


def _bounded(extraction: Extraction, damaged: list[LinkProblem], cut_short: bool) -> ImportedList:
    """The first MAX_IDS ids; the rest counted and said, never silently dropped."""
    ids, problems, notes = extraction.ids, [*damaged, *extraction.problems], extraction.notes
    left_out = max(0, len(ids) - MAX_IDS)
    if left_out:
        ids = ids[:MAX_IDS]
        taken = set(ids)
        notes = [note for note in notes if note.text in taken]
        problems.append(
            LinkProblem(
                text=f"{left_out} 个商品 ID",
                reason=REASON_TOO_MANY_IDS,
                message=f"一次最多导入 {MAX_IDS} 个商品 ID：已取前 {MAX_IDS} 个，另有 {left_out} 个没有导入；"
                "请把文件拆开，分几次导入",
            )
        )
    if cut_short:
        problems.append(
            LinkProblem(
                text=f"{MAX_CELLS} 个单元格",
                reason=REASON_TOO_MANY_CELLS,
                message=f"文件太大：只读取了前 {MAX_CELLS} 个单元格，后面的内容没有读取；请把文件拆开，分几次导入",
            )
        )
    return ImportedList(ids, problems, extraction.short_links, notes, ids_left_out=left_out, cut_short=cut_short)

"""Reading a seller's existing list: .xlsx, .csv or plain text with item links or ids somewhere in it.

The files come out of Excel as often as not: UTF-8 with or without a BOM, GB18030 from Chinese
Windows, UTF-16 "Unicode text" (tab-separated), CR-only line ends from Excel for Mac, cells whose
text is 点我 and whose hyperlink is the item. Whatever the file, the seller learns why nothing was
read from it: it is empty, it is an old .xls workbook, it is not text at all.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import posixpath
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError, iterparse

from xianyu_desktop.core.links import REASON_EXCEL_NUMBER, Extraction, LinkProblem, extract_item_ids

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "REASON_EXCEL_NUMBER",
    "ListFileError",
    "decode_text",
    "read_csv_text",
    "read_list_file",
    "read_user_file",
    "read_xlsx",
]

# Excel keeps 15 significant digits: a longer id stored as a number has lost its last digits.
_EXACT_FLOAT_LIMIT = 2**53
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .doc, .ppt): Excel 97-2003
_ZIP_MAGIC = b"PK\x03\x04"
# Text has no NUL character; a file with one in its first 8 KB (after UTF-16 is decoded) is not text.
_SNIFF_CHARS = 8192
_CSV_SUFFIXES = (".csv", ".tsv")
# Bounds on reading hyperlinks: a seller's list has a few hundred.
_MAX_HYPERLINK_CELLS = 200_000

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HYPERLINK_TYPE = "/hyperlink"
_CELL_TAG = f"{_MAIN_NS}c"
_ROW_TAG = f"{_MAIN_NS}row"
_FORMULA_TAG = f"{_MAIN_NS}f"
_HYPERLINK_TAG = f"{_MAIN_NS}hyperlink"
_HYPERLINK_FORMULA = b"HYPERLINK("
# The first argument as a string literal (a cell reference instead is read with that cell).
_HYPERLINK_FORMULA_RE = re.compile(r'HYPERLINK\(\s*"((?:[^"]|"")*)"', re.IGNORECASE)
_OFFICE_DOCUMENT_TYPE = "/officeDocument"


class ListFileError(Exception):
    """The file cannot be read: a plain sentence."""


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


def _cells_as_lines(rows: list[list[str]]) -> str:
    # Each cell on its own line: an id column reads as bare-id lines, a link cell as a link.
    return "\n".join(cell for row in rows for cell in row if cell)


def read_xlsx(path: Path, damaged: list[LinkProblem] | None = None) -> str:
    """Every cell's text, each cell's hyperlink after it. Ids that Excel turned into rounded numbers go to
    ``damaged``, never in as ids."""
    return _read_xlsx_bytes(read_user_file(path), path.name, damaged)


def _read_xlsx_bytes(data: bytes, name: str, damaged: list[LinkProblem] | None) -> str:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    broken = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it drops (data validation, extensions): nothing an id is in.
            warnings.simplefilter("ignore")
            hyperlinks = _workbook_hyperlinks(data)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                lines = list(_workbook_lines(workbook, hyperlinks, damaged))
            finally:
                workbook.close()
    except (*broken, IndexError, AttributeError, ParseError, InvalidFileException):
        raise ListFileError(
            f"无法读取 Excel 文件 {name}：文件已损坏或不是 .xlsx 格式；请用 Excel 打开后另存为 .xlsx 或 CSV 再导入"
        ) from None
    return _cells_as_lines(lines)


def _workbook_lines(
    workbook: Workbook, hyperlinks: dict[str, dict[tuple[int, int], str]], damaged: list[LinkProblem] | None
) -> Iterator[list[str]]:
    for sheet in workbook.worksheets:
        # A writer may record too small a sheet size; openpyxl would stop reading there.
        sheet.reset_dimensions()
        links = hyperlinks.get(sheet.title, {})
        for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = []
            for column, value in enumerate(row, start=1):
                if value is not None:
                    if isinstance(value, float) and value.is_integer():
                        if abs(value) >= _EXACT_FLOAT_LIMIT:
                            if damaged is not None:
                                damaged.append(_damaged_number(value))
                            value = None
                        else:
                            value = int(value)  # an id Excel stored as a number, still exact
                    if value is not None:
                        cells.append(str(value))
                if links and (url := links.pop((row_number, column), None)) is not None:
                    cells.append(url)
            yield cells
        # Links on cells past the last value (an empty cell can hold a hyperlink).
        yield [url for _, url in sorted(links.items())]


def _workbook_hyperlinks(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Each sheet's hyperlinks to web pages by (row, column), by sheet name. openpyxl's read-only mode
    does not read them, so they come from the package: a sheet's relationships hold its links' URLs,
    and a =HYPERLINK("https://…", "点我") formula holds its URL in its text (the value openpyxl gives is
    点我). Only a sheet that has either is read a second time, for the cells they are on."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        workbook_part = _office_document(package, names)
        sheet_targets = _relationship_targets(package, names, workbook_part, "/worksheet")
        budget = _MAX_HYPERLINK_CELLS
        for sheet_name, part in _sheet_parts(package, workbook_part, sheet_targets):
            if part not in names:
                continue
            urls = _relationship_targets(package, names, part, _HYPERLINK_TYPE)
            formulas = _part_contains(package, part, _HYPERLINK_FORMULA)
            if not urls and not formulas:
                continue
            cells: dict[tuple[int, int], str] = {}
            with package.open(part) as stream:
                for _, element in iterparse(stream, events=("end",)):
                    if element.tag == _CELL_TAG and formulas and budget > 0:
                        formula = element.findtext(_FORMULA_TAG) or ""
                        if (m := _HYPERLINK_FORMULA_RE.search(formula)) is not None and element.get("r"):
                            budget -= _link_cells(cells, element.get("r", ""), m.group(1).replace('""', '"'), budget)
                    elif element.tag == _HYPERLINK_TAG and urls:
                        url = urls.get(element.get(f"{_DOC_REL_NS}id", ""))
                        ref = element.get("ref", "")
                        if url and ref:
                            budget -= _link_cells(cells, ref, url, budget)
                    elif element.tag == _ROW_TAG:
                        element.clear()
            found[sheet_name] = cells
    return found


def _part_contains(package: zipfile.ZipFile, part: str, needle: bytes) -> bool:
    """Whether a part's bytes hold needle, read in chunks: a big sheet is never held whole."""
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(1 << 20):
            if needle in tail + chunk[: len(needle)] or needle in chunk:
                return True
            tail = chunk[-(len(needle) - 1) :]
    return False


def _link_cells(cells: dict[tuple[int, int], str], ref: str, url: str, budget: int) -> int:
    """Puts the link on each cell of ref ("B2" or "B2:C9"), or only the first past the budget; how many."""
    from openpyxl.utils.cell import range_boundaries

    try:
        first_column, first_row, last_column, last_row = range_boundaries(ref.split()[0])
    except (ValueError, IndexError):
        return 0
    if first_column is None or first_row is None:
        return 0
    last_column, last_row = last_column or first_column, last_row or first_row
    if (last_row - first_row + 1) * (last_column - first_column + 1) > budget:
        last_column, last_row = first_column, first_row
    count = 0
    for row in range(first_row, last_row + 1):
        for column in range(first_column, last_column + 1):
            cells.setdefault((row, column), url)
            count += 1
    return count


def _office_document(package: zipfile.ZipFile, names: set[str]) -> str:
    for target in _relationship_targets(package, names, "", _OFFICE_DOCUMENT_TYPE).values():
        return target
    return "xl/workbook.xml"


def _relationship_targets(package: zipfile.ZipFile, names: set[str], part: str, kind: str) -> dict[str, str]:
    """The targets of a part's relationships of one kind, by id: package paths, or URLs when external."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels not in names:
        return {}
    targets: dict[str, str] = {}
    with package.open(rels) as stream:
        for _, element in iterparse(stream, events=("end",)):
            if element.tag == f"{_PKG_REL_NS}Relationship" and element.get("Type", "").endswith(kind):
                target = element.get("Target", "")
                if element.get("TargetMode") != "External":
                    target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                    target = posixpath.normpath(target)
                targets[element.get("Id", "")] = target
    return targets


def _sheet_parts(package: zipfile.ZipFile, workbook_part: str, targets: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(sheet name, package path) of each worksheet, from the workbook's list of sheets."""
    with package.open(workbook_part) as stream:
        for _, element in iterparse(stream, events=("end",)):
            if element.tag == f"{_MAIN_NS}sheet" and (part := targets.get(element.get(f"{_DOC_REL_NS}id", ""))):
                yield element.get("name", ""), part


def _damaged_number(value: float) -> LinkProblem:
    return LinkProblem(
        text=f"{value:.15g}",
        reason=REASON_EXCEL_NUMBER,
        message="Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接",
    )


def read_csv_text(text: str, dialect: type[csv.Dialect] | None = None) -> str:
    """Every cell's text. Line ends may be CR only (Excel for Mac); text that is not CSV after all (a quote
    never closed in a huge cell) is read as it stands. Without a dialect, it is guessed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if dialect is None:
        dialect = csv.excel
        with contextlib.suppress(csv.Error):  # one column, or nothing to sniff: plain comma-separated
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    try:
        return _cells_as_lines([list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)])
    except csv.Error:
        return text


def read_user_file(path: Path) -> bytes:
    """A file the seller named, or ListFileError saying in plain words why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ListFileError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise ListFileError(f"这是一个文件夹，不是文件：{path}") from None
    except PermissionError:
        raise ListFileError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise ListFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from None


def read_list_file(path: Path) -> Extraction:
    """The ids in a seller's list file, with what could not be read as problems.

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
    if data.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm"):
        text = _read_xlsx_bytes(data, path.name, damaged)
        if not text.strip() and not damaged:
            raise ListFileError(f"文件是空的：{path.name} 的工作表里没有任何内容")
    else:
        text = decode_text(data)
        if not text.strip():
            raise ListFileError(f"文件是空的：{path.name}")
        if "\x00" in text[:_SNIFF_CHARS]:
            raise ListFileError(
                f"{path.name} 不是文本、CSV 或 Excel（.xlsx）文件，读不出商品 ID；"
                "请导入 .xlsx、.csv 或 .txt 文件（在 Excel 里可“另存为”这些格式）"
            )
        if suffix in _CSV_SUFFIXES:
            text = read_csv_text(text)
        elif "\t" in text.partition("\n")[0]:
            # A table saved from Excel as text ("Unicode text" is tab-separated .txt): read by cell.
            text = read_csv_text(text, csv.excel_tab)
    extraction = extract_item_ids(text)
    if not damaged:
        return extraction
    return Extraction(extraction.ids, [*damaged, *extraction.problems], extraction.short_links, extraction.notes)

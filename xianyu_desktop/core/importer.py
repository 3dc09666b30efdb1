"""Reading a seller's existing list: .xlsx, .csv or plain text with item links or ids somewhere in it."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from pathlib import Path

from xianyu_desktop.core.links import Extraction, LinkProblem, extract_item_ids

REASON_EXCEL_NUMBER = "excel_number"
# Excel keeps 15 significant digits: a longer id stored as a number has lost its last digits.
_EXACT_FLOAT_LIMIT = 2**53


class ListFileError(Exception):
    """The file cannot be read: a plain sentence."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); Chinese Windows exports are often GB18030, so try that next."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _cells_as_lines(rows: list[list[str]]) -> str:
    # Each cell on its own line: an id column reads as bare-id lines, a link cell as a link.
    return "\n".join(cell for row in rows for cell in row if cell)


def read_xlsx(path: Path, damaged: list[LinkProblem] | None = None) -> str:
    """Every cell's text. Ids that Excel turned into rounded numbers go to ``damaged``, never in as ids."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:  # OSError: the caller says which
        raise ListFileError(f"无法读取 Excel 文件 {path.name}：{exc}") from None
    try:
        lines: list[list[str]] = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = []
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, float) and value.is_integer():
                        if abs(value) >= _EXACT_FLOAT_LIMIT:
                            if damaged is not None:
                                damaged.append(_damaged_number(value))
                            continue
                        value = int(value)  # an id Excel stored as a number, still exact
                    cells.append(str(value))
                lines.append(cells)
        return _cells_as_lines(lines)
    finally:
        workbook.close()


def _damaged_number(value: float) -> LinkProblem:
    return LinkProblem(
        text=f"{value:.15g}",
        reason=REASON_EXCEL_NUMBER,
        message="Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接",
    )


def read_csv_text(text: str) -> str:
    dialect: type[csv.Dialect] = csv.excel
    with contextlib.suppress(csv.Error):  # one column, or nothing to sniff: plain comma-separated
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return _cells_as_lines([list(row) for row in csv.reader(io.StringIO(text), dialect)])


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
    """The ids in a seller's list file, with what could not be read as problems."""
    damaged: list[LinkProblem] = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        read_user_file(path)  # the same plain words for a missing or unreadable workbook
        try:
            text = read_xlsx(path, damaged)
        except OSError as exc:
            raise ListFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    else:
        text = decode_text(read_user_file(path))
        if path.suffix.lower() == ".csv":
            text = read_csv_text(text)
    extraction = extract_item_ids(text)
    if not damaged:
        return extraction
    return Extraction(extraction.ids, [*damaged, *extraction.problems], extraction.short_links)

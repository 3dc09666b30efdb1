"""The cells of an .xlsx, read from the package as a stream with every bound counted as it goes.

openpyxl's read-only reader is not used for this: it pads each row to the sheet's declared size (a 1.8 KB
sheet declaring A1:XFD1048576 spins for minutes), parses a sheet without a recorded size twice, yields
every missing row between two far-apart ones, and builds a whole row before handing it over (one row of
forty million cells fills memory). Here each cell is read, counted and dropped; elements are dropped
from their parents as soon as they end, so memory holds one cell at a time; and the budget (cells, rows,
XML elements) stops the read wherever the file's own numbers point. The package has passed
``xlsx_guard.check_package``; its XML is read through defusedxml.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element

from xianyu_desktop.core.items.xlsx_guard import PackageRefused, relationship_targets, safe_iterparse

__all__ = ["Cell", "ReadBudget", "completed", "shared_strings", "worksheet_cells", "worksheets"]

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL, _ROW, _VALUE = f"{_MAIN_NS}c", f"{_MAIN_NS}row", f"{_MAIN_NS}v"
_INLINE, _TEXT, _RUN = f"{_MAIN_NS}is", f"{_MAIN_NS}t", f"{_MAIN_NS}r"
_SHARED_ITEM = f"{_MAIN_NS}si"
# A cell is a handful of elements (value, formula, rich-text runs); a hundred thousand is not a cell.
_MAX_ELEMENTS_IN_CELL = 100_000
_REF_RE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})\Z")

Cell = tuple[int, int, "str | int | float"]


class ReadBudget:
    """What one import may read: cells, rows and XML elements. Past any of them the rest is not read."""

    def __init__(self, cells: int, rows: int, elements: int) -> None:
        self.cells, self.rows, self.elements = cells, rows, elements
        self.cut_short = False

    def spend(self, cells: int = 0, rows: int = 0, elements: int = 0) -> bool:
        self.cells -= cells
        self.rows -= rows
        self.elements -= elements
        if self.cells < 0 or self.rows < 0 or self.elements < 0:
            self.cut_short = True
        return not self.cut_short


def worksheets(package: zipfile.ZipFile, workbook_part: str) -> Iterator[tuple[str, str]]:
    """(sheet name, package path) of each worksheet in the workbook's order (chartsheets are not)."""
    names = set(package.namelist())
    targets = relationship_targets(package, names, workbook_part, "/worksheet")
    with package.open(workbook_part) as stream:
        for _, element in safe_iterparse(stream):
            if element.tag != f"{_MAIN_NS}sheet":
                continue
            if (part := targets.get(element.get(f"{_DOC_REL_NS}id", ""))) and part in names:
                yield element.get("name", ""), part


def shared_strings(package: zipfile.ZipFile, part: str | None, budget: ReadBudget) -> list[str]:
    """The workbook's shared strings (each counted against the budget's elements)."""
    if part is None or part not in set(package.namelist()):
        return []
    strings: list[str] = []
    with package.open(part) as stream:
        for item in completed(stream, _SHARED_ITEM, budget):
            strings.append(_rich_text(item))
    return strings


def worksheet_cells(package: zipfile.ZipFile, part: str, strings: list[str], budget: ReadBudget) -> Iterator[Cell]:
    """(row, column, value) of each cell that holds a value, in the sheet's order, until the budget ends."""
    row, column = 0, 0
    with package.open(part) as stream:
        for element in completed(stream, _CELL, budget, _ROW):
            if element.tag == _ROW:
                if not budget.spend(rows=1):
                    return
                row, column = _int(element.get("r"), row + 1), 0
                continue
            if not budget.spend(cells=1):
                return
            ref = _REF_RE.match(element.get("r") or "")
            if ref is not None:
                row, column = int(ref.group(2)), _column_number(ref.group(1))
            else:
                column += 1
            value = _cell_value(element, strings)
            if value is not None:
                yield row, column, value


def completed(
    stream: IO[bytes], tags: str | frozenset[str], budget: ReadBudget, start_tag: str | None = None
) -> Iterator[Element]:
    """Each element of tags once it has ended (and each start_tag element as it starts), every element
    dropped from its parent as it ends unless it is inside one of tags: memory holds one such element and
    the open elements above it. Every element counts against the budget as it starts."""
    tags = frozenset((tags,)) if isinstance(tags, str) else tags
    stack: list[Element] = []
    open_tags = inside = 0
    for event, element in safe_iterparse(stream, ("start", "end")):
        if event == "start":
            if not budget.spend(elements=1):
                return
            stack.append(element)
            if element.tag in tags:
                open_tags += 1
                inside = 0
            elif open_tags:
                inside += 1
                if inside > _MAX_ELEMENTS_IN_CELL:
                    raise PackageRefused("文件里的单元格结构异常（一个单元格里的元素过多），文件不可信")
            if element.tag == start_tag:
                yield element
            continue
        stack.pop()
        if element.tag in tags:
            open_tags -= 1
            yield element
        elif open_tags:
            continue  # part of the element being read: kept until it ends
        if stack:
            stack[-1].remove(element)


def _cell_value(cell: Element, strings: list[str]) -> str | int | float | None:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        return _rich_text(inline) if inline is not None else None
    value = cell.findtext(_VALUE)
    if not value:
        return None
    if kind == "s":
        index = _int(value, -1)
        return strings[index] if 0 <= index < len(strings) else None
    if kind == "n":
        try:
            return float(value) if "." in value or "E" in value or "e" in value else int(value)
        except ValueError:
            return value
    return value  # a formula's text result, a boolean, an error: as written


def _rich_text(element: Element) -> str:
    """A shared or inline string: its text, or its runs' texts (phonetic hints left out)."""
    parts = []
    for child in element:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            parts.append(child.findtext(_TEXT) or "")
    return "".join(parts)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None and len(text) <= 12 else default
    except ValueError:
        return default

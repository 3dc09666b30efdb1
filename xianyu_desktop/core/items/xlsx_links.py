"""Hyperlinks in an .xlsx, read from the package: openpyxl's read-only mode drops them.

A seller's list often shows 点我 in a cell whose hyperlink is the item. A sheet's relationships hold its
links' URLs, and a =HYPERLINK("https://…", "点我") formula holds its URL in its text (the value openpyxl
gives is 点我). Only a sheet that has either is read a second time, for the cells they are on. The
package has passed ``xlsx_guard.check_package`` first; its XML is read through defusedxml, one cell or
hyperlink element held at a time.
"""

from __future__ import annotations

import re
import zipfile

from xianyu_desktop.core.items.xlsx_cells import ReadBudget, completed
from xianyu_desktop.core.items.xlsx_guard import relationship_targets

__all__ = ["office_document", "shared_strings_part", "workbook_hyperlinks"]

# Bounds on reading hyperlinks: a seller's list has a few hundred.
MAX_HYPERLINK_CELLS = 200_000

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HYPERLINK_TYPE = "/hyperlink"
_CELL_TAG = f"{_MAIN_NS}c"
_FORMULA_TAG = f"{_MAIN_NS}f"
_HYPERLINK_TAG = f"{_MAIN_NS}hyperlink"
_LINK_TAGS = frozenset((_CELL_TAG, _HYPERLINK_TAG))
# The same bound on XML elements as the cells' read (each element counted as it starts).
MAX_XML_ELEMENTS = 5_000_000
_HYPERLINK_FORMULA = b"HYPERLINK("
# The first argument as a string literal (a cell reference instead is read with that cell).
_HYPERLINK_FORMULA_RE = re.compile(r'HYPERLINK\(\s*"((?:[^"]|"")*)"', re.IGNORECASE)
_OFFICE_DOCUMENT_TYPE = "/officeDocument"


def workbook_hyperlinks(
    package: zipfile.ZipFile, sheets: list[tuple[str, str]]
) -> dict[str, dict[tuple[int, int], str]]:
    """Each sheet's hyperlinks to web pages by (row, column), by package path of the sheet."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    names = set(package.namelist())
    budget = MAX_HYPERLINK_CELLS
    for _, part in sheets:
        urls = relationship_targets(package, names, part, _HYPERLINK_TYPE)
        formulas = _part_contains(package, part, _HYPERLINK_FORMULA)
        if not urls and not formulas:
            continue
        cells: dict[tuple[int, int], str] = {}
        reading = ReadBudget(cells=0, rows=0, elements=MAX_XML_ELEMENTS)
        with package.open(part) as stream:
            for element in completed(stream, _LINK_TAGS, reading):
                if element.tag == _CELL_TAG and formulas and budget > 0:
                    formula = element.findtext(_FORMULA_TAG) or ""
                    if (m := _HYPERLINK_FORMULA_RE.search(formula)) is not None and element.get("r"):
                        budget -= _link_cells(cells, element.get("r", ""), m.group(1).replace('""', '"'), budget)
                elif element.tag == _HYPERLINK_TAG and urls:
                    url = urls.get(element.get(f"{_DOC_REL_NS}id", ""))
                    ref = element.get("ref", "")
                    if url and ref:
                        budget -= _link_cells(cells, ref, url, budget)
        found[part] = cells
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


_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
MAX_COLUMN, MAX_ROW = 16_384, 1_048_576  # XFD, Excel's last column and row


def cell_range(ref: str) -> tuple[int, int, int, int] | None:
    """ "B2" or "B2:C9" (with or without $) as (first column, first row, last column, last row), 1-based;
    None for anything else, or past Excel's last column or row."""
    ends = ref.split(":")
    if not 1 <= len(ends) <= 2:
        return None
    cells: list[tuple[int, int]] = []
    for end in ends:
        match = _CELL_REF.fullmatch(end.strip())
        if match is None:
            return None
        column = 0
        for letter in match.group(1).upper():
            column = column * 26 + ord(letter) - ord("A") + 1
        row = int(match.group(2))
        if not (1 <= column <= MAX_COLUMN and 1 <= row <= MAX_ROW):
            return None
        cells.append((column, row))
    (first_column, first_row), (last_column, last_row) = cells[0], cells[-1]
    return (
        min(first_column, last_column),
        min(first_row, last_row),
        max(first_column, last_column),
        max(first_row, last_row),
    )


def _link_cells(cells: dict[tuple[int, int], str], ref: str, url: str, budget: int) -> int:
    """Puts the link on each cell of ref ("B2" or "B2:C9"), or only the first past the budget; how many."""
    parts = ref.split()
    bounds = cell_range(parts[0]) if parts else None
    if bounds is None:
        return 0
    first_column, first_row, last_column, last_row = bounds
    if (last_row - first_row + 1) * (last_column - first_column + 1) > budget:
        last_column, last_row = first_column, first_row
    count = 0
    for row in range(first_row, last_row + 1):
        for column in range(first_column, last_column + 1):
            cells.setdefault((row, column), url)
            count += 1
    return count


def office_document(package: zipfile.ZipFile) -> str:
    """The workbook part, as the package's own relationships name it."""
    for target in relationship_targets(package, set(package.namelist()), "", _OFFICE_DOCUMENT_TYPE).values():
        return target
    return "xl/workbook.xml"


def shared_strings_part(package: zipfile.ZipFile, workbook_part: str) -> str | None:
    for target in relationship_targets(package, set(package.namelist()), workbook_part, "/sharedStrings").values():
        return target
    return None

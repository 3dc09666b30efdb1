"""A streamed .xlsx writer: each sheet's rows go as XML straight into its deflated part of the zip, so the
whole workbook is never held in memory and no temporary sheet file is written (openpyxl's write-only mode
builds a cell object per cell and copies each sheet through a temporary file: most of an export's time).

Only what the exports need, and every cell through cells.py: strings are inline strings (a string cell
whatever its text, never a formula; no shared-string table to hold), numbers and datetimes carry their
formats, a column of kind "link" holds our own canonical URLs, each written as a hyperlink (up to Excel's
65,530 per sheet; past that the URL stays as text). The header row can be frozen and filtered; the
filter range gets the hidden _xlnm._FilterDatabase name Excel itself writes. A sheet holds at most
Excel's 1,048,576 rows: a bigger one is refused before anything is written."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from xianyu_desktop.core.export.cells import (
    HEADER,
    LINK,
    STYLES_XML,
    column_letter,
    text_cell,
    typed_cell,
    xml_attribute,
)
from xianyu_desktop.core.export.files import ExportError

MAX_ROWS = 1_048_576  # Excel's rows per sheet
MAX_LINKS = 65_530  # Excel's hyperlinks per sheet
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FLUSH_ROWS = 32  # rows joined per write into the deflater: fewer calls, little held


class _Spool:
    """Text kept deflated until it is written out: the hyperlinks of a sheet, which go after its rows and in
    a part of their own (a tenth of the memory of the strings themselves)."""

    def __init__(self) -> None:
        self._packer = zlib.compressobj(1)
        self._chunks: list[bytes] = []

    def add(self, text: str) -> None:
        if chunk := self._packer.compress(text.encode("utf-8")):
            self._chunks.append(chunk)

    def write_to(self, handle: IO[bytes]) -> None:
        self._chunks.append(self._packer.flush())
        unpacker = zlib.decompressobj()
        for chunk in self._chunks:
            handle.write(unpacker.decompress(chunk))
        handle.write(unpacker.flush())
        self._chunks.clear()


class SheetStream:
    """One sheet being written: ``append`` a row of values (None: an empty cell), one value per column."""

    def __init__(
        self,
        handle: IO[bytes],
        name: str,
        headers: Sequence[str],
        kinds: Sequence[str],
        widths: Sequence[float],
        *,
        rows: int,
        frozen: bool,
        filtered: bool,
        selected: bool,
    ) -> None:
        self.name, self.rows, self.links = name, 0, 0
        self._declared = rows + (1 if headers else 0)
        self._handle, self._kinds, self._filtered = handle, tuple(kinds), filtered
        self._letters = tuple(column_letter(n) for n in range(1, len(kinds) + 1))
        self._hyperlinks, self._targets = _Spool(), _Spool()  # <hyperlink> elements, their relationships
        self._buffer: list[str] = []
        view = '<sheetView tabSelected="1" workbookViewId="0"' if selected else '<sheetView workbookViewId="0"'
        if frozen:
            view += (
                '><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
            )
        else:
            view += "/>"
        cols = "".join(
            f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>' for n, width in enumerate(widths, 1)
        )
        self._write(
            f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<dimension ref="A1:{self._letters[-1] if self._letters else "A"}{max(self._declared, 1)}"/>'
            f"<sheetViews>{view}</sheetViews>"
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}<sheetData>'
        )
        if headers:
            self.append(headers, style=HEADER)

    def _write(self, text: str) -> None:
        self._handle.write(text.encode("utf-8"))

    def append(self, values: Sequence[Any], *, kinds: Sequence[str] = (), style: int = 0) -> None:
        """One row; ``kinds``: this row's own kinds (a sheet of label and value pairs), else the columns'."""
        row = self.rows + 1
        if row > MAX_ROWS:
            raise ExportError(f"「{self.name}」超过了 Excel 一张表最多 {MAX_ROWS:,} 行的上限")
        self.rows = row
        parts = [f'<row r="{row}">']
        for letter, kind, value in zip(self._letters, kinds or self._kinds, values, strict=False):
            if value is None:
                continue
            ref = f"{letter}{row}"
            if style:
                parts.append(text_cell(ref, str(value), style))
            elif kind == "link" and isinstance(value, str):
                if self.links < MAX_LINKS:
                    self.links += 1
                    self._hyperlinks.add(f'<hyperlink ref="{ref}" r:id="rId{self.links}"/>')
                    self._targets.add(
                        f'<Relationship Id="rId{self.links}" Type="{_REL}/hyperlink" Target="{xml_attribute(value)}"'
                        ' TargetMode="External"/>'
                    )
                    parts.append(text_cell(ref, value, LINK))
                else:
                    parts.append(text_cell(ref, value))
            else:
                parts.append(typed_cell(ref, value, kind))
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._write("".join(self._buffer))
            self._buffer.clear()

    def finish(self) -> str:
        """Closes the sheet's part; returns its filter range as the workbook names it ("" without one)."""
        if self.rows != self._declared:  # the dimension written first would be wrong: readers trust it
            raise ValueError(f"sheet {self.name}: {self.rows} rows written, {self._declared} declared")
        self._flush()
        column, row = self._letters[-1] if self._letters else "A", max(self.rows, 1)
        tail = ["</sheetData>"]
        if self._filtered:
            tail.append(f'<autoFilter ref="A1:{column}{row}"/>')
        if self.links:
            tail.append("<hyperlinks>")
        self._write("".join(tail))
        if self.links:
            self._hyperlinks.write_to(self._handle)
            self._write("</hyperlinks>")
        self._write('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')
        self._handle.close()
        quoted = self.name.replace("'", "''")
        return f"'{quoted}'!$A$1:${column}${row}" if self._filtered else ""

    def abandon(self) -> None:
        self._buffer.clear()
        self._handle.close()

    def write_relationships(self, handle: IO[bytes]) -> None:
        """The sheet's relationships part: one per hyperlink, to its URL."""
        handle.write(f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'.encode())
        self._targets.write_to(handle)
        handle.write(b"</Relationships>")


class XlsxStream:
    """A workbook written sheet after sheet (one open at a time) into ``path``; ``close`` writes the parts
    that name the sheets. Used as a context manager: an exception leaves the zip closed and incomplete,
    for the caller (write_export) to delete."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self._sheets: list[tuple[str, str]] = []  # name, filter range
        self._open: SheetStream | None = None

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:  # the zip is closed without its workbook part: the caller deletes it
            sheet, self._open = self._open, None
            with contextlib.suppress(Exception):
                if sheet is not None:
                    sheet.abandon()
                self._zip.close()

    def sheet(
        self,
        name: str,
        headers: Sequence[str],
        kinds: Sequence[str],
        widths: Sequence[float],
        *,
        rows: int,
        frozen: bool = True,
        filtered: bool = True,
    ) -> SheetStream:
        """Starts the next sheet (the previous one is finished); ``rows``: the data rows it will hold, so a
        sheet past Excel's limit is refused before it is written."""
        self._finish_open()
        if rows + (1 if headers else 0) > MAX_ROWS:
            raise ExportError(
                f"「{name}」有 {rows:,} 行，超过了 Excel 一张表最多 {MAX_ROWS:,} 行的上限",
                "请分批导出，或导出为 CSV。",
            )
        index = len(self._sheets) + 1
        handle = self._zip.open(self._part(f"xl/worksheets/sheet{index}.xml"), "w")
        self._open = SheetStream(
            handle, name, headers, kinds, widths, rows=rows, frozen=frozen, filtered=filtered, selected=index == 1
        )
        self._sheets.append((name, ""))
        return self._open

    @staticmethod
    def _part(name: str) -> zipfile.ZipInfo:
        part = zipfile.ZipInfo(name, time.localtime()[:6])
        part.compress_type = zipfile.ZIP_DEFLATED  # at zlib's default level, as the other parts
        return part

    def _finish_open(self) -> None:
        sheet, self._open = self._open, None
        if sheet is None:
            return
        span = sheet.finish()
        index = len(self._sheets)
        self._sheets[-1] = (sheet.name, span)
        if sheet.links:
            with self._zip.open(self._part(f"xl/worksheets/_rels/sheet{index}.xml.rels"), "w") as handle:
                sheet.write_relationships(handle)

    def close(self) -> None:
        self._finish_open()
        count = len(self._sheets)
        sheets = "".join(
            f'<sheet name="{xml_attribute(name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, (name, _) in enumerate(self._sheets, 1)
        )
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{xml_attribute(span)}</definedName>"
            for n, (name, span) in enumerate(self._sheets)
            if span
        )
        parts = {
            "[Content_Types].xml": _content_types(count),
            "_rels/.rels": _relationships(
                [
                    (f"{_REL}/officeDocument", "xl/workbook.xml"),
                    (f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
                    (f"{_REL}/extended-properties", "docProps/app.xml"),
                ]
            ),
            "docProps/app.xml": (
                f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                "<Application>xianyu-desktop</Application></Properties>"
            ),
            "docProps/core.xml": _core_properties(),
            "xl/workbook.xml": (
                f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/>'
                f"</bookViews><sheets>{sheets}</sheets>{f'<definedNames>{names}</definedNames>' if names else ''}"
                "</workbook>"
            ),
            "xl/_rels/workbook.xml.rels": _relationships(
                [(f"{_REL}/worksheet", f"worksheets/sheet{n}.xml") for n in range(1, count + 1)]
                + [(f"{_REL}/styles", "styles.xml")]
            ),
            "xl/styles.xml": STYLES_XML,
        }
        for name, text in parts.items():
            self._zip.writestr(name, text)
        self._zip.close()


def _relationships(targets: list[tuple[str, str]]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>' for n, (kind, target) in enumerate(targets, 1)
    )
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _content_types(sheets: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    overrides = [
        ("/xl/workbook.xml", f"{office}.spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{office}.extended-properties+xml"),
    ] + [(f"/xl/worksheets/sheet{n}.xml", f"{office}.spreadsheetml.worksheet+xml") for n in range(1, sheets + 1)]
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
        + "</Types>"
    )


def _core_properties() -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_HEAD}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:creator>闲鱼桌面助手</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )

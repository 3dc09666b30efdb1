"""The streamed .xlsx writer (core/export/xlsx_stream.py) read back with openpyxl where it could differ
from openpyxl's own writer: inline strings instead of shared ones, number and date formats, hyperlinks,
frozen and filtered headers, widths, the sheet's declared size, Excel's row and link limits, cancel."""

from __future__ import annotations

import datetime as dt
import threading
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.core.test_export import HOSTILE, META, rows
from xianyu_desktop.core.export import xlsx_stream
from xianyu_desktop.core.export.cells import DATETIME_FORMAT, MAX_CELL_CHARS, MONEY_FORMAT, TRUNCATED, typed_cell
from xianyu_desktop.core.export.writer import (
    COLUMNS,
    ExportCancelled,
    ExportError,
    ExportRow,
    HistoryRow,
    columns_for,
    write_export,
)
from xianyu_desktop.core.items.importer import read_list_file
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.items.links import canonical_item_url
from xianyu_desktop.core.watch.rules import HistoryPoint

BASE = dt.datetime(2026, 11, 28, 4, 30, 45, tzinfo=dt.UTC).timestamp()  # 12:30:45 in Beijing


def many(count: int) -> tuple[list[ExportRow], list[HistoryRow]]:
    items = [
        ExportRow(str(100_000_000_000 + n), Item(str(100_000_000_000 + n), f"商品 {n}", price=Decimal(n) / 4), BASE + n)
        for n in range(count)
    ]
    history = [
        HistoryRow(r.item_id, f"商品 {n}", HistoryPoint(BASE + 60 * k, Decimal(n + k), "onsale"))
        for n, r in enumerate(items)
        for k in range(2)
    ]
    return items, history


def test_text_is_inline_strings_never_shared_formulas_or_links(tmp_path):
    items = rows()
    padded = ExportRow("100000000098", Item("100000000098", "  两头有空格\n ", price=Decimal(1)))
    url_title = ExportRow("100000000097", Item("100000000097", "http://203.0.113.9/钓鱼", price=Decimal(1)))
    target = write_export(tmp_path / "out.xlsx", [*items, padded, url_title], columns_for(None), [], META)
    with zipfile.ZipFile(target) as package:
        assert package.testzip() is None
        assert "xl/sharedStrings.xml" not in package.namelist()
        sheet_xml = package.read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in sheet_xml and b't="str"' not in sheet_xml and b't="s"' not in sheet_xml
        assert sheet_xml.count(b't="inlineStr"') > len(items) * 5
    sheet = load_workbook(target)["商品"]
    title = next(c.column for c in sheet[1] if c.value == "商品标题")
    texts = [sheet.cell(r, title) for r in range(2, sheet.max_row + 1)]
    assert all(c.data_type == "s" for c in texts if c.value is not None)
    assert [c.value for c in texts[1 : 1 + len(HOSTILE)]] == [t.replace("\r\n", "\n") for t in HOSTILE]
    assert texts[-2].value == "  两头有空格\n "  # leading and trailing space kept (xml:space="preserve")
    assert texts[-1].value == "http://203.0.113.9/钓鱼" and texts[-1].hyperlink is None  # a stranger's URL is text
    linked = [c for row in sheet.iter_rows() for c in row if c.hyperlink is not None]
    assert [c.value for c in linked] == [canonical_item_url(sheet.cell(c.row, 1).value) for c in linked]
    assert len(linked) == sheet.max_row - 1 and {c.column_letter for c in linked} == {"Q"}
    assert all(c.font.underline == "single" and c.font.color.rgb.endswith("0563C1") for c in linked)


def test_formats_dates_widths_frozen_and_filtered_headers(tmp_path):
    items, history = many(300)
    target = write_export(tmp_path / "out.xlsx", items, COLUMNS, history, META)
    book = load_workbook(target)
    sheet, prices, about = book["商品"], book["价格历史"], book["说明"]
    for column in COLUMNS:
        letter = sheet.cell(1, COLUMNS.index(column) + 1).column_letter
        assert sheet.column_dimensions[letter].width == column.width
    header = sheet[1][0]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("E67E22") and header.alignment.horizontal == "center"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:AH301"
    assert prices.freeze_panes == "A2" and prices.auto_filter.ref == "A1:E601"
    assert about.freeze_panes is None and about.auto_filter.ref is None
    assert [prices.column_dimensions[c].width for c in "ABCDE"] == [20, 44, 17, 14, 14]

    row = {sheet.cell(1, c.column).value: c for c in sheet[3]}
    assert row["商品标价(元)"].value == 0.25 and row["商品标价(元)"].number_format == MONEY_FORMAT
    fetched = row["请求时间"]
    assert fetched.is_date and fetched.number_format == DATETIME_FORMAT
    assert fetched.value == dt.datetime(2026, 11, 28, 12, 30, 46)  # seconds kept, Beijing wall clock
    assert row["商品ID"].value == "100000000001" and row["商品ID"].data_type == "s"
    last = [c.value for c in prices[601]]
    assert last[:2] == ["100000000299", "商品 299"] and last[2] == dt.datetime(2026, 11, 28, 12, 31, 45)
    assert last[3] == 300 and prices.cell(601, 4).number_format == MONEY_FORMAT and last[4] == "在售"
    assert prices.cell(601, 3).number_format == DATETIME_FORMAT

    with zipfile.ZipFile(target) as package:
        workbook_xml = package.read("xl/workbook.xml").decode()
    assert "'商品'!$A$1:$AH$301" in workbook_xml and "'价格历史'!$A$1:$E$601" in workbook_xml  # Excel's filter name

    quick = load_workbook(target, read_only=True)  # read-only readers trust the declared size
    assert [quick[name].calculate_dimension() for name in quick.sheetnames] == ["A1:AH301", "A1:E601", "A1:B7"]
    assert len(list(quick["价格历史"].iter_rows(values_only=True))) == 601
    quick.close()
    assert read_list_file(target).ids == [r.item_id for r in items]  # our own importer reads inline strings


def test_cells_of_every_type():
    assert typed_cell("A1", None, "money") == ""
    assert typed_cell("A1", Decimal("4299.50"), "money") == '<c r="A1" s="2"><v>4299.5</v></c>'
    assert typed_cell("A1", 12, "int") == '<c r="A1"><v>12</v></c>'
    assert typed_cell("A1", True, "text") == '<c r="A1" t="b"><v>1</v></c>'
    assert typed_cell("A1", Decimal("0.045"), "percent") == '<c r="A1" s="3"><v>0.045</v></c>'
    assert typed_cell("A1", dt.datetime(1900, 3, 1), "datetime") == '<c r="A1" s="4"><v>61.0</v></c>'
    assert typed_cell("A1", Decimal("NaN"), "money") == '<c r="A1" t="inlineStr"><is><t>NaN</t></is></c>'
    assert typed_cell("A1", "=1+1", "money") == '<c r="A1" t="inlineStr"><is><t>=1+1</t></is></c>'
    assert (
        typed_cell("A1", "a<b&c\ud800\ufffe\x07", "text") == '<c r="A1" t="inlineStr"><is><t>a&lt;b&amp;c</t></is></c>'
    )


def test_a_sheet_past_excels_rows_is_refused_before_it_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "MAX_ROWS", 100)
    items, history = many(60)  # 60 items fit, their 120 history rows do not
    target = tmp_path / "out.xlsx"
    with pytest.raises(ExportError, match=r"价格历史.*超过了 Excel 一张表最多 100 行"):
        write_export(target, items, COLUMNS, history, META)
    assert list(tmp_path.iterdir()) == []


def test_links_past_excels_limit_stay_text(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "MAX_LINKS", 5)
    items, _ = many(8)
    sheet = load_workbook(write_export(tmp_path / "out.xlsx", items, columns_for(["item_id", "link"]), [], META))[
        "商品"
    ]
    links = [sheet.cell(r, 2) for r in range(2, 10)]
    assert [c.hyperlink is not None for c in links] == [True] * 5 + [False] * 3
    assert [c.value for c in links] == [canonical_item_url(r.item_id) for r in items]  # no URL lost


def test_cancel_mid_sheet_leaves_no_file_and_progress_reaches_the_end(tmp_path):
    items, history = many(2100)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"last week's export")
    cancel = threading.Event()
    with pytest.raises(ExportCancelled):
        write_export(target, items, COLUMNS, history, META, cancel=cancel, progress=lambda done, total: cancel.set())
    assert target.read_bytes() == b"last week's export" and [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]

    seen: list[tuple[int, int]] = []
    write_export(target, items, COLUMNS, history, META, progress=lambda done, total: seen.append((done, total)))
    total = len(items) + len(history)
    assert seen[-1] == (total, total) and [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 3
    book = load_workbook(target, read_only=True)
    assert len(list(book["价格历史"].iter_rows(values_only=True))) == len(history) + 1
    book.close()


def test_a_text_longer_than_an_excel_cell_is_cut_and_says_so_and_the_csv_keeps_it_whole(tmp_path):
    # Excel holds 32,767 characters (UTF-16 units) in a cell and calls a file with more damaged: the cell
    # is cut, never in the middle of a character, and ends by saying so.
    long_title = "长" * 20_000 + "😀" * 8_000 + "尾" * 100  # 44,100 UTF-16 units
    exact = "满" * MAX_CELL_CHARS
    items = [
        ExportRow("100000000001", Item("100000000001", long_title, price=Decimal(1))),
        ExportRow("100000000002", Item("100000000002", exact, price=Decimal(2))),
    ]
    target = write_export(tmp_path / "out.xlsx", items, columns_for(None), [], META)
    sheet = load_workbook(target)["商品"]
    cut, whole = sheet.cell(2, 2).value, sheet.cell(3, 2).value
    assert cut.endswith(TRUNCATED) and len(cut.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    kept = cut.removesuffix(TRUNCATED)
    assert long_title.startswith(kept) and len(kept.encode("utf-16-le")) // 2 >= MAX_CELL_CHARS - len(TRUNCATED) - 1
    assert whole == exact  # what fits stays whole
    csv = write_export(tmp_path / "out.csv", items, columns_for(None), [], META)
    assert long_title in csv.read_text(encoding="utf-8-sig")

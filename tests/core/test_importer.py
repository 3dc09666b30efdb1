"""read_list_file on real files as Excel, Numbers and Windows write them: encodings, line ends, workbooks
with hyperlinks, and every file that cannot be read saying why."""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from xianyu_desktop.core.items.importer import ListFileError, decode_text, read_list_file
from xianyu_desktop.core.items.links import REASON_EXCEL_NUMBER, REASON_MAYBE_ROUNDED, REASON_NOT_XIANYU

ID = "698765432109876543"
ID13 = "1234567890123"
ID12 = "123456789012"
# The first sector of a real .xls: the OLE compound-file header (magic, minor/major version, byte order).
OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff0900") + bytes(480)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- text and CSV ------------------------------------------------------------------------------------


def test_csv_with_cr_only_line_ends_from_excel_for_mac(tmp_path: Path) -> None:
    rows = [
        "编号,链接,备注",
        f"1,https://www.goofish.com/item?id={ID},九成新",
        f"2,{ID13},",
        f'3,,"两行备注：\r{ID12}"',
    ]
    path = write(tmp_path, "mac.csv", "\r".join(rows).encode("utf-8"))
    assert read_list_file(path).ids == [ID, ID13, ID12]


def test_csv_with_mixed_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.csv", f"a,b\r\n1,{ID}\r2,{ID13}\n3,{ID12}".encode())
    assert read_list_file(path).ids == [ID, ID13, ID12]


@pytest.mark.parametrize("name", ["unicode.txt", "unicode.csv"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_unicode_text_with_a_bom_tab_separated(tmp_path: Path, name: str, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = f"商品ID\t标题\r\n{ID}\t自用 iPhone 14\r\n{ID13}\t「九成新」\r\n"
    path = write(tmp_path, name, bom + text.encode(codec))
    assert read_list_file(path).ids == [ID, ID13]


def test_utf16_without_a_bom_is_told_by_its_zero_bytes(tmp_path: Path) -> None:
    path = write(
        tmp_path, "nobom.txt", f"{ID}\r\n看这个 https://www.goofish.com/item?id={ID13}\r\n".encode("utf-16-le")
    )
    assert read_list_file(path).ids == [ID, ID13]
    assert decode_text(f"{ID}\n".encode("utf-16-be")) == f"{ID}\n"


def test_gb18030_and_utf8_still_read() -> None:
    assert decode_text("商品ID：1".encode("gb18030")) == "商品ID：1"
    assert decode_text(codecs.BOM_UTF8 + "商品".encode()) == "商品"


def test_a_quote_never_closed_in_a_huge_cell_is_read_as_plain_text(tmp_path: Path) -> None:
    # csv gives up on a field past its size limit; the text is still read, not lost.
    text = 'a,"' + "很长的备注，" * 30_000 + f"\nhttps://www.goofish.com/item?id={ID}\n"
    assert read_list_file(write(tmp_path, "broken.csv", text.encode())).ids == [ID]


def test_labelled_ids_and_excel_numbers_in_a_text_file(tmp_path: Path) -> None:
    text = f"商品ID：{ID}\n6.98765E+17\n698765432109876000\n"
    result = read_list_file(write(tmp_path, "list.txt", text.encode()))
    assert result.ids == [ID, "698765432109876000"]
    assert [(p.text, p.reason) for p in result.problems] == [("6.98765E+17", REASON_EXCEL_NUMBER)]
    assert [(n.text, n.reason) for n in result.notes] == [("698765432109876000", REASON_MAYBE_ROUNDED)]


# --- files that cannot be read say why ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\r\n  \t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_LE + " \r\n".encode("utf-16-le")],
)
@pytest.mark.parametrize("name", ["empty.csv", "empty.txt"])
def test_an_empty_file_says_it_is_empty(tmp_path: Path, data: bytes, name: str) -> None:
    with pytest.raises(ListFileError, match="文件是空的"):
        read_list_file(write(tmp_path, name, data))


@pytest.mark.parametrize("name", ["old.xls", "renamed.xlsx", "renamed.csv"])
def test_an_xls_workbook_is_named_with_what_to_do(tmp_path: Path, name: str) -> None:
    with pytest.raises(ListFileError) as caught:
        read_list_file(write(tmp_path, name, OLE_HEADER))
    message = str(caught.value)
    assert ".xls" in message and ".xlsx" in message and "CSV" in message and "另存为" in message


def test_a_file_that_is_not_text_says_so(tmp_path: Path) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(64)
    with pytest.raises(ListFileError, match="不是文本、CSV 或 Excel"):
        read_list_file(write(tmp_path, "photo.csv", png))


def test_a_broken_workbook_says_so_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(ListFileError, match=r"无法读取 Excel 文件 broken\.xlsx"):
        read_list_file(write(tmp_path, "broken.xlsx", b"not a zip"))
    with zipfile.ZipFile(tmp_path / "parts.xlsx", "w") as package:
        package.writestr("hello.txt", "not a workbook")
    with pytest.raises(ListFileError, match=r"另存为 \.xlsx"):
        read_list_file(tmp_path / "parts.xlsx")


def test_an_empty_workbook_says_it_is_empty(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(ListFileError, match="文件是空的"):
        read_list_file(tmp_path / "empty.xlsx")


# --- workbooks ---------------------------------------------------------------------------------------------


def test_a_cell_reading_dian_wo_takes_the_item_its_hyperlink_points_at(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "关注"
    sheet.append(["标题", "链接"])
    sheet.append(["自用 iPhone 14", "点我"])
    sheet["B2"].hyperlink = f"https://www.goofish.com/item?id={ID}"
    sheet.append(["对手的", "打开"])
    sheet["B3"].hyperlink = f"https://h5.m.goofish.com/item?itemId={ID13}"
    sheet["D5"].hyperlink = f"https://www.goofish.com/item?id={ID12}"  # a link on a cell with no text
    sheet["A4"] = "淘宝的"
    sheet["A4"].hyperlink = "https://item.taobao.com/item.htm?id=680000000001"
    other = book.create_sheet("第二页")
    other["C7"] = "看看"
    other["C7"].hyperlink = "https://www.goofish.com/item?id=2222222222222"
    other["A1"] = "内部链接"
    other["A1"].hyperlink = "#关注!A1"
    path = tmp_path / "links.xlsx"
    book.save(path)
    result = read_list_file(path)
    assert result.ids == [ID, ID13, ID12, "2222222222222"]
    assert [(p.text, p.reason) for p in result.problems] == [
        ("https://item.taobao.com/item.htm?id=680000000001", REASON_NOT_XIANYU)
    ]


def test_a_hyperlink_formula_takes_the_item_it_links_to(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "标题"
    book.active["B2"] = f'=HYPERLINK("https://www.goofish.com/item?id={ID}","点我")'
    book.active["B3"] = '=hyperlink(A1, "点我")'  # a cell reference: that cell is read anyway
    book.save(tmp_path / "formula.xlsx")
    assert read_list_file(tmp_path / "formula.xlsx").ids == [ID]


def test_a_hyperlink_over_a_range_of_cells(tmp_path: Path) -> None:
    path = tmp_path / "range.xlsx"
    book = Workbook()
    book.active["A1"] = "点我"
    book.active["A1"].hyperlink = f"https://www.goofish.com/item?id={ID}"
    book.save(path)
    # openpyxl writes one cell per hyperlink; Excel may write a range: widen it in the package.
    rewritten = tmp_path / "range2.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="A1"', b'ref="A1:B2"', 1)
            target.writestr(item, data)
    assert read_list_file(rewritten).ids == [ID]


def test_a_workbook_whose_recorded_size_is_too_small_is_read_whole(tmp_path: Path) -> None:
    book = Workbook()
    for item_id in (ID, ID13, ID12):
        book.active.append([item_id])
    path = tmp_path / "dimension.xlsx"
    book.save(path)
    shrunk = tmp_path / "shrunk.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(shrunk, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert count == 1
            target.writestr(item, data)
    assert read_list_file(shrunk).ids == [ID, ID13, ID12]


def test_a_workbook_renamed_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append([ID, "698765432109876000"])
    book.active.append([698765432109876543])  # a number: Excel has kept 15 digits
    book.save(tmp_path / "list.xlsx")
    path = write(tmp_path, "list.csv", (tmp_path / "list.xlsx").read_bytes())
    result = read_list_file(path)
    assert result.ids == [ID, "698765432109876000"]
    assert [p.reason for p in result.problems] == [REASON_EXCEL_NUMBER]
    assert [n.reason for n in result.notes] == [REASON_MAYBE_ROUNDED]


def test_cell_ranges_are_read_as_excel_writes_them() -> None:
    from xianyu_desktop.core.items.xlsx_links import cell_range

    assert cell_range("B2") == (2, 2, 2, 2)
    assert cell_range("$B$2:C9") == (2, 2, 3, 9)
    assert cell_range("C9:B2") == (2, 2, 3, 9)
    assert cell_range("aa10") == (27, 10, 27, 10)
    assert cell_range("XFD1048576") == (16_384, 1_048_576, 16_384, 1_048_576)
    for bad in ("", "B", "2", "B2:", "B2:C9:D1", "XFE1", "A1048577", "A0", "B-2", "B2 C3", "1B"):
        assert cell_range(bad) is None, bad

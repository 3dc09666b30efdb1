"""Exports read back with openpyxl and the csv module: types, headers, links, history, hostile text."""

from __future__ import annotations

import csv
import datetime as dt
import os
import threading
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from xianyu_desktop.core.export.writer import (
    COLUMNS,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    ExportCancelled,
    ExportError,
    ExportMeta,
    ExportRow,
    HistoryRow,
    columns_for,
    write_export,
)
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.rules import HistoryPoint, WatchState

ID = "698765432109876543"
HOSTILE = ['=HYPERLINK("http://203.0.113.9/x","点我")', "+1", "-2+3", "@SUM(A1)", "\t前面是制表符", "\r\n换行开头"]
META = ExportMeta("关注列表", "http://127.0.0.1:1/router/rest", "企业基础", "0.1.0")
FETCHED = dt.datetime(2026, 11, 28, 12, 30, tzinfo=dt.UTC).timestamp()


def item(item_id: str, title: str, price: str = "4299.50") -> Item:
    return Item(
        item_id=item_id,
        title=title,
        price=Decimal(price),
        original_price=None,
        condition="like_new",
        status="onsale",
        sales=0,
        valid_time=dt.datetime(2026, 11, 1, 9, 15, tzinfo=BEIJING),
        guarantee=("验货担保", "七天无理由"),
        seller_nick="=cmd|' /C calc'!A0",
        seller_score=Decimal("99.2"),
    )


def rows() -> list[ExportRow]:
    watch = WatchState(
        ID,
        0.0,
        note="-对手",
        target_price=Decimal("3999.00"),
        last_price=Decimal("4299.50"),
        previous_price=Decimal("4500.00"),
        first_price=Decimal("4999.00"),
        lowest_price=Decimal("4299.50"),
        last_checked=FETCHED,
        title="自用 iPhone",
    )
    result = [ExportRow(ID, item(ID, "自用 iPhone 14 Pro 控制\x01字符\x1f"), FETCHED, watch)]
    result += [
        ExportRow(str(100000000000 + n), item(str(100000000000 + n), title), FETCHED) for n, title in enumerate(HOSTILE)
    ]
    result.append(ExportRow("100000000099"))  # nothing known about it yet: an empty row, not a crash
    return result


HISTORY = [
    HistoryRow(ID, "自用 iPhone", HistoryPoint(FETCHED - 3600, Decimal("4500.00"), "onsale")),
    HistoryRow(ID, "自用 iPhone", HistoryPoint(FETCHED, Decimal("4299.50"), "onsale")),
    HistoryRow(ID, "自用 iPhone", HistoryPoint(FETCHED + 60, None, "soldout")),
]


def test_xlsx_has_real_types_headers_links_and_history(tmp_path):
    target = write_export(tmp_path / "out.xlsx", rows(), columns_for(None), HISTORY, META)
    book = load_workbook(target)
    assert book.sheetnames == ["商品", "价格历史", "说明"]
    sheet = book["商品"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in COLUMNS]
    assert headers[:16] == [
        "商品ID",
        "商品标题",
        "商品标价(元)",
        "原价(元)",
        "商品成色",
        "商品类目",
        "商品状态",
        "已售数量",
        "物流方式",
        "商品所在地",
        "上架时间",
        "保障服务",
        "卖家昵称",
        "卖家等级",
        "卖家好评率",
        "请求时间",
    ]
    col = {h: i + 1 for i, h in enumerate(headers)}
    last = get_column_letter(len(COLUMNS))  # the market columns (core/export/market_columns.py) included
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{last}{len(rows()) + 1}"
    assert sheet[1][0].font.bold

    id_cell = sheet.cell(2, col["商品ID"])
    assert (id_cell.value, id_cell.data_type) == (ID, "s")  # 18 digits stay text, never 6.98765E+17
    price = sheet.cell(2, col["商品标价(元)"])
    assert (
        price.data_type == "n"
        and Decimal(str(price.value)) == Decimal("4299.5")
        and price.number_format == MONEY_FORMAT
    )
    assert sheet.cell(2, col["原价(元)"]).value is None
    listed = sheet.cell(2, col["上架时间"])
    assert listed.is_date and listed.value == dt.datetime(2026, 11, 1, 9, 15)
    assert sheet.cell(2, col["请求时间"]).value == dt.datetime(2026, 11, 28, 20, 30)  # Beijing wall clock
    score = sheet.cell(2, col["卖家好评率"])
    assert score.value == pytest.approx(0.992) and score.number_format == PERCENT_FORMAT
    change = sheet.cell(2, col["涨跌幅"])
    assert change.value == pytest.approx(-0.045) and change.number_format == PERCENT_FORMAT  # -4.46% shown to 0.1%
    assert sheet.cell(2, col["目标价"]).value == 3999 and sheet.cell(2, col["目标价"]).number_format == MONEY_FORMAT
    link = sheet.cell(2, col["链接"])
    assert link.hyperlink.target == f"https://www.goofish.com/item?id={ID}"
    assert sheet.cell(2, col["商品标题"]).value == "自用 iPhone 14 Pro 控制字符"  # control characters removed
    assert sheet.cell(2, col["保障服务"]).value == "验货担保、七天无理由"
    assert sheet.cell(2, col["商品成色"]).value == "九成新"

    history = book["价格历史"]
    assert [c.value for c in history[1]] == ["商品ID", "商品标题", "时间", "价格", "状态"]
    values = [[c.value for c in row] for row in history.iter_rows(min_row=2)]
    assert len(values) == 3
    assert values[0][:2] == [ID, "自用 iPhone"] and values[0][3] == 4500 and values[0][4] == "在售"
    assert values[2][3] is None and values[2][4] == "已售"
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
    assert about["商品数量"] == len(rows()) and about["权限等级"] == "企业基础" and "0.1.0" in about["程序版本"]


def test_hostile_text_round_trips_as_literal_text_in_xlsx(tmp_path):
    target = write_export(
        tmp_path / "out.xlsx", rows(), columns_for(["商品ID", "商品标题", "卖家昵称", "备注"]), [], META
    )
    sheet = load_workbook(target)["商品"]
    titles = [sheet.cell(r, 2) for r in range(3, 3 + len(HOSTILE))]
    # Line ends read back as LF, as XML defines them; every character that could start a formula stays.
    assert [c.value for c in titles] == [t.replace("\r\n", "\n") for t in HOSTILE]
    assert all(c.data_type == "s" for c in titles)  # strings, never formulas
    nick = sheet.cell(2, 3)
    assert (nick.value, nick.data_type) == ("=cmd|' /C calc'!A0", "s")
    assert (sheet.cell(2, 4).value, sheet.cell(2, 4).data_type) == ("-对手", "s")
    with open(target, "rb") as handle:
        assert b"<f>" not in __import__("zipfile").ZipFile(handle).read("xl/worksheets/sheet1.xml")


def test_csv_is_utf8_with_bom_and_escapes_formulas(tmp_path):
    target = write_export(tmp_path / "out.csv", rows(), columns_for(None), [], META)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][:3] == ["商品ID", "商品标题", "商品标价(元)"]
    assert table[1][0] == "\t" + ID and table[1][2] == "4299.50" and table[1][14] == "99.2%"  # tab: Excel keeps text
    assert [r[1] for r in table[2 : 2 + len(HOSTILE)]] == ["'" + t for t in HOSTILE]
    assert table[1][12] == "'=cmd|' /C calc'!A0"


def test_cancel_and_failure_never_leave_a_half_file(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the seller's previous export")
    cancel = threading.Event()
    cancel.set()
    many = rows() * 200
    with pytest.raises(ExportCancelled):
        write_export(target, many, columns_for(None), [], META, cancel=cancel)
    assert target.read_bytes() == b"the seller's previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_a_file_open_in_excel_gets_a_clear_message(tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)  # what Windows does while Excel holds the file
    with pytest.raises(ExportError, match="Excel"):
        write_export(tmp_path / "out.xlsx", rows(), columns_for(None), [], META)
    assert list(tmp_path.iterdir()) == []


def test_bad_requests_are_plain_errors(tmp_path):
    with pytest.raises(ExportError, match="不认识的列"):
        columns_for(["商品ID", "颜色"])
    with pytest.raises(ExportError, match=r"\.xlsx 或 \.csv"):
        write_export(tmp_path / "out.xls", rows(), columns_for(None), [], META)
    with pytest.raises(ExportError, match="不存在"):
        write_export(tmp_path / "nope" / "out.xlsx", rows(), columns_for(None), [], META)


def test_search_results_export_their_summary_fields_typed_and_strangers_text_literal(tmp_path):
    from xianyu_desktop.core.export.sources import listing_rows
    from xianyu_desktop.core.gateway.search import Listing

    listed = dt.datetime(2026, 11, 20, 4, 1, tzinfo=BEIJING)
    listings = [
        Listing(ID, title=HOSTILE[0], price=Decimal("4939.00"), condition="very_good", location="河南郑州",
                valid_time=listed, seller_nick="=cmd|' /C calc'!A0", status="onsale"),
        Listing("698765432109876544", title="iPhone 14 Pro 镜头膜", price=Decimal("6.5")),
    ]  # fmt: skip
    rows = listing_rows([(listings[0], FETCHED), (listings[1], None)])
    keys = ["item_id", "title", "price", "condition", "location", "valid_time", "seller_nick", "status", "link"]
    target = write_export(tmp_path / "搜索.xlsx", rows, columns_for(keys), [], META)
    sheet = load_workbook(target)["商品"]
    assert [c.value for c in sheet[1]] == ["商品ID", "商品标题", "商品标价(元)", "商品成色", "商品状态",
                                            "商品所在地", "上架时间", "卖家昵称", "链接"]  # fmt: skip
    first = list(sheet[2])
    assert first[0].value == ID and first[0].data_type == "s"
    assert (first[1].value, first[1].data_type) == (HOSTILE[0], "s")
    assert first[2].value == 4939 and not isinstance(first[2].value, str)
    assert first[2].number_format == MONEY_FORMAT
    assert first[3].value == "八成新" and first[4].value == "在售" and first[5].value == "河南郑州"
    assert first[6].value == dt.datetime(2026, 11, 20, 4, 1)  # Beijing wall-clock time
    assert (first[7].value, first[7].data_type) == ("=cmd|' /C calc'!A0", "s")
    assert first[8].hyperlink.target == f"https://www.goofish.com/item?id={ID}"
    assert [c.value for c in sheet[3]][:3] == ["698765432109876544", "iPhone 14 Pro 镜头膜", 6.5]
    with open(target, "rb") as handle:
        assert b"<f>" not in __import__("zipfile").ZipFile(handle).read("xl/worksheets/sheet1.xml")

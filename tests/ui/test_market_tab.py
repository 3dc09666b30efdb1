"""The 行情 tab in the real window against a loopback sandbox on the advanced tier (so same_items and
trade_record exist): a comparison's chart, table, score, suggested prices and verdict; overrides
persisted and recomputed without a call; a blocked seller; thin evidence; cancel; 查看行情 from 查询; the
detail pane's same_items and trade_record."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tests.clock import FakeClock
from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.market.filtering import Reason, Source
from xianyu_desktop.sandbox.catalogue_ids import EXAMPLE_ITEM_ID
from xianyu_desktop.ui.market_model import INCLUDED_COLUMN


@pytest.fixture
def gateway(start_sandbox, use_gateway):
    started = start_sandbox(catalogue_clock=FakeClock())  # a market that stands still between two windows
    use_gateway(started, "advanced")
    return started


def used(gateway) -> int:
    return gateway.state.snapshot()["apps"].get("sandbox-advanced", {}).get("used_today", 0)


def compare_and_wait(qtbot, tab, text: str = EXAMPLE_ITEM_ID) -> None:
    tab.input.setText(text)
    qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.compare_task is not None and not tab.compare_task.running, timeout=30_000)
    assert tab.report is not None


def wait_recomputed(qtbot, tab, before):
    qtbot.waitUntil(lambda: tab.report is not before, timeout=10_000)


def row_of(tab, item_id: str, source: Source = Source.SEARCH):
    return next(
        n
        for n, row in enumerate(tab.model.rows())
        if row.candidate.item_id == item_id and row.candidate.source is source
    )


def test_comparing_the_example_item_shows_chart_table_score_prices_and_verdict(qtbot, open_window, gateway):
    window = open_window()
    tab = window.market_tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "行情"
    assert tab.max_calls.value() == 10  # the service's default budget
    before = used(gateway)
    compare_and_wait(qtbot, tab)
    report = tab.report
    assert report.calls_used == used(gateway) - before > 0
    assert tab.plan is not None and "这次比价最多用" in tab.plan_label.text()  # said before the calls
    asks, sold, item = tab.chart.point_count()
    assert asks == sum(1 for c in report.comparison.comparables if c.source is not Source.TRADE_RECORD) > 0
    assert sold > 0 and item == 1  # advanced: trade_record prices, drawn apart
    assert tab.chart.median_line.count() == 2 and tab.chart.band_low.count() == 2
    assert all(label.startswith("¥") for label in tab.chart.x_axis.categoriesLabels())
    rows = tab.model.rows()
    assert sum(r.included for r in rows) == len(report.comparison.comparables)
    excluded = [r for r in rows if not r.included]
    assert len(excluded) == len(report.comparison.excluded) > 0
    reasons = {tab.model.index(n, 1).data() for n, r in enumerate(rows) if not r.included}
    assert "" not in reasons and "不是同款（型号或规格不同）" in reasons | {"商品本身"}
    assert {r.candidate.source for r in rows} >= {Source.SEARCH, Source.SAME_ITEMS, Source.TRADE_RECORD}
    assert tab.verdict_label.property("verdict") == "ok"
    assert tab.score_label.text() == f"性价比得分 {report.comparison.value_score:.1f} / 100"
    assert tab.stats_label.text().startswith(f"价格分位 {report.comparison.percentile:g}%")
    assert "100 ÷ (1 + q⁴)" in tab.score_label.toolTip()
    quick, patient = report.comparison.suggested.quick_sale, report.comparison.suggested.patient
    assert tab.suggested_label.text() == f"快速出手价 ¥{quick:,.2f}　耐心价 ¥{patient:,.2f}"
    assert tab.reasoning_label.text().startswith(f"同款在售 {report.comparison.stats.count} 件")
    assert report.item.title in tab.item_label.text()
    assert tab.item_label.textFormat() == Qt.TextFormat.PlainText


def test_an_override_recomputes_without_a_call_and_persists(qtbot, open_window, gateway, tmp_path):
    window = open_window()
    tab = window.market_tab
    compare_and_wait(qtbot, tab)
    first = tab.report
    target = next(c for c in first.comparison.comparables if c.source is Source.SEARCH)
    count, calls = first.comparison.stats.count, used(gateway)
    cell = tab.proxy.mapFromSource(tab.model.index(row_of(tab, target.item_id), INCLUDED_COLUMN))
    assert tab.proxy.setData(cell, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)  # the check box
    wait_recomputed(qtbot, tab, first)
    assert tab.report.comparison.stats.count == count - 1
    reasons = {
        (e.candidate.source, e.reason) for e in tab.report.comparison.excluded if e.candidate.item_id == target.item_id
    }
    assert (Source.SEARCH, Reason.MANUAL) in reasons and {r for _, r in reasons} == {Reason.MANUAL}  # its sales too
    assert tab.model.index(row_of(tab, target.item_id), 1).data() == "手动排除"
    assert used(gateway) == calls  # recomputed from the listings gathered: no call
    assert "没有用调用" in tab.summary.text()

    path = tmp_path / "行情"  # 导出行情: the comparison as it stands, the override included
    assert tab.export_button.isEnabled()
    tab.export_to(path)
    qtbot.waitUntil(lambda: (tmp_path / "行情.xlsx").exists() and "已导出" in tab.summary.text(), timeout=10_000)
    book = load_workbook(tmp_path / "行情.xlsx", read_only=True)
    assert book.sheetnames == ["行情", "行情统计"]
    rows = list(book["行情"].iter_rows(values_only=True))
    header = rows[0]
    ids = header.index("商品ID")
    reason = {row[ids]: row[header.index("排除原因")] for row in rows[1:] if row[ids] == target.item_id}
    assert reason == {target.item_id: "手动排除"}
    assert used(gateway) == calls
    window.close()

    again = open_window()  # a new window and session over the same profile
    compare_and_wait(qtbot, again.market_tab)
    excluded = {e.candidate.item_id: e.reason for e in again.market_tab.report.comparison.excluded}
    assert excluded[target.item_id] is Reason.MANUAL


def test_a_blocked_seller_is_gone_from_comparisons(qtbot, open_window, gateway):
    window = open_window()
    tab = window.market_tab
    compare_and_wait(qtbot, tab)
    first = tab.report
    target = next(c for c in first.comparison.comparables if c.source is Source.SEARCH and c.seller_id)
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(row_of(tab, target.item_id), 0)).row())
    action = tab.table.findChild(QAction, "marketBlockSellerAction")
    assert action in tab.table.actions()
    calls = used(gateway)
    action.trigger()
    wait_recomputed(qtbot, tab, first)
    assert used(gateway) == calls
    kept = tab.report.comparison.comparables
    assert not [c for c in kept if target.seller_id in (c.seller_id, c.seller_nick)]
    blocked = [e for e in tab.report.comparison.excluded if e.candidate.seller_id == target.seller_id]
    assert blocked and all(e.reason is Reason.BLOCKED for e in blocked)
    assert "已屏蔽" in {tab.model.index(n, 1).data() for n in range(tab.model.rowCount())}


def test_thin_evidence_says_sample_too_small_and_suggests_no_price(qtbot, open_window, gateway):
    window = open_window()
    tab = window.market_tab
    item = Item("123456789012", title="iPhone 12 mini 128G 白色 自用", price=Decimal("1500"), condition="good")
    tab.view_item(item.item_id, FetchResult(item.item_id, item, raw={"item_id": item.item_id}))  # a listing at hand
    qtbot.waitUntil(lambda: tab.report is not None, timeout=30_000)
    assert tab.verdict_label.property("verdict") == "thin"
    assert tab.verdict_label.text().startswith("样本不足")
    assert tab.suggested_label.text() == "样本不足，不给建议价"
    assert tab.reasoning_label.text() == ""
    assert "苹果手机（推断）" in tab.item_label.text() and "（推断）" in tab.item_label.text().split("原价：")[1]


def test_cancel_stops_the_comparison_and_frees_the_tab(qtbot, open_window, start_sandbox, use_gateway):
    slow = start_sandbox(latency_ms=400, catalogue_clock=FakeClock())
    use_gateway(slow, "advanced")
    window = open_window()
    tab = window.market_tab
    tab.input.setText(EXAMPLE_ITEM_ID)
    qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.plan is not None, timeout=10_000)  # the plan is shown before the calls
    assert tab.cancel_button.isEnabled() and not tab.compare_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert tab.summary.text() == "已取消比价" and tab.compare_button.isEnabled() and not tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.compare_task.running, timeout=15_000)
    assert tab.report is None and tab.model.rowCount() == 0


def test_bad_input_is_said_under_the_field(qtbot, open_window, gateway):
    tab = open_window().market_tab
    tab.input.setText("不是链接")
    qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    assert tab.input_error.isVisibleTo(tab) and tab.input_error.text() and tab.report is None
    assert tab.compare_task is None  # nothing was started


def test_view_market_from_the_lookup_tab_and_the_detail_panes_market_rows(qtbot, open_window, gateway):
    window = open_window()
    lookup, tab = window.lookup_tab, window.market_tab
    lookup_and_wait(qtbot, window, EXAMPLE_ITEM_ID)
    lookup.table.selectRow(0)
    detail = lookup.detail
    qtbot.waitUntil(lambda: detail.same_items.isVisibleTo(detail), timeout=10_000)
    item = lookup.model.results()[0].item
    assert item.same_items and not item.trade_record  # on sale, never sold: no sales to show
    assert detail.same_items.text().startswith(f"同款（网关）：{len(item.same_items)} 件")
    first = item.same_items[0]
    assert f"{first['title']}　¥{Decimal(first['price']):,.2f}　{first['seller_nick']}" in detail.same_items.text()
    assert not detail.trade_record.isVisibleTo(detail) and detail.same_items.textFormat() == Qt.TextFormat.PlainText

    calls = used(gateway)
    lookup.table.findChild(QAction, "lookupMarketAction").trigger()  # 查看行情
    assert window.tabs.currentWidget() is tab and tab.input.text() == EXAMPLE_ITEM_ID
    qtbot.waitUntil(lambda: tab.report is not None, timeout=30_000)
    assert tab.report.item_from_cache and tab.report.plan.item == 0  # the lookup's answer: no call for the item
    assert tab.report.calls_used == used(gateway) - calls

    sold = next(c for c in tab.report.comparison.comparables if c.source is Source.TRADE_RECORD)
    lookup_and_wait(qtbot, window, sold.item_id)  # a comparable that has sold: its trade_record
    row = [r.item_id for r in lookup.model.results()].index(sold.item_id)
    lookup.table.selectRow(lookup.proxy.mapFromSource(lookup.model.index(row, 0)).row())
    qtbot.waitUntil(lambda: detail.trade_record.isVisibleTo(detail), timeout=10_000)
    records = lookup.model.results()[row].item.trade_record
    assert detail.trade_record.text().startswith(f"成交记录：{len(records)} 条")
    assert f"¥{Decimal(records[0]['price']):,.2f}" in detail.trade_record.text().splitlines()[1]


def test_a_row_included_by_hand_counts_and_a_block_can_be_undone(qtbot, open_window, gateway):
    tab = open_window().market_tab
    compare_and_wait(qtbot, tab)
    first = tab.report
    outsider = next(e.candidate for e in first.comparison.excluded if e.reason is Reason.OTHER_PRODUCT)
    cell = tab.proxy.mapFromSource(tab.model.index(row_of(tab, outsider.item_id, outsider.source), INCLUDED_COLUMN))
    assert tab.proxy.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wait_recomputed(qtbot, tab, first)
    assert outsider.item_id in {c.item_id for c in tab.report.comparison.comparables}
    assert tab.model.index(row_of(tab, outsider.item_id, outsider.source), 1).data() == "手动纳入"

    blocked_report = tab.report
    target = next(c for c in blocked_report.comparison.comparables if c.source is Source.SEARCH and c.seller_id)
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(row_of(tab, target.item_id), 0)).row())
    tab.block_listing_action.trigger()
    wait_recomputed(qtbot, tab, blocked_report)
    assert target.item_id not in {c.item_id for c in tab.report.comparison.comparables}
    unblocking = tab.report
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(row_of(tab, target.item_id), 0)).row())
    tab.unblock_action.trigger()
    wait_recomputed(qtbot, tab, unblocking)
    assert target.item_id in {c.item_id for c in tab.report.comparison.comparables}


def test_a_market_the_quota_cannot_pay_for_is_said_in_plain_words(qtbot, open_window, gateway):
    window = open_window()
    tab = window.market_tab
    gateway.state.set_used_today("sandbox-advanced", 100_000 - 1)  # the item takes the day's last call
    compare_and_wait(qtbot, tab)
    assert tab.report.failures and tab.report.market_failed
    qtbot.waitUntil(lambda: window.message_bar is not None and window.message_bar.isVisible(), timeout=5000)
    assert "额度" in window.message_bar.text() and "Traceback" not in window.message_bar.text()
    assert tab.report.failures[0].describe() in tab.summary.text()


@pytest.mark.parametrize("tab_name", ["search_tab", "watch_tab"])
def test_view_market_from_the_search_and_watch_tabs(qtbot, open_window, gateway, tab_name):
    window = open_window()
    source = getattr(window, tab_name)
    if tab_name == "search_tab":
        source.input.setText("iPhone 14 Pro")
        source.start_search()
        qtbot.waitUntil(lambda: source.model.rowCount() > 0 and not source.running, timeout=20_000)
        wanted = source.model.row_at(source.proxy.mapToSource(source.proxy.index(0, 0)).row()).listing.item_id
        action = "searchMarketAction"
    else:
        window.session.watchlist.add([EXAMPLE_ITEM_ID])
        source.reload()
        qtbot.waitUntil(lambda: source.model.rowCount() == 1, timeout=5000)
        wanted, action = EXAMPLE_ITEM_ID, "watchMarketAction"
    source.table.selectRow(0)
    source.table.findChild(QAction, action).trigger()
    tab = window.market_tab
    assert window.tabs.currentWidget() is tab and tab.input.text() == wanted
    qtbot.waitUntil(lambda: tab.report is not None, timeout=30_000)
    assert tab.report.item.item_id == wanted


def check_box_center(table, cell) -> QPoint:
    """Where the 纳入 check box is drawn in ``cell`` (a proxy index), in the viewport's coordinates."""
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(cell).initStyleOption(option, cell)
    option.rect = table.visualRect(cell)
    return table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table).center()


def test_the_included_check_box_is_held_by_qt_and_a_click_asks_for_the_override(qtbot, open_window, gateway):
    window = open_window()
    tab = window.market_tab
    window.tabs.setCurrentWidget(tab)
    window.show()
    qtbot.waitExposed(window)
    made_in: list[threading.Thread] = []
    table_of = tab.model.table_of

    def recorded(*args):
        made_in.append(threading.current_thread())
        return table_of(*args)

    tab.model.table_of = recorded
    compare_and_wait(qtbot, tab)
    assert made_in and threading.main_thread() not in made_in  # the rows' cells are made by the worker
    assert "data" not in vars(type(tab.model)) and "flags" not in vars(type(tab.model))  # no Python in painting
    rows = tab.model.rows()
    for n, row in enumerate(rows):
        cell = tab.model.index(n, INCLUDED_COLUMN)
        assert Qt.CheckState(cell.data(Qt.ItemDataRole.CheckStateRole)) == (
            Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
        )
        checkable = bool(cell.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        assert checkable == (row.reason is not Reason.SELF and row.candidate.source is not Source.TRADE_RECORD)
    sales = [row for row in rows if row.candidate.source is Source.TRADE_RECORD]
    assert len(sales) > len({row.candidate.item_id for row in sales})  # a listing's sales are rows of their own

    first = tab.report
    target = next(c for c in first.comparison.comparables if c.source is Source.SEARCH)
    cell = tab.proxy.mapFromSource(tab.model.index(row_of(tab, target.item_id), INCLUDED_COLUMN))
    tab.table.scrollTo(cell)
    calls = used(gateway)
    with qtbot.waitSignal(tab.model.override_requested, timeout=5000) as asked:
        qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=check_box_center(tab.table, cell))
    assert asked.args == [target.item_id, False]
    wait_recomputed(qtbot, tab, first)
    assert tab.model.index(row_of(tab, target.item_id), 1).data() == "手动排除"
    assert used(gateway) == calls and len(made_in) == 2 and threading.main_thread() not in made_in

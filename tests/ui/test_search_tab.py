"""The 搜索 tab in the real main window, offscreen, against the embedded sandbox over loopback."""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QTableView

from xianyu_desktop.core.items.links import canonical_item_url
from xianyu_desktop.ui.search_model import PICTURES_IN_FLIGHT, PRICE_COLUMN, THUMB_SIDE
from xianyu_desktop.ui.tables import SORT_ROLE

QUERY = "iPhone 14 Pro"  # about 280 listings in the sandbox's market


def used_today(window) -> int:
    apps = window.session.demo_gateway.state.snapshot()["apps"]
    return apps["sandbox-basic"]["used_today"] if "sandbox-basic" in apps else 0  # an app appears with its first call


def search_and_wait(qtbot, window, text: str = QUERY, timeout: int = 20_000) -> None:
    tab = window.search_tab
    tab.input.setText(text)
    qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)
    wait_for_search(qtbot, window, timeout)


def wait_for_search(qtbot, window, timeout: int = 20_000) -> None:
    tab = window.search_tab
    qtbot.waitUntil(lambda: tab.search_task is not None and not tab.search_task.running, timeout=timeout)
    assert not tab.cancel_button.isEnabled() and tab.search_button.isEnabled()


def column(window, header: str) -> list:
    proxy = window.search_tab.proxy
    col = next(c for c in range(proxy.columnCount()) if proxy.headerData(c, Qt.Orientation.Horizontal) == header)
    return [proxy.index(r, col) for r in range(proxy.rowCount())]


def shown_ids(window) -> list[str]:
    return [r.listing.item_id for r in window.search_tab.model.rows()]


def test_the_tab_sits_after_lookup_with_its_named_widgets(demo_window):
    tabs = demo_window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["查询", "搜索", "关注", "行情", "导出"]
    assert tabs.widget(1) is demo_window.search_tab
    for cls, name in [
        (QLineEdit, "searchInput"),
        (QPushButton, "searchButton"),
        (QTableView, "searchResultsView"),
        (QPushButton, "searchMoreButton"),
        (QComboBox, "searchSort"),
        (QLineEdit, "searchMinPrice"),
        (QLineEdit, "searchMaxPrice"),
        (QComboBox, "searchCondition"),
        (QLineEdit, "searchLocation"),
        (QPushButton, "searchCancelButton"),
        (QPushButton, "searchAddWatchButton"),
        (QPushButton, "searchDetailsButton"),
        (QPushButton, "searchRefreshButton"),
    ]:
        assert demo_window.findChild(cls, name) is not None, name
    tab = demo_window.search_tab
    condition = [tab.condition.itemText(i) for i in range(tab.condition.count())]
    assert condition == ["任何成色", "全新", "九成新", "八成新", "七成新", "六成新及以下"]
    sorts = [tab.sort.itemText(i) for i in range(tab.sort.count())]
    assert sorts == ["综合", "价格从低到高", "价格从高到低", "最新发布"]
    assert not tab.more_button.isEnabled() and not tab.refresh_button.isEnabled()


def test_a_search_shows_a_page_of_50_and_more_adds_the_next_none_twice(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    window.tabs.setCurrentWidget(tab)
    before = used_today(window)
    search_and_wait(qtbot, window)
    assert tab.model.rowCount() == 50 and len(set(shown_ids(window))) == 50
    assert used_today(window) == before + 1
    assert tab.more_button.isEnabled() and tab.has_more and tab.next_page == 2
    prices = [index.data() for index in column(window, "价格")]
    assert all(p.startswith("¥") for p in prices if p)
    assert all(index.data() for index in column(window, "标题"))
    summary = tab.summary.text()
    assert "已显示 50 条" in summary and "第 1 页用了 1 次调用" in summary and "今日还剩" in summary
    assert summary in window.statusBar().currentMessage()
    # The thumbnails of the rows on screen come in the background; rows never shown are not fetched.
    qtbot.waitUntil(lambda: tab.model.has_thumbnail(0), timeout=10_000)
    assert not tab.model.has_thumbnail(49) and not tab.model.asked_for_picture(49)

    qtbot.mouseClick(tab.more_button, Qt.MouseButton.LeftButton)
    assert not tab.more_button.isEnabled()  # while the page is on its way
    # The bar keeps what is shown of what was found (no busy animation repainting the tab each frame).
    assert (tab.progress.value(), tab.progress.maximum()) == (50, tab.total_results) and tab.total_results > 100
    wait_for_search(qtbot, window)
    ids = shown_ids(window)
    assert len(ids) == len(set(ids)) == 100
    assert used_today(window) == before + 2
    assert "第 2 页" in tab.summary.text() and "已显示 100 条" in tab.summary.text()


def test_thumbnails_come_for_the_rows_scrolled_into_view_scaled_to_the_cell(qtbot, demo_window, monkeypatch):
    window, tab = demo_window, demo_window.search_tab
    window.tabs.setCurrentWidget(tab)
    loader, in_flight = window.images, []
    request = loader.request_scaled

    def counted(url: str, width: int, height: int) -> None:
        request(url, width, height)
        in_flight.append(len(loader._scaled_pending))

    monkeypatch.setattr(loader, "request_scaled", counted)
    search_and_wait(qtbot, window)
    model, proxy = tab.model, tab.proxy
    on_screen = range(tab.table.rowAt(0), tab.table.rowAt(tab.table.viewport().height() - 1) + 1)
    assert 0 < len(on_screen) < 50
    qtbot.waitUntil(lambda: all(model.has_thumbnail(r) for r in on_screen), timeout=10_000)
    asked = [r for r in range(50) if model.asked_for_picture(r)]
    assert asked == list(on_screen)  # the rows on screen, and only those
    # Fetched and decoded a couple at a time, not a worker per picture at once.
    assert len(in_flight) == len({model.row_at(r).listing.pic_url for r in on_screen})
    assert 1 <= max(in_flight) <= PICTURES_IN_FLIGHT < len(on_screen)
    thumb = proxy.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumb, QPixmap) and max(thumb.width(), thumb.height()) == THUMB_SIDE
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.has_thumbnail(49), timeout=10_000)
    assert not model.asked_for_picture(on_screen[-1] + 1)  # the rows scrolled past were never on screen
    # Sorted by price the other way round, the rows now on screen ask for theirs.
    tab.table.sortByColumn(PRICE_COLUMN, Qt.SortOrder.DescendingOrder)
    tab.table.scrollToTop()
    top = proxy.mapToSource(proxy.index(0, 0)).row()
    qtbot.waitUntil(lambda: model.has_thumbnail(top), timeout=10_000)


def test_rows_made_on_a_worker_are_inserted_as_made(qtbot, demo_window):
    """The search's worker makes each row's cells (SearchModel.built_row); the GUI thread only inserts them."""
    import threading

    from xianyu_desktop.core.gateway.search import Listing
    from xianyu_desktop.ui.search_model import SearchModel, SearchRow

    model = SearchModel(demo_window.images)
    rows = [
        SearchRow(Listing("100000000000000001", title="<b>甲</b>", price=Decimal("12.5"), pic_url=None), 1.0),
        SearchRow(Listing("100000000000000002", title="乙", price=Decimal("3"), pic_url=None), 1.0),
    ]
    built: list = []
    worker = threading.Thread(target=lambda: built.extend(model.built_row(row) for row in rows))
    worker.start()
    worker.join()
    assert model.append(rows, built) == 2
    assert model.index(0, 1).data() == "<b>甲</b>" and model.index(0, 2).data() == "¥12.50"
    assert model.index(1, 2).data(SORT_ROLE) == 3.0
    assert model.append(rows, [model.built_row(row) for row in rows]) == 0  # shown already: not twice
    assert model.rowCount() == 2 and model.rows() == rows


def test_sort_by_price_ascending_shows_rising_prices(qtbot, demo_window):
    tab = demo_window.search_tab
    tab.sort.setCurrentIndex(tab.sort.findData("price_asc"))
    search_and_wait(qtbot, demo_window)
    assert tab.model.rowCount() == 50
    prices = [index.data(SORT_ROLE) for index in column(demo_window, "价格")]
    assert prices == sorted(prices) and prices[0] < prices[-1]


def test_filters_reach_the_gateway_and_enter_searches(qtbot, demo_window):
    tab = demo_window.search_tab
    tab.min_price.setText("3000")
    tab.max_price.setText("¥5,000")
    tab.condition.setCurrentIndex(tab.condition.findData("like_new"))
    tab.input.setText("iPhone 14")
    qtbot.keyClick(tab.input, Qt.Key.Key_Return)
    wait_for_search(qtbot, demo_window)
    rows = tab.model.rows()
    assert rows and all(Decimal(3000) <= r.listing.price <= Decimal(5000) for r in rows)
    assert {r.listing.condition for r in rows} == {"like_new"}
    assert {index.data() for index in column(demo_window, "成色")} == {"九成新"}


def test_a_selected_row_fills_the_detail_pane_from_item_get(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    search_and_wait(qtbot, window)
    before = used_today(window)
    tab.table.selectRow(3)
    listing = tab.model.row_at(tab.proxy.mapToSource(tab.proxy.index(3, 0)).row()).listing
    assert tab.detail.title.text() == listing.title  # the summary at once
    # Then the details: fields only item_get has (the category) fill in, through the lookup's cache.
    qtbot.waitUntil(lambda: tab.detail.fields["category"].text() != "", timeout=10_000)
    assert tab.detail.title.text() == listing.title
    assert used_today(window) == before + 1
    tab.table.selectRow(4)
    assert tab.detail.fields["category"].text() == ""  # row 4's summary
    qtbot.waitUntil(lambda: tab.detail.fields["category"].text() != "", timeout=10_000)
    tab.table.selectRow(3)  # again: the cache answers
    qtbot.waitUntil(lambda: tab.detail_task is not None and not tab.detail_task.running, timeout=10_000)
    assert tab.detail.title.text() == listing.title and tab.detail.fields["category"].text() != ""
    assert used_today(window) == before + 2  # row 4's details; row 3's came from the cache


def test_add_to_watchlist_says_how_many_were_added(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    search_and_wait(qtbot, window)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.watch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已加入关注 1 个" in window.statusBar().currentMessage(), timeout=5000)
    first = shown_ids(window)[0]
    assert window.session.watchlist.item_ids() == [first]
    qtbot.waitUntil(lambda: window.watch_tab.model.rowCount() == 1, timeout=5000)
    tab.table.selectAll()
    qtbot.mouseClick(tab.watch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已加入关注 49 个（1 个已在关注中）" in window.statusBar().currentMessage(), timeout=5000)
    assert sorted(window.session.watchlist.item_ids()) == sorted(shown_ids(window))


def test_details_puts_the_selection_on_the_lookup_tab_and_looks_it_up(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    window.tabs.setCurrentWidget(tab)
    search_and_wait(qtbot, window)
    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.proxy.index(1, 0),
        tab.table.selectionModel().SelectionFlag.Select | tab.table.selectionModel().SelectionFlag.Rows,
    )
    wanted = tab.selected_ids()
    assert len(wanted) == 2
    qtbot.mouseClick(tab.details_button, Qt.MouseButton.LeftButton)
    lookup = window.lookup_tab
    assert window.tabs.currentWidget() is lookup
    assert lookup.input.toPlainText().split("\n") == wanted
    qtbot.waitUntil(lambda: lookup.fetch_task is not None and not lookup.fetch_task.running, timeout=10_000)
    assert sorted(r.item_id for r in lookup.model.results()) == sorted(wanted)
    assert all(r.ok for r in lookup.model.results())


def test_refresh_asks_the_gateway_again(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    search_and_wait(qtbot, window)
    before = used_today(window)
    search_and_wait(qtbot, window)  # the same search within two minutes: the cache's page
    assert used_today(window) == before and "第 1 页来自缓存" in tab.summary.text()
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    wait_for_search(qtbot, window)
    assert used_today(window) == before + 1 and tab.model.rowCount() == 50


def test_cancel_during_a_slow_search_frees_the_window_at_once(qtbot, open_window):
    window = open_window("--demo", "--sandbox-latency-ms", "1500")
    tab = window.search_tab
    before = used_today(window)
    tab.input.setText(QUERY)
    qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)
    cancelled = tab.search_task
    assert tab.cancel_button.isEnabled() and not tab.search_button.isEnabled()
    qtbot.waitUntil(lambda: window.session.demo_gateway.state.snapshot()["counts"].get("admitted", 0) > 0, timeout=5000)
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert tab.search_button.isEnabled() and not tab.cancel_button.isEnabled()
    assert "已取消搜索" in tab.summary.text() and "已取消搜索" in window.statusBar().currentMessage()
    assert cancelled.running  # the page asked for is still on its way…
    qtbot.waitUntil(lambda: not cancelled.running, timeout=10_000)
    assert tab.model.rowCount() == 0  # …and is not shown when it comes
    assert "已取消搜索" in tab.summary.text()
    assert used_today(window) == before + 1
    # The window is usable: the same search again is answered by the cache (the page that came back).
    search_and_wait(qtbot, window)
    assert tab.model.rowCount() == 50 and used_today(window) == before + 1


def test_a_bad_input_is_said_next_to_the_inputs_and_nothing_is_sent(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    before = window.session.demo_gateway.state.snapshot()["counts"].get("admitted", 0)
    for low, high, keyword, said in [
        ("5000", "3000", QUERY, "最低价 5000 高于最高价 3000"),
        ("abc", "", QUERY, "最低价不是金额"),
        ("", "12.345", QUERY, "最高价最多精确到分"),
        ("", "", "   ", "请输入搜索关键词"),
    ]:
        tab.min_price.setText(low)
        tab.max_price.setText(high)
        tab.input.setText(keyword)
        qtbot.mouseClick(tab.search_button, Qt.MouseButton.LeftButton)
        assert tab.input_error.isVisibleTo(tab) and said in tab.input_error.text()
        assert tab.search_task is None and tab.search_button.isEnabled()
    assert window.session.demo_gateway.state.snapshot()["counts"].get("admitted", 0) == before
    tab.min_price.clear()
    tab.max_price.clear()
    search_and_wait(qtbot, window)
    assert not tab.input_error.isVisibleTo(tab) and tab.model.rowCount() == 50


def test_nothing_found_says_so(qtbot, demo_window):
    window, tab = demo_window, demo_window.search_tab
    search_and_wait(qtbot, window, "没有这种东西的关键词")
    assert tab.model.rowCount() == 0 and not tab.more_button.isEnabled()
    assert "没有找到" in tab.summary.text() and "没有找到" in window.statusBar().currentMessage()


def test_export_the_search_results_to_xlsx_and_csv(qtbot, demo_window, tmp_path):
    window, tab = demo_window, demo_window.search_tab
    search_and_wait(qtbot, window)
    rows = {r.listing.item_id: r.listing for r in tab.model.rows()}
    export = window.export_tab
    export.what_search.setChecked(True)
    target = tmp_path / "搜索.xlsx"
    export.path.setText(str(target))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: export.task is not None and not export.task.running, timeout=20_000)
    assert "已导出 50 个商品" in export.result.text()
    sheet = load_workbook(target)["商品"]
    headers = [c.value for c in sheet[1]]
    at = {h: headers.index(h) + 1 for h in ("商品ID", "商品标题", "商品标价(元)", "商品成色", "链接", "上架时间")}
    assert sheet.max_row == 51
    for r in range(2, 52):
        item_id = sheet.cell(r, at["商品ID"]).value
        listing = rows[item_id]
        assert sheet.cell(r, at["商品标题"]).value == listing.title
        price = sheet.cell(r, at["商品标价(元)"])
        assert Decimal(str(price.value)) == listing.price and "¥" in price.number_format
        link = sheet.cell(r, at["链接"])
        assert link.hyperlink is not None and link.hyperlink.target == canonical_item_url(item_id)
        assert sheet.cell(r, at["上架时间"]).is_date
        assert sheet.cell(r, at["商品标题"]).data_type == "s"  # strangers' text is a string, never a formula
    assert set(rows) == {sheet.cell(r, at["商品ID"]).value for r in range(2, 52)}
    with zipfile.ZipFile(target) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")

    export.format.setCurrentIndex(export.format.findData(".csv"))
    csv_path = tmp_path / "搜索.csv"
    export.path.setText(str(csv_path))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not export.task.running, timeout=20_000)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert len(lines) == 50 and {line["商品ID"].strip() for line in lines} == set(rows)


def test_no_search_results_to_export_is_said(qtbot, demo_window, tmp_path):
    export = demo_window.export_tab
    export.what_search.setChecked(True)
    export.path.setText(str(tmp_path / "x.xlsx"))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    assert export.result.text() == "没有可导出的搜索结果" and not (tmp_path / "x.xlsx").exists()


def test_refusals_are_said_in_plain_words_in_the_message_bar(qtbot, open_window, start_sandbox, use_gateway):
    gateway = start_sandbox()
    use_gateway(gateway, "basic", secret="wrong-secret")
    window = open_window()
    search_and_wait(qtbot, window)
    tab = window.search_tab
    qtbot.waitUntil(lambda: window.message_bar is not None and window.message_bar.isVisible(), timeout=5000)
    shown = window.message_bar.text()
    assert shown.startswith("认证失败") and "app_secret" in shown and "Traceback" not in shown
    assert tab.summary.text().startswith("搜索没有完成：认证失败")
    assert tab.model.rowCount() == 0 and not tab.more_button.isEnabled() and tab.search_button.isEnabled()
    window.close()

    gateway.state.set_used_today("sandbox-personal", 100)  # the gateway says today's 100 calls are gone
    use_gateway(gateway, "personal")
    window = open_window()
    search_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: window.message_bar is not None and window.message_bar.isVisible(), timeout=5000)
    assert window.message_bar.text().startswith("今日额度已用完")
    assert "今日额度已用完" in window.search_tab.summary.text()


def test_unreadable_listings_are_counted_in_the_summary(qtbot, demo_window):
    """The sandbox answers only readable listings, so this feeds the tab the step the searcher yields for a
    page with two it had to leave out (core/gateway/search.py parses and counts them)."""
    from xianyu_desktop.core.gateway.search import Listing
    from xianyu_desktop.core.search.searcher import SearchStep

    tab = demo_window.search_tab
    search_and_wait(qtbot, demo_window)
    fresh = Listing("100000000000000001", title="x")  # not among the rows shown
    step = SearchStep(2, (fresh,), 217, True, fetched_at=1.0, unreadable=("第 3 条：商品 ID 无效",), unreadable_count=2)
    tab._progress(tab._generation, step)
    tab._finished(tab._generation)
    assert tab.model.rowCount() == 51
    assert "2 条无法读取，已略过" in tab.summary.text() and "已显示 51 条" in tab.summary.text()


def test_save_as_a_keyword_monitor_fills_the_watch_tabs_dialog(qtbot, demo_window):
    from xianyu_desktop.core.watch.saved_searches import SavedSearches

    window = demo_window
    tab = window.search_tab
    tab.input.setText("  Switch  OLED ")
    tab.max_price.setText("1800")
    tab.min_price.setText("1000")  # no place in a monitor: left out
    tab.condition.setCurrentIndex(tab.condition.findData("very_good"))
    qtbot.mouseClick(window.findChild(QPushButton, "searchSaveButton"), Qt.MouseButton.LeftButton)
    box = window.watch_tab.saved_searches
    assert window.tabs.currentWidget() is window.watch_tab
    dialog = box.dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.query_input.text(), dialog.max_price.text()) == ("  Switch  OLED ", "1800")
    assert dialog.condition.currentData() == "very_good" and dialog.location.text() == ""
    dialog.accept()
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=5000)
    [saved] = SavedSearches(window.session.watchlist.store).all()
    assert (saved.query, str(saved.max_price), saved.condition) == ("Switch OLED", "1800", "very_good")

"""The tables as a seller first sees them: the real window at 1280×800 as it opens (and at 1024×700),
column widths measured with the view's own font."""

from __future__ import annotations

import time

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from tests.ui.conftest import lookup_and_wait
from tests.ui.scripted import record
from xianyu_desktop.paths import app_paths, demo_paths
from xianyu_desktop.ui.formatting import plain_tooltip
from xianyu_desktop.ui.results_model import ResultsModel

H = Qt.Orientation.Horizontal
LONG_TITLE = "自用 iPhone 13 Pro Max 256G 远峰蓝 国行 电池 88% 无拆无修 原装充电器 可小刀 同城面交 顺丰包邮"


def column(table: QTableView, header: str) -> int:
    model = table.model()
    return next(c for c in range(model.columnCount()) if model.headerData(c, H) == header)


def text_room(table: QTableView, col: int) -> int:
    """The width a cell of ``col`` has for its text (the style's margin on each side taken off)."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.columnWidth(col) - 2 * margin


def fits(table: QTableView, col: int, text: str) -> bool:
    return table.fontMetrics().horizontalAdvance(text) <= text_room(table, col)


def on_screen(table: QTableView, col: int) -> bool:
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(col)
    return not header.isSectionHidden(col) and left >= 0 and left + header.sectionSize(col) <= table.viewport().width()


def assert_nothing_cut(table: QTableView) -> None:
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width() + 1, "columns run off the right edge"
    assert not table.horizontalScrollBar().isVisible()
    for col in range(header.count()):
        if not header.isSectionHidden(col):
            assert on_screen(table, col), table.model().headerData(col, H)
            assert header.sectionSize(col) >= header.sectionSizeHint(col), table.model().headerData(col, H)


def looked_up(qtbot, window) -> QTableView:
    ids = window.session.demo_gateway.state.catalogue.demo_ids(8)
    lookup_and_wait(qtbot, window, "\n".join(ids))
    qtbot.waitUntil(lambda: window.lookup_tab.model.rowCount() == 8, timeout=5000)
    return window.lookup_tab.table


def test_at_1280_by_800_as_it_opens_titles_ids_prices_and_headers_are_readable(qtbot, demo_window):
    assert (demo_window.width(), demo_window.height()) == (1280, 800)
    table = looked_up(qtbot, demo_window)
    title, item_id, price = (column(table, name) for name in ("标题", "商品ID", "价格"))
    assert fits(table, title, LONG_TITLE[:24])  # at least 24 characters of a long title
    assert not fits(table, title, LONG_TITLE)  # …which is then elided in the middle, whole in the tooltip
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert table.horizontalHeader().sectionResizeMode(title) == QHeaderView.ResizeMode.Stretch
    model = table.model()
    for row in range(model.rowCount()):
        assert fits(table, item_id, model.index(row, item_id).data())
        assert fits(table, price, model.index(row, price).data())
        full = model.index(row, title).data()
        assert model.index(row, title).data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(full)
    assert fits(table, item_id, "9" * 19) and fits(table, price, "¥99,999.99")
    assert on_screen(table, column(table, "好评率"))
    assert_nothing_cut(table)


def test_a_title_that_looks_like_html_is_shown_as_plain_text_in_the_tooltip(qapp):
    assert plain_tooltip("<b>全新</b> 相机") == '<p style="white-space:pre-wrap">&lt;b&gt;全新&lt;/b&gt; 相机</p>'
    assert plain_tooltip("a < b 相机") == '<p style="white-space:pre-wrap">a &lt; b 相机</p>'


def test_the_watch_tab_shows_the_status_and_wraps_alerts(qtbot, demo_window):
    watchlist = demo_window.session.watchlist
    now = time.time()
    record(watchlist, "712345678901234567", [(now - 7200, "5999"), (now - 3600, "4999")], LONG_TITLE)
    tab = demo_window.watch_tab
    demo_window.tabs.setCurrentWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.alerts.count() == 1, timeout=5000)
    table = tab.table
    assert on_screen(table, column(table, "状态")) and on_screen(table, column(table, "涨跌幅"))
    assert fits(table, column(table, "现价"), "¥4,999.00")
    assert_nothing_cut(table)

    alerts = tab.alerts
    line = alerts.fontMetrics().lineSpacing()
    rect = alerts.visualRect(alerts.model().index(0, 0))
    text = alerts.item(0).text()
    assert alerts.fontMetrics().horizontalAdvance(text) > alerts.viewport().width()  # too long for one line…
    assert rect.right() <= alerts.viewport().width() and rect.height() >= 2 * line  # …so it wraps
    assert not alerts.horizontalScrollBar().isVisible()


def test_at_1024_by_700_nothing_essential_is_off_screen(qtbot, demo_window):
    demo_window.resize(1024, 700)
    table = looked_up(qtbot, demo_window)
    qtbot.waitUntil(lambda: table.viewport().width() < 800, timeout=5000)
    assert_nothing_cut(table)
    assert fits(table, column(table, "标题"), LONG_TITLE[:10])
    tab = demo_window.lookup_tab
    for button in (tab.fetch_button, tab.cancel_button, tab.watch_button):
        corner = button.mapTo(demo_window, button.rect().bottomRight())
        assert demo_window.rect().contains(corner)
    demo_window.session.watchlist.add(["712345678901234567"])
    demo_window.tabs.setCurrentWidget(demo_window.watch_tab)
    demo_window.watch_tab.reload()
    qtbot.waitUntil(lambda: demo_window.watch_tab.model.rowCount() == 1, timeout=5000)
    watch = demo_window.watch_tab.table
    assert on_screen(watch, column(watch, "状态"))
    assert_nothing_cut(watch)


def test_a_header_saved_by_the_old_layout_does_not_bring_back_cramped_columns(qtbot, open_window):
    old = QTableView()
    old.setModel(ResultsModel())
    old.horizontalHeader().setStretchLastSection(True)  # the old layout: every column 100 px, interactive
    state = QSettings(str(demo_paths(app_paths()).config_dir / "window.ini"), QSettings.Format.IniFormat)
    state.setValue("lookup/resultsHeader", old.horizontalHeader().saveState())
    state.sync()
    window = open_window("--demo", "--sandbox-latency-ms", "10")
    table = window.lookup_tab.table
    assert fits(table, column(table, "标题"), LONG_TITLE[:24])
    assert fits(table, column(table, "商品ID"), "9" * 19)
    window.save_state()
    assert state.value("layout/version", type=int) == 2

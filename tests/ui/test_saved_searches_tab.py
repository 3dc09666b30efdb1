"""关键词监控 on the 关注 tab of the real main window: add a saved search through its dialog, see it listed,
a check runs it (the silent baseline, then new listings in the alert panel), remove it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_watch_tab import SPEED, open_on_a_sandbox_with_its_own_clock, poll_now
from xianyu_desktop.core.watch.alerts import AlertKind
from xianyu_desktop.core.watch.saved_searches import SavedSearches
from xianyu_desktop.ui.watch_tab import ALERT_ID_ROLE

LAST_RUN, NEW_COUNT, STATE = 2, 4, 5


def test_add_a_saved_search_poll_it_and_remove_it(qtbot, open_window, start_sandbox, use_gateway):
    window, _gateway, clock = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    box = tab.saved_searches
    searches = SavedSearches(window.session.watchlist.store)

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.query_input.setText("iPhone 14 Pro")
    dialog.max_price.setText("便宜点")
    dialog.accept()
    assert dialog.isVisible() and "最高价" in dialog.problem.text()  # refused in plain words, still open
    dialog.max_price.setText("5000")
    dialog.condition.setCurrentIndex(dialog.condition.findData("like_new"))
    dialog.accept()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=5000)
    assert box.table.item(0, 0).text() == "iPhone 14 Pro"
    assert "¥5,000.00" in box.table.item(0, 1).text() and "九成新" in box.table.item(0, 1).text()
    assert box.table.item(0, LAST_RUN).text() == "未运行"
    [saved] = searches.all()
    assert (saved.query, str(saved.max_price), saved.condition) == ("iPhone 14 Pro", "5000", "like_new")
    qtbot.waitUntil(lambda: "1 个关键词监控" in tab.plan.text(), timeout=5000)

    poll_now(qtbot, window)  # the baseline: recorded, nothing alerted
    qtbot.waitUntil(lambda: box.table.item(0, LAST_RUN).text() != "未运行", timeout=5000)
    assert "已记录" in box.table.item(0, STATE).text() and box.table.item(0, NEW_COUNT).text() == "0"
    assert tab.alerts.count() == 0

    clock.now += 8 * 600 / SPEED  # eight epochs: prices fall under the max, listings sell and come back
    poll_now(qtbot, window)
    alerts = window.session.watchlist.alerts()
    assert alerts and {a.kind for a in alerts} == {AlertKind.NEW_LISTING}
    qtbot.waitUntil(lambda: tab.alerts.count() == len(alerts), timeout=5000)
    assert box.table.item(0, NEW_COUNT).text() == str(len(alerts))
    texts = [tab.alerts.item(i).text() for i in range(tab.alerts.count())]
    assert all(any(a.message in t for t in texts) for a in alerts)
    assert {a.id for a in tab.notified} == {a.id for a in alerts}  # announced (tray or status bar)

    first = tab.alerts.item(0)  # a new listing is not watched: clicking its alert looks it up on 查询
    item_id = first.data(ALERT_ID_ROLE)[1]
    tab.alerts.itemClicked.emit(first)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.lookup_tab, timeout=5000)
    qtbot.waitUntil(lambda: item_id in [r.item_id for r in window.lookup_tab.model.results()], timeout=10_000)

    window.tabs.setCurrentWidget(tab)
    box.table.selectRow(0)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=5000)
    assert searches.all() == []
    assert len(window.session.watchlist.alerts()) == len(alerts)  # its alerts stay in the panel's store

"""我的 on the 关注 tab in the real main window: the toggle marks the selected item as mine (stored, shown
in its column), a check compares it and its undercut alerts reach the panel and the announcements, and the
toggle takes the mark off again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.e2e.test_my_listings import priciest_256
from tests.ui.test_watch_tab import column, open_on_a_sandbox_with_its_own_clock, poll_now
from xianyu_desktop.core.watch.alerts import AlertKind
from xianyu_desktop.core.watch.mine import MyListings


def test_mine_toggle_compares_and_alerts_undercuts(qtbot, open_window, start_sandbox, use_gateway):
    window, gateway, clock = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    my_id = priciest_256(gateway, clock)
    window.session.watchlist.add([my_id])
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert not tab.mine_toggle.isEnabled()  # nothing selected

    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.mine_toggle.isEnabled(), timeout=2000)
    assert not tab.mine_toggle.isChecked()
    qtbot.mouseClick(tab.mine_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.states()[0].mine, timeout=5000)
    assert tab.mine_toggle.isChecked()
    assert tab.model.index(0, column(tab.model, "我的")).data() == "我的"
    assert MyListings(window.session.profile.store).mine_ids() == {my_id}

    poll_now(qtbot, window)
    qtbot.waitUntil(lambda: tab.alerts.count() > 0, timeout=10_000)
    undercuts = [a for a in window.session.watchlist.alerts() if a.kind is AlertKind.UNDERCUT]
    assert undercuts and all(a.item_id == my_id for a in undercuts)
    assert {a.id for a in undercuts} <= {a.id for a in tab.notified}  # announced like the other alerts
    texts = [tab.alerts.item(i).text() for i in range(tab.alerts.count())]
    assert all(any(a.message in t for t in texts) for a in undercuts)
    assert MyListings(window.session.profile.store).summary(my_id) is not None
    assert "我的商品约每" in tab.plan.text()

    qtbot.mouseClick(tab.mine_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.model.states()[0].mine, timeout=5000)
    assert not tab.mine_toggle.isChecked() and tab.model.index(0, column(tab.model, "我的")).data() == ""
    assert MyListings(window.session.profile.store).mine_ids() == set()

"""The Lookup tab in the real main window, offscreen, against real loopback gateways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QTableView,
    QTabWidget,
)

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.ui.results_model import RESULT_ROLE

ID = "698765432109876543"


def column_of(model, header: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)


def texts(window, header: str) -> list[str]:
    model = window.lookup_tab.proxy
    col = column_of(model, header)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_window_has_the_named_widgets_and_demo_badge(demo_window):
    for cls, name in [
        (QTabWidget, "mainTabs"),
        (QPlainTextEdit, "lookupInput"),
        (QPushButton, "lookupButton"),
        (QPushButton, "lookupCancelButton"),
        (QTableView, "resultsView"),
        (QProgressBar, "lookupProgress"),
        (QPushButton, "addToWatchlistButton"),
        (QStatusBar, "statusBar"),
    ]:
        assert demo_window.findChild(cls, name) is not None, name
    assert demo_window.objectName() == "MainWindow"
    tabs = demo_window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["查询", "搜索", "关注", "行情", "导出"]
    assert demo_window.findChild(QLabel, "demoBadge").isVisible()
    assert "演示模式" in demo_window.windowTitle()


def test_paste_counts_ids_and_lists_what_was_refused(qtbot, demo_window):
    tab = demo_window.lookup_tab
    tab.input.setPlainText(
        f"https://www.goofish.com/item?id={ID}\n123456789012, 1234567890123\n"
        "https://item.taobao.com/item.htm?id=680000000001\n【闲鱼】https://m.tb.cn/h.abc?tk=x 点击链接直接打开"
    )
    qtbot.waitUntil(lambda: "识别到 3 个商品 ID" in tab.summary.text(), timeout=5000)
    assert tab.problems.count() == 2
    reasons = " ".join(tab.problems.item(i).text() for i in range(2))
    assert "不是闲鱼商品链接" in reasons and "短链接" in reasons


def test_lookup_fills_rows_formats_prices_and_shows_the_detail(qtbot, demo_window):
    ids = demo_window.session.demo_gateway.state.catalogue.demo_ids(8)
    lookup_and_wait(qtbot, demo_window, "\n".join(ids))
    tab = demo_window.lookup_tab
    assert tab.model.rowCount() == 8
    assert sorted(texts(demo_window, "商品ID")) == sorted(ids)  # rows arrive as their answers do
    prices = [p for p in texts(demo_window, "价格") if p]
    assert prices and all(p.startswith("¥") and p[-3] == "." for p in prices)
    assert tab.progress.value() == 8 and tab.progress.maximum() == 8
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.detail.title.text() == tab.model.result_at(0).item.title, timeout=3000)
    qtbot.waitUntil(lambda: not tab.detail.picture.pixmap().isNull(), timeout=10_000)
    assert "<script" not in tab.detail.description.toHtml()
    assert "查询完成：8 个商品" in demo_window.statusBar().currentMessage()


def test_cached_rows_say_so_and_refresh_asks_the_gateway(qtbot, demo_window):
    ids = demo_window.session.demo_gateway.state.catalogue.demo_ids(3)
    lookup_and_wait(qtbot, demo_window, "\n".join(ids))
    assert set(texts(demo_window, "来源")) == {"网关"}
    lookup_and_wait(qtbot, demo_window, "\n".join(ids))
    assert set(texts(demo_window, "来源")) == {"缓存"}
    tab = demo_window.lookup_tab
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.fetch_task.running, timeout=10_000)
    assert set(texts(demo_window, "来源")) == {"网关"}


def test_cancel_mid_batch_keeps_finished_rows_and_stops_the_rest(qtbot, demo_window):
    gateway = demo_window.session.demo_gateway
    ids = gateway.state.catalogue.demo_ids(40)  # basic tier: 5 a second, so 8 s for all of them
    tab = demo_window.lookup_tab
    tab.input.setPlainText("\n".join(ids))
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 3, timeout=10_000)
    assert tab.cancel_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.fetch_task.running, timeout=10_000)
    rows = tab.model.rowCount()
    assert 3 <= rows < 40
    assert all(r.ok or r.failure.kind.value == "not_found" for r in tab.model.results())
    assert tab.model.rowCount() == rows  # the task has ended: its last row came before its end
    assert "已取消" in demo_window.statusBar().currentMessage()
    # Nothing of the cancelled batch goes out later: a call it still held would claim the shared rate
    # limiter's slot before this one, so when this one lookup has ended the gateway has admitted it alone.
    sent = gateway.state.snapshot()["counts"]["admitted"]
    tab.start_lookup(force=True, ids=[tab.model.results()[0].item_id])
    qtbot.waitUntil(lambda: not tab.fetch_task.running, timeout=10_000)
    assert gateway.state.snapshot()["counts"]["admitted"] == sent + 1


def test_add_selection_to_watchlist(qtbot, demo_window):
    ids = demo_window.session.demo_gateway.state.catalogue.demo_ids(4)
    lookup_and_wait(qtbot, demo_window, "\n".join(ids))
    tab = demo_window.lookup_tab
    tab.table.selectAll()
    qtbot.mouseClick(tab.watch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已加入关注 4 个" in demo_window.statusBar().currentMessage(), timeout=5000)
    assert sorted(demo_window.session.watchlist.item_ids()) == sorted(ids)
    qtbot.waitUntil(lambda: demo_window.watch_tab.model.rowCount() == 4, timeout=5000)
    qtbot.mouseClick(tab.watch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "4 个已在关注中" in demo_window.statusBar().currentMessage(), timeout=5000)


def test_error_rows_for_401_403_and_no_data(qtbot, open_window, start_sandbox, use_gateway):
    gateway = start_sandbox()
    no_data = next(
        str(n) for n in range(100_000_000_000, 100_000_002_000) if gateway.state.catalogue.item(str(n), "x") is None
    )

    use_gateway(gateway, "basic", secret="wrong-secret")
    window = open_window()
    lookup_and_wait(qtbot, window, ID)
    result = window.lookup_tab.proxy.index(0, 0).data(RESULT_ROLE)
    assert result.failure.kind.value == "auth" and result.failure.http_status == 401
    title = texts(window, "标题")[0]
    assert title.startswith("⚠ 认证失败")
    tooltip = window.lookup_tab.proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "app_secret" in tooltip
    window.close()

    gateway.state.set_used_today("sandbox-personal", 100)  # the gateway says today's 100 calls are gone
    use_gateway(gateway, "personal")
    window = open_window()
    lookup_and_wait(qtbot, window, f"{ID}\n{no_data}")
    failures = {r.item_id: r.failure for r in window.lookup_tab.model.results()}
    # The batch stops at the gateway's first no (either item may be sent first); the other is never sent.
    refused = [f for f in failures.values() if f.kind.value == "quota_exhausted" and f.http_status == 403]
    assert len(refused) >= 1
    assert {f.kind.value for f in failures.values()} <= {"quota_exhausted", "not_attempted"}
    window.close()

    gateway.state.set_used_today("sandbox-personal", 0)
    window = open_window()
    lookup_and_wait(qtbot, window, no_data)
    (result,) = window.lookup_tab.model.results()
    assert result.failure.kind.value == "not_found"
    assert texts(window, "标题")[0].startswith("⚠ 无商品数据")


def test_a_link_on_the_clipboard_is_offered_once_and_looked_up(qtbot, demo_window, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    tab = demo_window.lookup_tab
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("【闲鱼】https://m.tb.cn/h.x 我在闲鱼发布了 https://www.goofish.com/item?id=698765432109876543")
    demo_window._check_clipboard()  # what bringing the window to the front does
    qtbot.waitUntil(tab.clipboard_bar.isVisible, timeout=5_000)
    assert "2" in tab.clipboard_label.text()  # the link and the short link (resolved when looked up)
    qtbot.mouseClick(tab.clipboard_lookup, Qt.MouseButton.LeftButton)
    assert not tab.clipboard_bar.isVisible() and "698765432109876543" in tab.input.toPlainText()
    qtbot.waitUntil(lambda: tab.fetch_task is not None and not tab.fetch_task.running, timeout=20_000)
    assert [r.item_id for r in tab.model.results()] == ["698765432109876543"]

    read = []  # the copies read in the background, once the reading is back on the GUI thread
    offer = tab._offer_clipboard
    monkeypatch.setattr(tab, "_offer_clipboard", lambda text, extraction: (read.append(text), offer(text, extraction)))
    demo_window._check_clipboard()  # the same copy: not offered again, not even read
    assert not tab.clipboard_bar.isVisible()
    clipboard.setText("今天天气不错")  # no item in it: nothing to offer
    demo_window._check_clipboard()
    qtbot.waitUntil(lambda: read == ["今天天气不错"], timeout=5_000)
    assert not tab.clipboard_bar.isVisible()

    clipboard.setText("https://www.goofish.com/item?id=841863647831")
    demo_window._check_clipboard()
    qtbot.waitUntil(tab.clipboard_bar.isVisible, timeout=5_000)
    qtbot.mouseClick(tab.clipboard_never, Qt.MouseButton.LeftButton)  # 不再提示: remembered
    assert demo_window.state.value("lookup/clipboardOffers", True, type=bool) is False
    clipboard.setText("https://www.goofish.com/item?id=3778996666395")
    demo_window._check_clipboard()  # offers are off: the clipboard is not even read
    assert not tab.clipboard_bar.isVisible() and read == [
        "今天天气不错",
        "https://www.goofish.com/item?id=841863647831",
    ]
    clipboard.clear()  # the clipboard is the whole session's

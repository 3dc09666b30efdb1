"""The Watchlist tab in the real main window: polling, alerts, chart, editing, removing."""

from __future__ import annotations

import logging
import subprocess
import time
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.clock import FakeClock
from xianyu_desktop.core import poll_child
from xianyu_desktop.ui.watch_model import WatchModel

# The sandbox moves each listing on once an epoch (0.3 s of its clock at speed 2000): prices drop and
# rise, items sell, go offline, come back, vanish. Twenty epochs change almost every item on sale.
SPEED = 2_000
EPOCHS_BETWEEN_CHECKS = 20


def poll_now(qtbot, window) -> None:
    tab = window.watch_tab
    qtbot.waitUntil(lambda: tab.check_now.isEnabled(), timeout=20_000)
    qtbot.mouseClick(tab.check_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.poll_task is not None and not tab.poll_task.running, timeout=30_000)


def column(model: WatchModel, header: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)


def open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway):
    """The window on the demo's tier against a sandbox whose listings move only when the test moves
    their clock (signing and the daily quota keep the real time)."""
    clock = FakeClock(time.time())
    gateway = start_sandbox(latency_ms=5, speed=SPEED, catalogue_clock=clock)
    use_gateway(gateway, "basic")
    return open_window(), gateway, clock


def test_poll_alerts_and_chart(qtbot, open_window, start_sandbox, use_gateway):
    window, gateway, clock = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    ids = gateway.state.catalogue.demo_ids(20)
    window.session.watchlist.add(ids)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 20, timeout=5000)
    resets = []
    tab.model.modelReset.connect(lambda: resets.append(1))

    poll_now(qtbot, window)
    assert all(s.last_checked for s in tab.model.states())
    assert tab.alerts.count() == 0  # the first check is the baseline
    clock.now += EPOCHS_BETWEEN_CHECKS * 600 / SPEED
    poll_now(qtbot, window)
    assert resets == []  # rows were updated in place, never reset per result
    qtbot.waitUntil(lambda: tab.alerts.count() > 0, timeout=5000)
    assert len(tab.notified) == tab.alerts.count()  # each new alert announced once (tray, or status bar here)
    texts = [tab.alerts.item(i).text() for i in range(tab.alerts.count())]
    assert all(any(a.message in t for t in texts) for a in tab.notified)
    assert len(window.session.watchlist.alerts()) == tab.alerts.count()

    changed = next(s for s in tab.model.states() if s.previous_price is not None)
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(changed.item_id), 0)).row()
    tab.table.selectRow(row)
    qtbot.waitUntil(lambda: tab.chart.price_series.count() >= 3, timeout=5000)
    change = tab.model.index(tab.model.row_of(changed.item_id), column(tab.model, "涨跌幅")).data()
    assert change.endswith("%") and change[0] in "+-"
    assert "在售商品约每" in tab.plan.text()


def test_alert_click_marks_it_read_and_mark_all(qtbot, open_window, start_sandbox, use_gateway):
    window, gateway, clock = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    window.session.watchlist.add(gateway.state.catalogue.demo_ids(20))
    tab.reload()
    poll_now(qtbot, window)
    clock.now += EPOCHS_BETWEEN_CHECKS * 600 / SPEED
    poll_now(qtbot, window)
    qtbot.waitUntil(lambda: tab.alerts.count() > 0, timeout=5000)
    tab._alert_activated(tab.alerts.item(0))
    qtbot.waitUntil(
        lambda: len(window.session.watchlist.alerts(unread_only=True)) == tab.alerts.count() - 1, timeout=5000
    )
    qtbot.mouseClick(tab.mark_read, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.watchlist.alerts(unread_only=True) == [], timeout=5000)


def test_edit_target_threshold_and_note_in_place_then_remove(qtbot, demo_window):
    tab = demo_window.watch_tab
    ids = demo_window.session.demo_gateway.state.catalogue.demo_ids(3)
    demo_window.session.watchlist.add(ids)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=5000)
    row = tab.model.row_of(ids[0])
    model = tab.model
    assert model.setData(model.index(row, column(model, "目标价")), "¥3,500")
    assert model.setData(model.index(row, column(model, "降价提醒")), "8")
    assert model.setData(model.index(row, column(model, "备注")), "对手的 iPhone")
    refused = []
    model.edit_refused.connect(refused.append)
    assert not model.setData(model.index(row, column(model, "降价提醒")), "abc")
    assert refused == ["请输入数字"]
    watchlist = demo_window.session.watchlist
    saved = ("对手的 iPhone", Decimal("3500.00"), Decimal(8))  # three edits, saved by tasks in any order
    qtbot.waitUntil(lambda: (lambda s: (s.note, s.target_price, s.threshold_pct))(watchlist.get(ids[0])) == saved)
    qtbot.waitUntil(lambda: model.index(row, column(model, "目标价")).data() == "¥3,500.00", timeout=5000)

    tab.table.selectRow(tab.proxy.mapFromSource(model.index(model.row_of(ids[1]), 0)).row())
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    assert sorted(watchlist.item_ids()) == sorted([ids[0], ids[2]])


def test_the_editor_opens_on_the_plain_value_and_saves_what_is_typed(qtbot, demo_window):
    tab = demo_window.watch_tab
    item_id = demo_window.session.demo_gateway.state.catalogue.demo_ids(1)[0]
    demo_window.session.watchlist.add([item_id])
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    model, watchlist = tab.model, demo_window.session.watchlist
    target = model.index(0, column(model, "目标价"))
    assert model.setData(target, "3500")
    qtbot.waitUntil(lambda: target.data() == "¥3,500.00", timeout=5000)
    assert model.flags(target) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, column(model, "现价"))) & Qt.ItemFlag.ItemIsEditable

    def editor_for(source_column: int) -> QLineEdit:
        tab.table.edit(tab.proxy.mapFromSource(model.index(0, source_column)))
        editors = tab.table.viewport().findChildren(QLineEdit)
        assert len(editors) == 1
        return editors[0]

    editor = editor_for(column(model, "目标价"))
    assert editor.text() == "3500.00"  # not the shown "¥3,500.00", which would not parse back
    editor.setText("3200.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: watchlist.get(item_id).target_price == Decimal("3200.50"), timeout=5000)
    qtbot.waitUntil(lambda: target.data() == "¥3,200.50", timeout=5000)
    qtbot.waitUntil(lambda: not tab.table.viewport().findChildren(QLineEdit))
    editor = editor_for(column(model, "降价提醒"))
    assert editor.text() == "10"  # the threshold, not "≥10%"
    editor.setText("12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: watchlist.get(item_id).threshold_pct == Decimal(12), timeout=5000)
    qtbot.waitUntil(lambda: model.index(0, column(model, "降价提醒")).data() == "≥12%", timeout=5000)


def test_alerts_of_a_poll_reach_the_panel_and_the_tray_together(qtbot, demo_window):
    from xianyu_desktop.core.watch.alerts import AlertKind
    from xianyu_desktop.core.watch.watchlist import Alert
    from xianyu_desktop.ui.watch_tab import ALERT_ROWS_A_TURN, ALERTS_EVERY_MS

    tab = demo_window.watch_tab
    tab.tray = None  # announced on the status bar
    batches = []  # the rows each insertion into the panel took
    add_rows = tab._add_alert_rows
    tab._add_alert_rows = lambda rows: (batches.append(len(rows)), add_rows(rows))

    def alert(n: int) -> Alert:
        return Alert(n, f"80000000000{n}", time.time(), AlertKind.PRICE_DROP, "¥10.00", "¥8.00", f"降价 {n}", False)

    started = time.monotonic()
    tab._queue_alerts([(alert(1), "第一条"), (alert(2), "第二条")], [alert(1), alert(2)])
    tab._queue_alerts([(alert(3), "第三条")], [alert(3)])  # a later batch of the same poll
    assert tab.alerts.count() == 0 and tab.notified == []
    qtbot.waitUntil(lambda: tab.alerts.count() == 3, timeout=5000)
    assert time.monotonic() - started >= ALERTS_EVERY_MS / 1000 * 0.9
    assert [tab.alerts.item(row).text() for row in range(3)] == ["第三条", "第二条", "第一条"]
    assert batches == [3] and [a.id for a in tab.notified] == [1, 2, 3]  # one announcement for the three
    assert "另有 2 条提醒" in demo_window.statusBar().currentMessage()
    many = [alert(n) for n in range(10, 10 + 2 * ALERT_ROWS_A_TURN + 5)]
    tab._queue_alerts([(a, a.message) for a in many], [])
    qtbot.waitUntil(lambda: tab.alerts.count() == 3 + len(many), timeout=5000)
    assert batches[1:] == [ALERT_ROWS_A_TURN, ALERT_ROWS_A_TURN, 5]  # a few rows a turn of the event loop
    assert tab.alerts.item(0).text() == many[-1].message


def test_pause_stops_scheduled_checks(qtbot, demo_window):
    tab = demo_window.watch_tab
    assert tab.scheduler.isActive()
    tab.pause.setChecked(True)
    assert not tab.scheduler.isActive()
    assert "已暂停" in demo_window.statusBar().currentMessage()
    tab.pause.setChecked(False)
    assert tab.scheduler.isActive()


def test_the_windows_round_runs_in_a_process_of_its_own(qtbot, open_window, start_sandbox, use_gateway, monkeypatch):
    spawned: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        spawned.append(real_popen(args, **kwargs))  # type: ignore[call-overload]
        return spawned[-1]

    monkeypatch.setattr(subprocess, "Popen", popen)  # where core/background/child.py starts it
    window, gateway, clock = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    window.session.watchlist.add(gateway.state.catalogue.demo_ids(10))
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 10, timeout=5000)
    poll_now(qtbot, window)
    (child,) = spawned
    assert child.args[-1] == "poll-worker" and child.returncode == 0
    assert all(s.last_checked for s in tab.model.states())  # the child's rows, shown by the window
    clock.now += EPOCHS_BETWEEN_CHECKS * 600 / SPEED
    poll_now(qtbot, window)
    assert len(spawned) == 2
    qtbot.waitUntil(lambda: tab.alerts.count() > 0, timeout=5000)
    assert tab.alerts.count() == len(window.session.watchlist.alerts())


def test_a_round_no_child_can_run_is_done_in_the_window(
    qtbot, open_window, start_sandbox, use_gateway, monkeypatch, tmp_path, caplog
):
    monkeypatch.setattr(poll_child, "poll_command", lambda: [str(tmp_path / "no-such-program")])
    window, gateway, _ = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    window.session.watchlist.add(gateway.state.catalogue.demo_ids(5))
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5, timeout=5000)
    with caplog.at_level(logging.WARNING):
        poll_now(qtbot, window)
    assert all(s.last_checked for s in tab.model.states())
    assert "the round runs in the window's process" in caplog.text

"""Work the GUI thread does once a frame rather than once per answer: progress bars painted with the next
frame (not repainted at once), answers and poll rows added to the tables in batches."""

from __future__ import annotations

import time
from decimal import Decimal

from PySide6.QtWidgets import QProgressBar, QWidget

from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.ui.progress import ProgressBar
from xianyu_desktop.ui.results_model import ResultsModel
from xianyu_desktop.ui.watch_model import WatchModel


def counting(cls):
    class Counting(cls):
        def __init__(self):
            super().__init__()
            self.paints = 0

        def paintEvent(self, event):
            self.paints += 1
            super().paintEvent(event)

    return Counting()


def shown(qtbot, bar) -> QWidget:
    holder = QWidget()
    qtbot.addWidget(holder)
    bar.setParent(holder)
    bar.setRange(0, 100)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: bar.paints > 0)
    return holder


def test_a_plain_progress_bar_repaints_at_once_ours_with_the_next_frame(qtbot):
    plain = counting(QProgressBar)
    holder = shown(qtbot, plain)
    before = plain.paints
    plain.setValue(50)
    assert plain.paints > before  # Qt's QProgressBar.setValue: a synchronous repaint

    ours = counting(ProgressBar)
    holder2 = shown(qtbot, ours)
    before = ours.paints
    for value in range(10, 60, 10):
        ours.setValue(value)
    ours.setMaximum(200)
    assert ours.paints == before and ours.value() == 50 and ours.maximum() == 200
    qtbot.waitUntil(lambda: ours.paints > before)  # painted with the next frame
    assert ours.updatesEnabled()
    ours.reset()
    assert ours.value() == ours.minimum() - 1
    holder.close(), holder2.close()


def result(item_id: str, title: str) -> FetchResult:
    from xianyu_desktop.core.items.item import Item

    return FetchResult(item_id, item=Item(item_id=item_id, title=title), fetched_at=time.time())


def test_a_batch_of_answers_is_one_insertion_and_updates_in_place(qtbot):
    model = ResultsModel()
    inserted, changed = [], []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda top, bottom, roles: changed.append((top.row(), bottom.row())))
    model.upsert_many([result("1", "a"), result("2", "b"), result("3", "c")])
    assert inserted == [(0, 2)] and model.rowCount() == 3
    model.upsert_many([result("2", "b2"), result("4", "d"), result("3", "c2"), result("4", "d2")])
    assert inserted == [(0, 2), (3, 3)]  # the new one, once, with its latest answer
    assert changed == [(1, 1), (2, 2)]  # each updated row once
    assert [r.item.title for r in model.results()] == ["a", "b2", "c2", "d2"]


def state(item_id: str, price: str) -> WatchState:
    return WatchState(item_id, 0.0, last_price=Decimal(price), title=f"商品{item_id}")


def test_a_batch_of_poll_rows_updates_rows_in_place_and_inserts_new_ones_at_once(qtbot):
    model = WatchModel()
    model.reset_to([state(str(n), "10") for n in range(1, 7)])
    inserted, changed = [], []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda top, bottom, roles: changed.append((top.row(), bottom.row())))
    model.upsert_many([state("2", "9"), state("3", "8"), state("6", "7"), state("7", "5"), state("8", "4")])
    assert changed == [(1, 1), (2, 2), (5, 5)] and inserted == [(6, 7)]
    assert [s.last_price for s in model.states()] == [Decimal(p) for p in ("10", "9", "8", "10", "10", "7", "5", "4")]
    assert model.row_of("8") == 7


def test_alerts_are_measured_when_added_and_when_the_width_changes(qtbot):
    from PySide6.QtWidgets import QListView, QListWidgetItem

    from xianyu_desktop.ui.alerts_list import AlertList

    alerts = AlertList(objectName="alertsView")
    qtbot.addWidget(alerts)
    alerts.setWordWrap(True)
    alerts.setResizeMode(QListView.ResizeMode.Adjust)
    alerts.resize(300, 400)
    alerts.show()
    qtbot.waitExposed(alerts)
    alerts.add_first(QListWidgetItem("短提醒"))
    alerts.add_first(QListWidgetItem("价格下降：" + "很长的商品标题" * 12))
    line = alerts.fontMetrics().lineSpacing()
    long_hint, short_hint = alerts.item(0).sizeHint(), alerts.item(1).sizeHint()
    assert long_hint.height() >= 3 * line and line <= short_hint.height() < 2 * line
    assert long_hint.width() <= alerts.viewport().width()
    qtbot.waitUntil(lambda: alerts.visualRect(alerts.model().index(0, 0)).height() == long_hint.height())
    alerts.resize(200, 400)  # narrower: the long alert wraps into more lines
    qtbot.waitUntil(lambda: alerts.item(0).sizeHint().height() > long_hint.height())
    assert alerts.item(0).sizeHint().width() <= alerts.viewport().width()


def test_showing_or_hiding_the_bars_text_is_painted_with_the_next_frame(qtbot):
    plain = counting(QProgressBar)
    holder = shown(qtbot, plain)
    before = plain.paints
    plain.setTextVisible(not plain.isTextVisible())
    assert plain.paints > before  # Qt's QProgressBar.setTextVisible: a synchronous repaint

    ours = counting(ProgressBar)
    holder2 = shown(qtbot, ours)
    before = ours.paints
    ours.setTextVisible(False)
    ours.setTextVisible(True)
    ours.setTextVisible(False)
    assert ours.paints == before and not ours.isTextVisible()
    qtbot.waitUntil(lambda: ours.paints > before)  # painted with the next frame
    assert ours.updatesEnabled()
    holder.close(), holder2.close()

"""Work the GUI thread does once a frame rather than once per answer: progress bars painted with the next
frame (not repainted at once), answers and poll rows added to the tables in batches."""

from __future__ import annotations

import time
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QWidget

from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.ui.progress import ProgressBar
from xianyu_desktop.ui.results_model import ResultsModel
from xianyu_desktop.ui.tables import SORT_ROLE
from xianyu_desktop.ui.watch_model import LOAD_CHUNK_ROWS, STATE_ROLE, WatchModel


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
    # only the updated rows, a cell at a time (Qt's own dataChanged: no emit from Python, which would let go
    # of the GIL), never a range of rows
    assert sorted(set(changed)) == [(1, 1), (2, 2)]
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
    assert sorted(set(changed)) == [(1, 1), (2, 2), (5, 5)] and inserted == [(6, 7)]  # a cell at a time
    assert [s.last_price for s in model.states()] == [Decimal(p) for p in ("10", "9", "8", "10", "10", "7", "5", "4")]
    assert model.row_of("8") == 7


def test_a_long_list_loads_a_chunk_per_frame_and_updates_rows_still_waiting(qtbot):
    model = WatchModel()
    count = 2 * LOAD_CHUNK_ROWS + 50
    states = [state(str(n), "10") for n in range(1, count + 1)]
    rows = model.built_rows(states)
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.load(rows)
    assert model.rowCount() == LOAD_CHUNK_ROWS and model.loading  # the first chunk at once, the rest later
    last = str(count)
    model.upsert_many([state(last, "6")])  # a poll result for a row still waiting
    model.remove([str(count - 1)])
    assert model.state_of(last).last_price == Decimal(6) and model.row_of(last) is None
    qtbot.waitUntil(lambda: not model.loading)
    assert resets == [1] and len(inserted) == 3 and model.rowCount() == count - 1
    assert inserted[0] == (0, LOAD_CHUNK_ROWS - 1) and inserted[-1][1] == count - 2
    assert model.index(model.row_of(last), 3).data() == "¥6.00" and model.state_at(model.row_of(last)).last_price == 6
    editable = [c for c in range(model.columnCount()) if model.flags(model.index(5, c)) & Qt.ItemFlag.ItemIsEditable]
    assert editable == [c for c in range(model.columnCount()) if model.editable(c)] and len(editable) == 3
    assert model.index(5, 0).data(STATE_ROLE) == states[5] and model.index(5, 0).data(SORT_ROLE) == "0" * 19 + "6"
    assert [s.item_id for s in model.states()] == [s.item_id for s in states if s.item_id != str(count - 1)]
    model.load(model.built_rows(states[:3]))  # a new load drops what the previous one had left
    assert model.rowCount() == 3 and not model.loading


def test_times_are_shown_to_the_minute_as_formatting_shows_them():
    from xianyu_desktop.ui import formatting
    from xianyu_desktop.ui.watch_model import minute_text

    for epoch in (0.0, 59.999, 60.0, 1_733_011_199.5, 1_733_011_200.0, time.time()):
        assert minute_text(epoch) == formatting.when_epoch(epoch)
    assert minute_text(None) == ""


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
    alerts.add_first_many([QListWidgetItem(f"第 {n} 条") for n in range(5)], keep=4)  # a poll's batch
    assert [alerts.item(row).text() for row in range(alerts.count())] == [f"第 {n} 条" for n in (4, 3, 2, 1)]
    assert all(line <= alerts.item(row).sizeHint().height() < 2 * line for row in range(4))


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

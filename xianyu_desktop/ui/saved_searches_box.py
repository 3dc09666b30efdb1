"""关键词监控 on the 关注 tab: the saved searches (core/watch/saved_searches.py) with their filters, last and
next run and new-listing count; add (a small dialog) and remove. The watch tab's rounds run them and put
their new_listing alerts in its panel."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.core.errors import UserError
from xianyu_desktop.core.gateway.search import SearchQuery
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.watch.poller import SearchEvent
from xianyu_desktop.core.watch.saved_searches import ROUND_LISTINGS, SavedSearch, SavedSearches, saved_query
from xianyu_desktop.core.watch.watchlist import Alert
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.tasks import Report, TaskRunner, Work

T = TypeVar("T")

SEARCH_ID_ROLE = Qt.ItemDataRole.UserRole + 20


class SavedSearchDraft(NamedTuple):
    """What the 搜索 tab hands over to 保存为关键词监控: its inputs as typed."""

    query: str
    max_price: str = ""
    condition: str = ""
    location: str = ""


class SavedSearchDialog(QDialog):
    """Query, max price, condition and location; checked as the gateway would check them before it closes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearchDialog")
        self.setWindowTitle(self.tr("添加关键词监控"))
        self.query_input = QLineEdit(objectName="savedSearchQuery", placeholderText=self.tr("关键词，如 iPhone 14 Pro"))
        self.max_price = QLineEdit(objectName="savedSearchMaxPrice", placeholderText=self.tr("不限"))
        self.condition = QComboBox(objectName="savedSearchCondition")
        self.condition.addItem(self.tr("不限"), "")
        for code, label in CONDITION_LABELS.items():
            self.condition.addItem(core_text(label), code)
        self.location = QLineEdit(objectName="savedSearchLocation", placeholderText=self.tr("不限（省份或城市）"))
        self.problem = PlainLabel(objectName="savedSearchProblem", wordWrap=True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("关键词"), self.query_input)
        form.addRow(self.tr("最高价（元）"), self.max_price)
        form.addRow(self.tr("成色"), self.condition)
        form.addRow(self.tr("所在地"), self.location)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(PlainLabel(self.tr("第一次检查只记录现有的商品；之后有新发布的商品才提醒。"), wordWrap=True))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.query: SearchQuery | None = None

    def fill(self, draft: SavedSearchDraft) -> None:
        self.query_input.setText(draft.query)
        self.max_price.setText(draft.max_price)
        self.condition.setCurrentIndex(max(0, self.condition.findData(draft.condition)))
        self.location.setText(draft.location)

    def accept(self) -> None:
        try:
            self.query = saved_query(
                self.query_input.text(), self.max_price.text(), self.condition.currentData(), self.location.text()
            )
        except UserError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()


class SavedSearchesBox(QWidget):
    changed = Signal()  # a search was added or removed: the plan changes
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearchesBox")
        self.table = QTableWidget(0, 6, objectName="savedSearchesView")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("关键词"),
                self.tr("筛选"),
                self.tr("上次运行"),
                self.tr("下次运行"),
                self.tr("新发布"),
                self.tr("状态"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("添加关键词监控"), objectName="savedSearchAddButton")
        self.remove_button = QPushButton(self.tr("删除所选"), objectName="savedSearchRemoveButton")
        bar = QHBoxLayout()
        bar.addWidget(PlainLabel(self.tr("关键词监控")), 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.searches: SavedSearches | None = None
        self.runner: TaskRunner | None = None
        self.dialog: SavedSearchDialog | None = None
        self.add_button.clicked.connect(lambda: self.open_dialog())
        self.remove_button.clicked.connect(self.remove_selected)

    def bind(self, searches: SavedSearches, runner: TaskRunner) -> None:
        self.searches, self.runner = searches, runner
        self.reload()

    def _run(self, work: Work[T], on_done: Callable[[T], object]) -> None:
        assert self.runner is not None
        self.runner.run(work, on_done=on_done)

    def reload(self) -> None:
        searches = self.searches
        if searches is not None:
            self._run(lambda report, cancel: searches.all(), self.show_searches)

    def show_searches(self, saved: list[SavedSearch]) -> None:
        self.table.setRowCount(0)
        for search in saved:
            self.update_search(search)

    def rows(self) -> list[int]:
        """The saved searches' ids in table order."""
        return [self.table.item(r, 0).data(SEARCH_ID_ROLE) for r in range(self.table.rowCount())]

    def update_search(self, saved: SavedSearch) -> None:
        """Its row, added or brought up to date (after a round)."""
        ids = self.rows()
        row = ids.index(saved.id) if saved.id in ids else self.table.rowCount()
        if row == self.table.rowCount():
            self.table.insertRow(row)
        if saved.last_error:
            state = saved.last_error
        elif saved.too_broad:
            state = self.tr("范围太大（超过 %1 条，只看最新的）：请加最高价或关键词").replace("%1", str(ROUND_LISTINGS))
        elif not saved.baseline_done:
            state = self.tr("等待第一次检查（只记录，不提醒）")
        else:
            state = self.tr("已记录 %1 个商品").replace("%1", str(saved.seen_count))
        upcoming = formatting.when_epoch(saved.next_run) if saved.next_run is not None else self.tr("下一轮")
        cells = (
            saved.query,
            self._filters(saved),
            formatting.when_epoch(saved.last_run) if saved.last_run is not None else self.tr("未运行"),
            upcoming,
            str(saved.new_count),
            state,
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(SEARCH_ID_ROLE, saved.id)
            self.table.setItem(row, column, item)

    def apply(self, event: SearchEvent) -> tuple[Alert, ...]:
        """A round's outcome: the row brought up to date; returns the alerts for the panel."""
        if event.saved is None:
            self.remove_row(event.search_id)
        else:
            self.update_search(event.saved)
        return event.alerts

    def remove_row(self, search_id: int) -> None:
        ids = self.rows()
        if search_id in ids:
            self.table.removeRow(ids.index(search_id))

    def _filters(self, saved: SavedSearch) -> str:
        parts = []
        if saved.max_price is not None:
            parts.append(self.tr("≤%1").replace("%1", formatting.money(saved.max_price)))
        if saved.condition:
            parts.append(core_text(CONDITION_LABELS.get(saved.condition, saved.condition)))
        if saved.location:
            parts.append(saved.location)
        return " ".join(parts) or self.tr("不限")

    # --- add and remove ---------------------------------------------------------------------------------
    def open_dialog(self, draft: SavedSearchDraft | None = None) -> None:
        self.dialog = SavedSearchDialog(self)
        if draft is not None:
            self.dialog.fill(draft)
        self.dialog.accepted.connect(self._dialog_accepted)
        self.dialog.open()

    def _dialog_accepted(self) -> None:
        assert self.dialog is not None
        query, searches = self.dialog.query, self.searches
        if query is None or searches is None:
            return

        def work(report: Report, cancel: threading.Event) -> SavedSearch:
            return searches.add(query, now=time.time())

        self._run(work, self._added)

    def _added(self, saved: SavedSearch) -> None:
        self.update_search(saved)
        self.status_message.emit(self.tr("已保存关键词监控：%1").replace("%1", saved.query))
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.rows()[r] for r in rows]
        searches = self.searches
        if not ids or searches is None:
            return
        self._run(lambda report, cancel: [i for i in ids if searches.remove(i)], self._removed)

    def _removed(self, ids: list[int]) -> None:
        for search_id in ids:
            self.remove_row(search_id)
        self.status_message.emit(self.tr("已删除 %1 个关键词监控").replace("%1", str(len(ids))))
        self.changed.emit()

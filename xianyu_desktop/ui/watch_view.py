"""The 关注 tab's view: layout only (the buttons and the plan, the filter, the table, the alerts panel, the
price chart and the keyword monitors). Its behaviour is ``watch_tab``."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.ui.alerts_list import AlertList
from xianyu_desktop.ui.credentials_bar import CredentialsBar
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.price_chart import PriceChart
from xianyu_desktop.ui.saved_searches_box import SavedSearchesBox
from xianyu_desktop.ui.tables import row_table
from xianyu_desktop.ui.watch_mine import MineToggle
from xianyu_desktop.ui.watch_model import EDIT_TEXT_ROLE


class EditTextDelegate(QStyledItemDelegate):
    """Opens an editable cell's editor on its plain value (EDIT_TEXT_ROLE: "3500.00"), not on the text it
    shows ("¥3,500.00"): a QStandardItem's edit role is its display role. Set on the editable columns
    only; painting stays Qt's."""

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        text = index.data(EDIT_TEXT_ROLE)
        if isinstance(editor, QLineEdit) and isinstance(text, str):
            editor.setText(text)
        else:
            super().setEditorData(editor, index)


def edit_plain_values(table: QTableView, columns: list[int]) -> EditTextDelegate:
    """``columns``' editors open on the plain value (EditTextDelegate)."""
    delegate = EditTextDelegate(table)
    for column in columns:
        table.setItemDelegateForColumn(column, delegate)
    return delegate


class WatchView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("watchlistTab")
        self.check_now = QPushButton(self.tr("立即检查"), objectName="watchCheckNowButton")
        self.pause = QCheckBox(self.tr("暂停定时检查"), objectName="watchPauseToggle")
        self.remove_button = QPushButton(self.tr("移除"), objectName="watchRemoveButton")
        self.mine_toggle = MineToggle()
        self.plan = PlainLabel(objectName="watchPlanLabel", wordWrap=True)
        self.filter = QLineEdit(objectName="watchFilter", placeholderText=self.tr("筛选关注的商品"))
        self.filter.setClearButtonEnabled(True)
        self.table = row_table("watchView")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.alerts = AlertList(objectName="alertsView")
        # Wrapped, never cut on the right: each alert is as tall as its text needs (at most ALERTS_SHOWN).
        self.alerts.setWordWrap(True)
        self.alerts.setResizeMode(QListView.ResizeMode.Adjust)
        self.alerts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alerts.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.mark_read = QPushButton(self.tr("全部标为已读"), objectName="markAlertsReadButton")
        self.snooze = QPushButton(self.tr("所选商品暂停提醒一天"), objectName="snoozeButton")
        self.chart = PriceChart()
        self.credentials_bar = CredentialsBar()
        self.saved_searches = SavedSearchesBox()

        bar = QHBoxLayout()
        for widget in (self.check_now, self.pause, self.remove_button, self.mine_toggle):
            bar.addWidget(widget)
        bar.addWidget(self.plan, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.credentials_bar)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.table)
        alert_box = QWidget()
        alert_layout = QVBoxLayout(alert_box)
        alert_layout.setContentsMargins(0, 0, 0, 0)
        alert_layout.addWidget(PlainLabel(self.tr("提醒")))
        alert_layout.addWidget(self.alerts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_read)
        buttons.addWidget(self.snooze)
        alert_layout.addLayout(buttons)
        # The table takes the window's whole width (its columns, the status among them, fit on screen);
        # the alerts and the chart share the band below it.
        self.side = QSplitter(Qt.Orientation.Horizontal, objectName="watchSideSplitter")
        self.side.addWidget(alert_box)
        self.side.addWidget(self.chart)
        self.side.addWidget(self.saved_searches)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="watchSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        # Sizes larger than any screen: the splitter scales them down to its own size, keeping the shares.
        self.splitter.setSizes([3000, 2000])
        self.side.setSizes([2000, 2000, 2000])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

"""What the Lookup and Watchlist tables share: a column-list model base, the view's set-up, the
sorting/filtering proxy and reading the selection."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """Rows in ``_rows``; columns in ``_columns``, each a tuple whose first element is the header's
    source text (marked with QT_TRANSLATE_NOOP in HEADER_CONTEXT). Headers are translated when shown,
    not when the column list is built, so they follow the translator installed at start-up."""

    HEADER_CONTEXT = ""
    _rows: list[Any]
    _columns: list[tuple[Any, ...]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.HEADER_CONTEXT, self._columns[section][0])
        return None


def row_table(object_name: str) -> QTableView:
    """Whole-row, multi-row selection; sortable by header click, in arrival order until asked."""
    table = QTableView(objectName=object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def sort_filter_proxy(model: QAbstractTableModel, parent: QObject) -> QSortFilterProxyModel:
    """Sorts by SORT_ROLE; the filter text matches any column, ignoring case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def selected_source_rows(table: QTableView, proxy: QSortFilterProxyModel) -> list[int]:
    return sorted({proxy.mapToSource(i).row() for i in table.selectionModel().selectedRows()})

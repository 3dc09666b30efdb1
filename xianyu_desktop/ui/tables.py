"""What the Lookup and Watchlist tables share: a column-list model base, the view's set-up and column
widths, the sorting/filtering proxy and reading the selection.

Column widths: the title takes the spare width (elided in the middle, whole in its tooltip); every other
column is as wide as its header or its widest expected text, whichever is wider, measured with the view's
font, so IDs, prices and headers such as 好评率 are never cut. Columns a seller needs less often start
hidden and come back from the header's context menu; the detail pane shows them all anyway."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
CELL_PADDING = 20  # a cell's margins and focus frame, both sides, with a little air


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

    def _rows_changed(self, rows: Iterable[int]) -> None:
        """One dataChanged per changed row. Not one per run of adjacent rows: the sort proxy and the view
        handle a range of rows far more slowly than as many single rows (a 2,000-item poll: the GUI
        thread's CPU 3.2–3.8 s with runs, 1.1–1.2 s row by row; bench/bench_watch_2000.py)."""
        last_column = len(self._columns) - 1
        for row in dict.fromkeys(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def source_header(self, column: int) -> str:
        """The column's header before translation: what widest_texts and hidden columns are keyed by."""
        return str(self._columns[column][0])


def row_table(object_name: str) -> QTableView:
    """Whole-row, multi-row selection; sortable by header click, in arrival order until asked."""
    table = QTableView(objectName=object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda at: _column_menu(table, at))
    return table


def fit_columns(
    table: QTableView,
    model: ColumnTableModel,
    *,
    stretch: str,
    widest: Mapping[str, Sequence[str]],
    hidden: Iterable[str] = (),
) -> None:
    """The default layout (see the module docstring). ``stretch``, ``widest`` and ``hidden`` name columns
    by their source header; ``widest`` gives each column's widest expected texts."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    metrics = table.fontMetrics()
    hide = set(hidden)
    for column in range(model.columnCount()):
        name = model.source_header(column)
        table.setColumnHidden(column, name in hide)
        if name == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        content = max((metrics.horizontalAdvance(text) for text in widest.get(name, ())), default=0)
        header.resizeSection(column, max(header.sectionSizeHint(column), content + CELL_PADDING))


def _column_menu(table: QTableView, at: QPoint) -> None:
    """Show or hide columns; the stretching title always stays."""
    header = table.horizontalHeader()
    model = table.model()
    menu = QMenu(table)
    menu.setObjectName("columnMenu")
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        action = QAction(str(model.headerData(column, Qt.Orientation.Horizontal)), menu, checkable=True)
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(lambda shown, c=column: table.setColumnHidden(c, not shown))
        menu.addAction(action)
    menu.popup(header.mapToGlobal(at))


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

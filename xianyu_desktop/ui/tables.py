"""What the Lookup and Watchlist tables share: a column-list model base, the view's set-up and column
widths, the sorting/filtering proxy and reading the selection.

Column widths: the title takes the spare width (elided in the middle, whole in its tooltip); every other
column is as wide as its header or its widest expected text, whichever is wider, measured with the view's
font, so IDs, prices and headers such as 好评率 are never cut. Columns a seller needs less often start
hidden and come back from the header's context menu; the detail pane shows them all anyway."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
CELL_PADDING = 20  # a cell's margins and focus frame, both sides, with a little air


Cells = Sequence[Mapping[int, Any]]  # a row: for each column, role -> value (None: the role unset)
EDITABLE = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
FLAGS_ROLE = int(Qt.ItemDataRole.UserRole) - 1  # where a QStandardItem keeps its flags (QStandardItem::setFlags)


class ColumnTableModel(QStandardItemModel):
    """Rows of Python objects (``_objects``, keyed by ``key_of``) shown through Qt's own item storage.

    Each cell's texts and roles are computed once, when its row arrives or changes (``cells_of``, pure:
    a worker may call it), and set on a QStandardItem. Painting, sorting and filtering then run in C++
    and never call Python: a view over a Python data() needed the GIL some 28 times per visible cell per
    repaint (the delegate's seven roles, each mapped through the sort proxy), 8 ms of a 50-row table's
    repaint on an idle machine and far more while worker threads held the GIL (issue 17's heartbeat).

    Columns are tuples whose first element is the header's source text (marked with QT_TRANSLATE_NOOP in
    HEADER_CONTEXT), translated when shown."""

    HEADER_CONTEXT = ""

    def __init__(self, columns: list[tuple[Any, ...]], parent: QObject | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self._columns = columns
        self._objects: list[Any] = []
        self._cells: list[Cells] = []
        self._row_of: dict[str, int] = {}
        self._column_flags = [EDITABLE if self.editable(c) else READ_ONLY for c in range(len(columns))]
        self._flag_values = [int(flags.value) for flags in self._column_flags]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Translated when shown, so headers follow the translator installed after the model was built
        (a header repaints rarely: this is the one Python call left in painting a table)."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.HEADER_CONTEXT, self._columns[section][0])
        return super().headerData(section, orientation, role)

    # --- what a subclass says ------------------------------------------------------------------------
    def key_of(self, obj: Any) -> str:
        """The row's identity: an object with the same key replaces the row."""
        return str(obj.item_id)

    def cells_of(self, obj: Any) -> Cells:
        """Every column's roles for ``obj``. Pure (formatting and translation only): workers call it."""
        raise NotImplementedError

    def editable(self, column: int) -> bool:
        return False

    def cell_flags(self, column: int, roles: Mapping[int, Any]) -> int:
        """The cell's item flags (a subclass may vary them by cell, e.g. a check box where it applies)."""
        return self._flag_values[column]

    # --- reading --------------------------------------------------------------------------------------
    def object_at(self, row: int) -> Any:
        return self._objects[row]

    def objects(self) -> list[Any]:
        return list(self._objects)

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    def source_header(self, column: int) -> str:
        """The column's header before translation: what widest_texts and hidden columns are keyed by."""
        return str(self._columns[column][0])

    # --- updates ---------------------------------------------------------------------------------------
    def upsert_many(self, objects: Iterable[Any], cells: Iterable[Cells | None] | None = None) -> None:
        """A batch: rows already shown are updated in place (only the roles that changed; one dataChanged
        per row), new ones are appended. ``cells``: each object's ``cells_of``, when a worker computed
        them."""
        fresh: dict[str, tuple[Any, Cells]] = {}
        for obj, known in zip(objects, cells if cells is not None else repeat(None), strict=False):
            row_cells = known if known is not None else self.cells_of(obj)
            key = self.key_of(obj)
            row = self._row_of.get(key)
            if row is None:
                fresh[key] = (obj, row_cells)  # the same key twice in one batch: its latest
            else:
                self._update_row(row, obj, row_cells)
        if fresh:
            self._append(fresh)

    def reset_to(self, objects: Iterable[Any], cells: Iterable[Cells | None] | None = None) -> None:
        """Every row replaced at once: one reset for the views, not a signal per row."""
        rows: dict[str, tuple[Any, Cells]] = {}
        for obj, known in zip(objects, cells if cells is not None else repeat(None), strict=False):
            rows[self.key_of(obj)] = (obj, known if known is not None else self.cells_of(obj))
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._objects, self._cells, self._row_of = [], [], {}
            self._fill(rows)
        finally:
            self.blockSignals(blocked)
            self.endResetModel()

    def remove(self, keys: Iterable[str]) -> None:
        rows = sorted({row for key in keys if (row := self._row_of.get(key)) is not None}, reverse=True)
        for row in rows:
            self.removeRows(row, 1)
            del self._objects[row], self._cells[row]
        if rows:
            self._row_of = {self.key_of(obj): i for i, obj in enumerate(self._objects)}

    def clear_rows(self) -> None:
        self.reset_to(())

    # --- the items --------------------------------------------------------------------------------------
    def _append(self, rows: Mapping[str, tuple[Any, Cells]]) -> None:
        """New rows at the end: one insertion over their range (a signal per row would make the sort proxy
        place each in turn)."""
        first = self.rowCount()
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        blocked = self.blockSignals(True)
        try:
            self._fill(rows)
        finally:
            self.blockSignals(blocked)
            self.endInsertRows()

    def _fill(self, rows: Mapping[str, tuple[Any, Cells]]) -> None:
        """Appends the rows (signals blocked by the caller): inserted empty, then each cell's roles and
        flags set in one call, so Qt makes the items. A QStandardItem made in Python keeps a Python
        wrapper alive for as long as the row lives: 13 objects a row for the cyclic collector to walk, and
        10,000 rows 310 MB instead of 253 MB (bench/bench_memory.py)."""
        if not rows:
            return
        first = self.rowCount()
        self.insertRows(first, len(rows))
        for row, (key, (obj, row_cells)) in enumerate(rows.items(), first):
            self._row_of[key] = row
            self._objects.append(obj)
            self._cells.append(row_cells)
            for column, roles in enumerate(row_cells):
                self.setItemData(self.index(row, column), self._with_flags(column, roles))

    def _with_flags(self, column: int, roles: Mapping[int, Any]) -> dict[int, Any]:
        """A cell's roles as setItemData takes them: it replaces them all, flags included (a QStandardItem
        keeps its flags in FLAGS_ROLE); a role whose value is None is left out."""
        cell = {role: value for role, value in roles.items() if value is not None}
        cell[FLAGS_ROLE] = self.cell_flags(column, roles)
        return cell

    def _update_row(self, row: int, obj: Any, row_cells: Cells) -> None:
        """Sets the cells that changed, one call a cell; Qt signals each (a dataChanged a cell, from C++).
        Not one dataChanged a row emitted from Python: PySide lets go of the GIL for an emit, and taking
        it back behind the poll's worker threads cost the GUI thread up to a millisecond an emit (a batch
        of 20 rows: 8–20 ms of a 4 ms slot)."""
        old = self._cells[row]
        self._objects[row], self._cells[row] = obj, row_cells
        for column, (before, after) in enumerate(zip(old, row_cells, strict=True)):
            if before == after and all(_same_type(before[r], after[r]) for r in after):
                continue
            self.setItemData(self.index(row, column), self._with_flags(column, after))


def id_sort_key(item_id: str) -> str:
    """An item ID as a sort key: digits padded to one width sort as numbers do, and a 19-digit ID does
    not overflow the 64-bit integer a Qt role holds."""
    return item_id.rjust(20, "0") if item_id.isdigit() else item_id


def _same_type(a: Any, b: Any) -> bool:
    return type(a) is type(b)


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


def sort_filter_proxy(model: QAbstractItemModel, parent: QObject) -> QSortFilterProxyModel:
    """Sorts by SORT_ROLE; the filter text matches any column, ignoring case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def selected_source_rows(table: QTableView, proxy: QSortFilterProxyModel) -> list[int]:
    return sorted({proxy.mapToSource(i).row() for i in table.selectionModel().selectedRows()})

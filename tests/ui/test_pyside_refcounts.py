"""Guards against the PySide6 release (6.12.0) that dropped a reference to None or a bool on every model
data() call made through C++: a table then crashes the whole app after a few thousand repaints."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class _Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return False if role == Qt.ItemDataRole.CheckStateRole else None


def test_model_data_keeps_none_and_bool_reference_counts(qapp):
    model = _Model()
    index = model.index(0, 0)
    before = sys.getrefcount(None), sys.getrefcount(False)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.ToolTipRole)
        index.data(Qt.ItemDataRole.CheckStateRole)
    after = sys.getrefcount(None), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50, (before, after)

"""The Lookup results as a table model: one row per item, updated in place, never reset per result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.items.status import STATUS_LABELS
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.tables import SORT_ROLE, ColumnTableModel, Index

RESULT_ROLE = Qt.ItemDataRole.UserRole + 2


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else -1.0


# (header, display, sort key); a failed row shows its error in the title column. A header is its source
# text, translated when shown (ColumnTableModel.headerData); object, as PySide types QT_TRANSLATE_NOOP.
_Column = tuple[object, Callable[[FetchResult], str], Callable[[FetchResult], Any]]


def _columns() -> list[_Column]:
    def item_attr(name: str) -> Callable[[FetchResult], Any]:
        return lambda r: getattr(r.item, name) if r.item is not None else None

    def text_of(name: str) -> Callable[[FetchResult], str]:
        get = item_attr(name)
        return lambda r: str(get(r) or "")

    def label_of(name: str) -> Callable[[FetchResult], str]:
        get = text_of(name)
        return lambda r: core_text(get(r))

    def title(r: FetchResult) -> str:
        if r.item is not None:
            return r.item.title or ""
        assert r.failure is not None
        return f"⚠ {core_text(r.failure.kind.label)}：{r.failure.message}"

    def source(r: FetchResult) -> str:
        if r.from_cache:
            return QCoreApplication.translate("ResultsModel", "缓存")
        return QCoreApplication.translate("ResultsModel", "网关") if r.ok else ""

    return [
        (
            QT_TRANSLATE_NOOP("ResultsModel", "商品ID"),
            lambda r: r.item_id,
            lambda r: int(r.item_id) if r.item_id.isdigit() else 0,
        ),
        (QT_TRANSLATE_NOOP("ResultsModel", "标题"), title, title),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "价格"),
            lambda r: formatting.money(item_attr("price")(r)),
            lambda r: _number(item_attr("price")(r)),
        ),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "原价"),
            lambda r: formatting.money(item_attr("original_price")(r)),
            lambda r: _number(item_attr("original_price")(r)),
        ),
        (QT_TRANSLATE_NOOP("ResultsModel", "成色"), label_of("condition_label"), label_of("condition_label")),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "状态"),
            lambda r: (
                core_text(r.item.status_label or "")
                if r.item
                else (core_text(r.failure.kind.label) if r.failure else "")
            ),
            lambda r: core_text(r.item.status_label or "") if r.item else "~",
        ),
        (QT_TRANSLATE_NOOP("ResultsModel", "所在地"), text_of("location"), text_of("location")),
        (QT_TRANSLATE_NOOP("ResultsModel", "卖家"), text_of("seller_nick"), text_of("seller_nick")),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "好评率"),
            lambda r: formatting.percent(item_attr("seller_score")(r)),
            lambda r: _number(item_attr("seller_score")(r)),
        ),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "上架时间"),
            lambda r: formatting.when(item_attr("valid_time")(r)),
            lambda r: item_attr("valid_time")(r).timestamp() if item_attr("valid_time")(r) else 0.0,
        ),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "获取时间"),
            lambda r: formatting.when_epoch(r.fetched_at),
            lambda r: r.fetched_at or 0.0,
        ),
        (
            QT_TRANSLATE_NOOP("ResultsModel", "来源"),
            source,
            lambda r: int(r.from_cache),
        ),
    ]


TITLE_COLUMN = "标题"
HIDDEN_COLUMNS = ("原价", "所在地", "上架时间", "获取时间", "来源")  # in the detail pane; the header menu shows them


def widest_texts() -> dict[str, list[str]]:
    """Each column's widest expected texts in the interface language (tables.fit_columns). A seller's
    nickname or a place longer than these is elided; an ID (10–19 digits) or a price never is."""
    when = formatting.when(dt.datetime(2024, 12, 28, 23, 58, tzinfo=BEIJING))
    money = formatting.money(Decimal("99999.99"))
    return {
        "商品ID": ["8" * 19],
        "价格": [money],
        "原价": [money],
        "成色": [core_text(label) for label in CONDITION_LABELS.values()],
        "状态": [core_text(label) for label in STATUS_LABELS.values()],
        "所在地": ["黑龙江哈尔滨"],
        "卖家": ["杭州老李的闲置"],
        "好评率": [formatting.percent(Decimal("100.0"))],
        "上架时间": [when],
        "获取时间": [when],
        "来源": [
            QCoreApplication.translate("ResultsModel", "缓存"),
            QCoreApplication.translate("ResultsModel", "网关"),
        ],
    }


class ResultsModel(ColumnTableModel):
    HEADER_CONTEXT = "ResultsModel"
    ERROR_COLOR = QColor("#c0392b")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = _columns()
        self._full_text_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in (TITLE_COLUMN, "所在地", "卖家")
        }
        self._rows: list[FetchResult] = []
        self._row_of: dict[str, int] = {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self._rows[index.row()]
        _, display, sort_key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(result)
        if role == SORT_ROLE:
            return sort_key(result)
        if role == RESULT_ROLE:
            return result
        if role == Qt.ItemDataRole.ForegroundRole and result.failure is not None:
            return QBrush(self.ERROR_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and result.failure is not None:
            return formatting.plain_tooltip(
                f"{core_text(result.failure.kind.label)}：{result.failure.message}\n{core_text(result.failure.remedy)}"
            )
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in self._full_text_columns:
            return formatting.plain_tooltip(display(result)) or None  # the whole title (or nickname, place) when elided
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3, 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- updates -------------------------------------------------------------------------------------
    def upsert(self, result: FetchResult) -> None:
        self.upsert_many([result])

    def upsert_many(self, results: Iterable[FetchResult]) -> None:
        """A frame's worth of answers: rows already shown are updated in place, new ones are appended
        with one insertion over their range."""
        changed: list[int] = []
        new: dict[str, FetchResult] = {}
        for result in results:
            row = self._row_of.get(result.item_id)
            if row is not None:
                self._rows[row] = result
                changed.append(row)
            else:
                new[result.item_id] = result  # the same item twice in one batch: its latest answer
        self._rows_changed(changed)
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, (item_id, result) in enumerate(new.items()):
                self._rows.append(result)
                self._row_of[item_id] = first + offset
            self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self.endResetModel()

    def result_at(self, row: int) -> FetchResult:
        return self._rows[row]

    def results(self) -> list[FetchResult]:
        return list(self._rows)

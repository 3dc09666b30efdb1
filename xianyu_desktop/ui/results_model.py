"""The Lookup results as a table model: one row per item, updated in place, never reset per result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.items.status import STATUS_LABELS
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.tables import SORT_ROLE, Cells, ColumnTableModel, id_sort_key

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
            lambda r: id_sort_key(r.item_id),
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
    RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_columns(), parent)
        self._full_text_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in (TITLE_COLUMN, "所在地", "卖家")
        }
        self._right_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in ("价格", "原价", "好评率")
        }

    def cells_of(self, obj: Any) -> Cells:
        result: FetchResult = obj
        failure = result.failure
        failure_tip = (
            formatting.plain_tooltip(f"{core_text(failure.kind.label)}：{failure.message}\n{core_text(failure.remedy)}")
            if failure is not None
            else None
        )
        brush = QBrush(self.ERROR_COLOR) if failure is not None else None
        cells = []
        for column, (_, display, sort_key) in enumerate(self._columns):
            text = display(result)
            tip = failure_tip
            if tip is None and column in self._full_text_columns:
                tip = formatting.plain_tooltip(text) or None  # the whole title (or nickname, place) when elided
            cells.append(
                {
                    Qt.ItemDataRole.DisplayRole: text,
                    SORT_ROLE: sort_key(result),
                    RESULT_ROLE: result,
                    Qt.ItemDataRole.ForegroundRole: brush,
                    Qt.ItemDataRole.ToolTipRole: tip,
                    Qt.ItemDataRole.TextAlignmentRole: self.RIGHT if column in self._right_columns else None,
                }
            )
        return cells

    # --- updates -------------------------------------------------------------------------------------
    def upsert(self, result: FetchResult) -> None:
        self.upsert_many([result])

    def clear(self) -> None:
        self.clear_rows()

    def result_at(self, row: int) -> FetchResult:
        return self._objects[row]  # type: ignore[no-any-return]

    def results(self) -> list[FetchResult]:
        return list(self._objects)
